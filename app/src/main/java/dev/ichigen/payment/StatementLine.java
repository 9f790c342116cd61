package dev.ichigen.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One credit (入金) of an uploaded bank statement and what reconciliation made of it: MATCHED to an order
 * (automatically or by a person), waiting for a person (REVIEW, with {@code reason} and ranked {@code candidates}),
 * UNMATCHED (no open bank-transfer order fits), or DISMISSED by a person (not an order payment).
 */
public record StatementLine(long id, String account, LocalDate bookedOn, long amount, String payer, State state, Reason reason,
        List<Candidate> candidates, Long orderId, String matchedBy, String note, long fileLine, Instant uploadedAt,
        Instant decidedAt, String decidedBy) {

    public enum State {
        MATCHED, REVIEW, UNMATCHED, DISMISSED
    }

    /** Why a line needs a person. */
    public enum Reason {
        /** More than one open order fits. */
        SEVERAL_CANDIDATES,
        /** The amount equals an order's amount to collect, but the payer name is not the orderer's. */
        NAME_DIFFERS,
        /** The payer (name or order number) fits, but the amount differs (over- or under-payment). */
        AMOUNT_DIFFERS
    }

    /**
     * An open order the line may pay, as it was when the line was matched: which of amount, name and order number
     * agree ({@code difference} = statement amount − amount to collect).
     */
    public record Candidate(long orderId, String channelOrderNumber, String orderName, String customerName,
            String customerKana, long amountToCollect, long difference, boolean amountMatches, boolean nameMatches,
            boolean numberMatches) {

        int score() {
            return (amountMatches ? 2 : 0) + (nameMatches ? 2 : 0) + (numberMatches ? 3 : 0);
        }
    }
}
