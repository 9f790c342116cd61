package dev.ichigen.address;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of importing Japan Post's postal code file (郵便番号データの取込). Lines are physical file lines
 * (1 = first line); messages are Japanese.
 *
 * @param source the uploaded file's name (and the CSV inside a zip)
 * @param encoding as detected, e.g. {@code Shift_JIS (CP932)}; {@code null} if unreadable
 * @param lines non-blank lines read
 * @param joinedLines continuation lines of long towns joined to the line before
 * @param abolished rows marked 廃止, left out
 * @param rows rows of the data set afterwards (one per code and town), {@code codes} distinct codes
 * @param errors the first 1,000 problems; {@code errorCount} counts all
 */
public record PostalImportReport(Status status, String source, String encoding, long lines, int joinedLines, int abolished,
        long rows, long codes, List<LineError> errors, long errorCount, List<String> warnings, Instant importedAt,
        String importedBy) {

    public enum Status {
        /** The data set has been replaced by the file's. */
        IMPORTED,
        /** The file holds exactly the data already loaded: nothing was written. */
        UNCHANGED,
        /** Some lines are wrong, or the file is not a complete data set: nothing was written. */
        REJECTED,
        /** The file cannot be read (not CSV, not a zip with a CSV, unknown encoding): nothing was written. */
        UNREADABLE
    }

    /**
     * A problem with a line ({@code column} and {@code field} {@code null} when the whole line is wrong, and
     * {@code line} 0 for the whole file). {@code column} is 1–15, {@code field} Japan Post's column name.
     */
    public record LineError(long line, Integer column, String field, String value, String message) {
    }

    /** Whether the data set now holds the file's data (imported now or already). */
    public boolean succeeded() {
        return status == Status.IMPORTED || status == Status.UNCHANGED;
    }
}
