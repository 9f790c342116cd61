package dev.ichigen.payment;

import java.util.List;

/**
 * The outcome of one bank statement upload: {@code rows} data rows, {@code credits} credits read, {@code debits}
 * debit lines skipped, {@code known} credits already uploaded before (skipped, never confirmed twice), and what the
 * new credits became: {@code matched} automatically, {@code review} for a person, {@code unmatched}.
 * {@code errors}: rows that could not be read (file line and reason); they are not stored.
 */
public record StatementUpload(String account, String encoding, long rows, int credits, int debits, int known, int matched,
        int review, int unmatched, List<LineError> errors) {

    public record LineError(long line, String message) {
    }
}
