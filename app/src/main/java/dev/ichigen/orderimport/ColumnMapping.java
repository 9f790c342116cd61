package dev.ichigen.orderimport;

import java.util.Map;

/**
 * Where one order field comes from (列の対応): the CSV column named {@code column} in the header row, or the
 * column at {@code index} (1 = first column; for files without a header row); {@code fixedValue} is used when
 * neither is given or the cell is empty (固定値・既定値). {@code values} rewrites cell texts before they are read
 * (値の変換, e.g. {@code 代金引換 → COD}, {@code 午前中 → 08-12}); keys are compared after NFKC and trimming.
 */
public record ColumnMapping(String field, String column, Integer index, String fixedValue, Map<String, String> values) {

    public ColumnMapping {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static ColumnMapping column(OrderImportField field, String column) {
        return new ColumnMapping(field.field(), column, null, null, Map.of());
    }
}
