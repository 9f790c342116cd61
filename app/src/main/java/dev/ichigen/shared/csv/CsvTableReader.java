package dev.ichigen.shared.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row as Excel writes it, streaming one row at a time: the encoding is
 * detected first ({@link CsvEncodingDetector}), blank rows (also {@code ,,,,}) are skipped, and every
 * row knows the file line it starts on, for error reports shop staff can find in Excel. Cells come as
 * read; {@link ExcelSafeCsvWriter#restore} undoes the formula protection of an exported file.
 */
public final class CsvTableReader implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setIgnoreEmptyLines(false)
            // EXCEL is lenient at the end of input: an unclosed quote would swallow every later row into one cell
            .setLenientEof(false).get();

    private final CsvEncoding encoding;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long nextLine = 1;
    private CsvRow header;

    private CsvTableReader(CsvEncoding encoding, Reader reader) throws IOException {
        this.encoding = encoding;
        this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    /** Detects the encoding of {@code source} (throws {@link UndecodableCsvException}) and opens it. */
    public static CsvTableReader open(CsvSource source) throws IOException {
        CsvEncoding encoding = CsvEncodingDetector.detect(source);
        return new CsvTableReader(encoding, CsvEncodingDetector.open(source, encoding));
    }

    public static CsvTableReader open(Reader reader, CsvEncoding encoding) throws IOException {
        return new CsvTableReader(encoding, reader);
    }

    public CsvEncoding encoding() {
        return encoding;
    }

    /** The first non-blank row, or {@code null} for an empty file. Must be called before {@link #next()}. */
    public CsvRow header() {
        if (header == null) {
            header = next();
        }
        return header;
    }

    /**
     * The next non-blank row, or {@code null} at the end. A syntax error (e.g. an unclosed quote) raises
     * {@link MalformedCsvException} naming the line.
     */
    public CsvRow next() {
        while (true) {
            long line = nextLine;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedCsvException(line, "CSV の書式が正しくありません（" + line + " 行目付近）: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
            }
            nextLine = parser.getCurrentLineNumber() + 1;
            List<String> cells = new ArrayList<>(record.size());
            record.forEach(cells::add);
            CsvRow row = new CsvRow(line, cells);
            if (!row.blank()) {
                return row;
            }
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** The file is not well-formed CSV at {@code line}. */
    public static class MalformedCsvException extends RuntimeException {

        private final long line;

        public MalformedCsvException(long line, String message, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }
}
