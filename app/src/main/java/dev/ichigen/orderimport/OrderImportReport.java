package dev.ichigen.orderimport;

import java.util.List;

/**
 * The outcome of one order CSV upload (受注CSV取込結果). Lines are file lines (1 = first line of the file);
 * columns are named as in the source's mapping (the header text, or 列3 for a column by position).
 *
 * @param runId the stored run, for the error report download ({@code GET /api/v1/order-imports/{runId}/errors})
 * @param rows data rows read; {@code orders} orders found (rows with the same 注文番号 are one order)
 * @param created orders new to ichigen; {@code updated} changed (or cancelled) by this file; {@code unchanged}
 *        already exactly as in the file; {@code conflicts} already shipped or cancelled, the change held for a person
 * @param refused orders not taken in because of errors (all orders when the file is rejected as a whole)
 * @param errors the first 1,000 problems; {@code errorCount} counts all
 */
public record OrderImportReport(long runId, long sourceId, Status status, String encoding, long rows, int orders, int created,
        int updated, int unchanged, int conflicts, int refused, List<RowError> errors, long errorCount) {

    public enum Status {
        /** Every order was valid and has been taken in. */
        IMPORTED,
        /** Asked to take in the valid orders only: they have been, the invalid ones not. */
        IMPORTED_VALID_ORDERS,
        /** Some rows are invalid, so nothing was taken in. */
        REJECTED,
        /** The file itself could not be read (encoding, CSV syntax, a mapped column missing): nothing taken in. */
        UNREADABLE
    }

    /**
     * A problem with a cell ({@code column}/{@code field} set), a row, or the whole file ({@code line} 0).
     * {@code field} is the order field ({@link OrderImportField#field()}) or the order API's field path.
     */
    public record RowError(long line, String orderNumber, String column, String field, String value, String message) {
    }

    public boolean written() {
        return status == Status.IMPORTED || status == Status.IMPORTED_VALID_ORDERS;
    }
}
