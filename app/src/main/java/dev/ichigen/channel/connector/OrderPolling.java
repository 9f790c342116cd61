package dev.ichigen.channel.connector;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.connector.SalesChannelConnector.OrderPage;
import dev.ichigen.channel.connector.SalesChannelConnector.PulledOrder;

/**
 * Order polling, the safety net under webhooks (取込漏れ防止): ONE db-scheduler recurring task
 * ({@value #TASK_NAME}, every {@code ichigen.channel.order-poll-interval}, default 2 minutes; db-scheduler runs it on
 * one instance of a cluster) starts a poll of every connected channel not being polled already — each on a virtual
 * thread of its own, so each channel goes at its own pace —, which pulls the orders changed since its cursor page by
 * page, takes them in (idempotently) and stores the cursor after each page — so after downtime it catches up without gaps,
 * as far back as the platform keeps orders. A failing channel is recorded in its health and does not stop the others.
 * It also prunes the call log ({@code ichigen.channel.call-log-retention}, default 14 days).
 */
@Configuration
public class OrderPolling {

    static final String TASK_NAME = "channel-order-polling";
    static final String CURSOR = "orders";
    private static final int MAX_PAGES_PER_RUN = 40;
    private static final Logger log = LoggerFactory.getLogger(OrderPolling.class);

    private final Connectors connectors;
    private final SyncCursors cursors;
    private final OrderImport imports;
    private final CallLog calls;
    private final Duration retention;

    OrderPolling(Connectors connectors, SyncCursors cursors, OrderImport imports, CallLog calls,
            @Value("${ichigen.channel.call-log-retention:P14D}") Duration retention) {
        this.connectors = connectors;
        this.cursors = cursors;
        this.imports = imports;
        this.calls = calls;
        this.retention = retention;
    }

    @Bean
    RecurringTask<Void> channelOrderPollingTask(@Value("${ichigen.channel.order-poll-interval:PT2M}") Duration interval) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(interval)).execute((instance, context) -> startPolls());
    }

    /** Channels whose poll (started by {@link #startPolls}) is still running on this instance. */
    private final java.util.Set<Long> polling = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The scheduled tick: starts a poll of every connected channel that is not being polled already, each on a
     * virtual thread of its own, and returns at once. So every channel is polled at its own pace — a store that takes
     * minutes to catch up (Yahoo! answers one order per orderInfo call) does not delay the next poll of the others,
     * which the sale-day simulation showed when one tick waited for every channel. A poll started here may outlive
     * the tick; should another instance's tick poll the same channel meanwhile, both take the same orders in, which
     * the idempotent intake makes one.
     */
    public int startPolls() {
        int started = 0;
        for (SalesChannel channel : connectors.connectedChannels()) {
            if (!polling.add(channel.id())) {
                continue;
            }
            started++;
            Thread.ofVirtual().name("ichigen-order-poll-" + channel.id()).start(() -> {
                try {
                    poll(channel.id());
                } catch (ConnectorException e) {
                    log.warn("order polling of channel {} failed: {} {}", channel.code(), e.failureCause(), e.getMessage());
                } catch (RuntimeException e) {
                    log.warn("order polling of channel {} failed", channel.code(), e);
                } finally {
                    polling.remove(channel.id());
                }
            });
        }
        calls.prune(retention);
        return started;
    }

    /** Pulls one channel's changed orders up to now; returns how many were created, updated or cancelled. */
    public int poll(long channelId) {
        Connectors.Bound bound;
        try {
            bound = connectors.bind(channelId);
        } catch (ConnectorException e) {
            calls.failure(channelId, e.failureCause(), e.getMessage());
            throw e;
        }
        int taken = 0;
        String cursor = cursors.get(channelId, CURSOR).orElse(null);
        for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
            OrderPage result = bound.connector().pullOrders(bound.context(), cursor);
            for (PulledOrder order : result.orders()) {
                var r = imports.take(channelId, order, "poll");
                if (r != null && r.outcome() != dev.ichigen.order.IntakeResult.Outcome.UNCHANGED) {
                    taken++;
                }
            }
            cursor = result.nextCursor();
            cursors.put(channelId, CURSOR, cursor);
            if (!result.more()) {
                break;
            }
        }
        return taken;
    }
}
