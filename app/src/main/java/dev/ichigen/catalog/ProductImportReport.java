package dev.ichigen.catalog;

import java.util.List;

/**
 * The outcome of a product CSV import (商品CSV取込), for the API and the console. Lines are file lines
 * (the header is line 1); columns are named as in the file's header. Messages are Japanese.
 *
 * @param encoding the encoding the file was read in (e.g. {@code Shift_JIS (CP932)}), {@code null} if unreadable
 * @param rows data rows read (blank rows are not counted)
 * @param created products created; {@code updated} replaced; {@code unchanged} already exactly as in the file
 * @param invalid rows that could not be imported
 * @param errors the first 1,000 problems; {@code errorCount} counts all
 * @param warnings things that did not stop the import (e.g. an unknown column, which is not read)
 */
public record ProductImportReport(Status status, String encoding, long rows, int created, int updated, int unchanged,
        int invalid, List<RowError> errors, long errorCount, List<Warning> warnings) {

    public enum Status {
        /** Every row was valid and has been written. */
        IMPORTED,
        /** Asked to import the valid rows only: they have been written, the invalid ones skipped. */
        IMPORTED_VALID_ROWS,
        /** Some rows are invalid, so nothing was written. */
        REJECTED,
        /** The file itself could not be read (encoding, CSV syntax, header): nothing was written. */
        UNREADABLE
    }

    /** A problem with a cell or a row ({@code column} {@code null}) or the whole file ({@code sku} {@code null}). */
    public record RowError(long line, String sku, String column, String value, String message) {
    }

    public record Warning(Long line, String column, String message) {
    }

    /** Whether anything may have been written. */
    public boolean written() {
        return status == Status.IMPORTED || status == Status.IMPORTED_VALID_ROWS;
    }
}
