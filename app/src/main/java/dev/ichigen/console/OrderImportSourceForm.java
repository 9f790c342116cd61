package dev.ichigen.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ichigen.orderimport.ColumnMapping;
import dev.ichigen.orderimport.OrderImportField;
import dev.ichigen.orderimport.OrderImportSource;
import dev.ichigen.orderimport.OrderImportSourceDefinition;
import dev.ichigen.orderimport.SourceEncoding;

/**
 * The import source editor (取込元の編集): name, channel, encoding, header row, and one mapping row per order field
 * (column name or number, fixed value, value map written as {@code 銀行振込=BANK_TRANSFER; 代金引換=COD}).
 */
public class OrderImportSourceForm {

    /** One row of the mapping table; {@code field} is fixed per row. */
    public static class Row {
        private String field;
        private String column;
        private Integer index;
        private String fixedValue;
        private String values;

        public String getField() { return field; }
        public void setField(String field) { this.field = field; }
        public String getColumn() { return column; }
        public void setColumn(String column) { this.column = column; }
        public Integer getIndex() { return index; }
        public void setIndex(Integer index) { this.index = index; }
        public String getFixedValue() { return fixedValue; }
        public void setFixedValue(String fixedValue) { this.fixedValue = fixedValue; }
        public String getValues() { return values; }
        public void setValues(String values) { this.values = values; }

        /** The Japanese name of the field (for the table). */
        public String header() {
            return OrderImportField.of(field).map(OrderImportField::header).orElse(field);
        }

        public boolean lineLevel() {
            return OrderImportField.of(field).map(f -> f.level() == OrderImportField.Level.LINE).orElse(false);
        }
    }

    private String name;
    private Long channelId;
    private SourceEncoding encoding = SourceEncoding.AUTO;
    private boolean headerRow = true;
    private List<Row> columns = new ArrayList<>();

    /** An empty form with one row per field. */
    static OrderImportSourceForm blank() {
        OrderImportSourceForm f = new OrderImportSourceForm();
        for (OrderImportField field : OrderImportField.values()) {
            Row r = new Row();
            r.setField(field.field());
            f.columns.add(r);
        }
        return f;
    }

    static OrderImportSourceForm of(String name, Long channelId, SourceEncoding encoding, boolean headerRow,
            List<ColumnMapping> mappings) {
        OrderImportSourceForm f = blank();
        f.name = name;
        f.channelId = channelId;
        f.encoding = encoding;
        f.headerRow = headerRow;
        for (ColumnMapping m : mappings) {
            for (Row r : f.columns) {
                if (r.field.equalsIgnoreCase(m.field())) {
                    r.column = m.column();
                    r.index = m.index();
                    r.fixedValue = m.fixedValue();
                    r.values = values(m.values());
                }
            }
        }
        return f;
    }

    static OrderImportSourceForm of(OrderImportSource s) {
        return of(s.name(), s.channelId(), s.encoding(), s.headerRow(), s.columns());
    }

    OrderImportSourceDefinition definition() {
        List<ColumnMapping> mappings = new ArrayList<>();
        for (Row r : columns) {
            mappings.add(new ColumnMapping(r.field, r.column, r.index, r.fixedValue, parseValues(r.values)));
        }
        return new OrderImportSourceDefinition(name, channelId, encoding, headerRow, mappings);
    }

    /** Fills empty column cells with the sample header of the same name (the generic layout's Japanese names). */
    void guessColumns(List<String> header) {
        for (Row r : columns) {
            if ((r.column == null || r.column.isBlank()) && r.index == null) {
                String h = r.header();
                header.stream().filter(x -> x.replace(" ", "").equalsIgnoreCase(h.replace(" ", ""))).findFirst()
                        .ifPresent(x -> r.column = x);
            }
        }
    }

    private static String values(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }

    private static Map<String, String> parseValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return values;
        }
        for (String part : text.split("[;；\\n]")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                eq = part.indexOf('＝');
            }
            if (eq > 0) {
                values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return values;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Long getChannelId() { return channelId; }
    public void setChannelId(Long channelId) { this.channelId = channelId; }
    public SourceEncoding getEncoding() { return encoding; }
    public void setEncoding(SourceEncoding encoding) { this.encoding = encoding; }
    public boolean isHeaderRow() { return headerRow; }
    public void setHeaderRow(boolean headerRow) { this.headerRow = headerRow; }
    public List<Row> getColumns() { return columns; }
    public void setColumns(List<Row> columns) { this.columns = columns; }
}
