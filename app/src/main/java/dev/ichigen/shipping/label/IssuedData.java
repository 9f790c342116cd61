package dev.ichigen.shipping.label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shared.csv.UndecodableCsvException;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.IssuedTracking;

/**
 * Reads a carrier's issued data (発行済みデータ): one row per label with our shipment key and the tracking
 * number the carrier assigned, with or without a title row (CP932 or UTF-8, detected). Rows without a key or
 * with a number whose check digit is wrong are refused with file line, column and reason; empty tracking cells
 * (a label not yet printed) likewise. Nothing is stored here: the caller matches keys to its shipments.
 */
final class IssuedData {

    private IssuedData() {
    }

    static IssuedImport read(String format, Carrier carrier, CsvSource file, int keyColumn, int trackingColumn,
            String keyTitle, String trackingTitle) {
        List<IssuedTracking> tracking = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (CsvTableReader reader = CsvTableReader.open(file)) {
            boolean first = true;
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                String key = cell(row, keyColumn);
                String number = cell(row, trackingColumn);
                if (first && (keyTitle.equals(key) || trackingTitle.equals(number))) {
                    first = false;
                    continue; // the title row
                }
                first = false;
                String where = "row " + row.line();
                if (key.isEmpty()) {
                    errors.add(new FieldError(where + "." + keyTitle, row.line() + "行目: " + keyTitle + " が空です"));
                } else if (number.isEmpty()) {
                    errors.add(new FieldError(where + "." + trackingTitle, row.line() + "行目: " + trackingTitle + " が空です（未発行）"));
                } else if (!carrier.isValidTrackingNumber(number)) {
                    errors.add(new FieldError(where + "." + trackingTitle, row.line() + "行目: " + trackingTitle + " 「" + number
                            + "」は" + carrier.label() + "の番号ではありません（12桁・チェックデジット）"));
                } else {
                    tracking.add(new IssuedTracking(row.line(), key, carrier, carrier.normaliseTrackingNumber(number)));
                }
            }
        } catch (UndecodableCsvException e) {
            errors.add(new FieldError("file", e.getMessage()));
        } catch (CsvTableReader.MalformedCsvException e) {
            errors.add(new FieldError("file", e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IssuedImport(format, tracking, errors);
    }

    private static String cell(CsvRow row, int column) {
        List<String> cells = row.cells();
        return cells.size() < column ? "" : ExcelSafeCsvWriter.restore(cells.get(column - 1)).strip();
    }
}
