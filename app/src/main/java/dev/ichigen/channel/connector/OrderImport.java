package dev.ichigen.channel.connector;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.connector.SalesChannelConnector.PulledOrder;
import dev.ichigen.order.IntakeResult;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * Hands mapped orders to the order module ({@link OrderIntake#accept}, idempotent: the same order again is UNCHANGED,
 * a changed one UPDATED, a cancelled one CANCELLED). An order that cannot be mapped or is refused is recorded in the
 * call log with its number and the fields at fault — never its content — and the others go on.
 */
@Component
public class OrderImport {

    private static final Logger log = LoggerFactory.getLogger(OrderImport.class);

    private final OrderIntake intake;
    private final CallLog calls;

    OrderImport(OrderIntake intake, CallLog calls) {
        this.intake = intake;
        this.calls = calls;
    }

    /** Takes one order in; {@code null} when it could not be (recorded as a failure). */
    public IntakeResult take(long channelId, PulledOrder pulled, String via) {
        String number = pulled.channelOrderNumber() == null ? "(no id)" : pulled.channelOrderNumber();
        if (pulled.error() != null) {
            calls.record(channelId, "import." + via, "order " + number, null, 0, "FAILED", FailureCause.MALFORMED_RESPONSE,
                    "order " + number + ": " + pulled.error());
            return null;
        }
        long started = System.nanoTime();
        try {
            IntakeResult result = intake.accept(pulled.order());
            calls.orderImported(channelId);
            if (result.outcome() != IntakeResult.Outcome.UNCHANGED) {
                log.info("channel {}: order {} {} via {}", channelId, number, result.outcome(), via);
            }
            return result;
        } catch (InvalidInputException e) {
            String fields = e.errors().stream().map(FieldError::field).collect(Collectors.joining(", "));
            calls.record(channelId, "import." + via, "order " + number, null, (System.nanoTime() - started) / 1_000_000,
                    "FAILED", FailureCause.REJECTED, "order " + number + " refused by the intake: " + fields);
            return null;
        }
    }
}
