package dev.ichigen.catalog.csv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * The product CSV layout (商品CSV): turning a product into a row for export, and a row of an uploaded file
 * into the values it states. Rules about the values themselves (required, ranges, references) are the
 * product master's; this class only reads and writes cells.
 *
 * <p>Reading: codes and numbers are NFKC-normalised ({@code ＡＢＣ－００１} → {@code ABC-001},
 * {@code １，９８０円} → 1980); text keeps what was typed apart from half-width katakana (done by the
 * product master). Cells that the export protected against formula injection ({@code '=…}) are restored.
 * A column missing from the file (or a row shorter than the header) leaves that value as it is stored.
 */
public final class ProductCsvFormat {

    private ProductCsvFormat() {
    }

    /** The export header, in column order. */
    public static List<String> header() {
        return Arrays.stream(ProductCsvColumn.values()).map(ProductCsvColumn::header).toList();
    }

    /** A product as one export row, in the order of {@link #header()}. */
    public static List<String> row(Product p) {
        List<String> cells = new ArrayList<>(ProductCsvColumn.values().length);
        for (ProductCsvColumn column : ProductCsvColumn.values()) {
            cells.add(cell(p.definition(), column));
        }
        return cells;
    }

    /** The value of one column as the export writes it (also used to show a value in an error report). */
    public static String cell(ProductDefinition p, ProductCsvColumn column) {
        return switch (column) {
            case SKU -> text(p.sku());
            case PARENT_SKU -> text(p.parentSku());
            case KIND -> p.kind() == null ? null : ProductValues.kindLabel(p.kind());
            case JAN -> text(p.jan());
            case NAME -> p.name();
            case NAME_KANA -> p.nameKana();
            case BRAND -> p.brand();
            case CATEGORY -> p.category();
            case PRICE -> text(p.price());
            case TAX_RATE -> p.taxRate() == null ? null : p.taxRate().label();
            case PRICE_INCLUDES_TAX -> p.priceIncludesTax() == null ? null : p.priceIncludesTax() ? "税込" : "税抜";
            case COST_PRICE -> text(p.costPrice());
            case SALE_STARTS_AT -> ProductValues.formatDateTime(p.saleStartsAt());
            case SALE_ENDS_AT -> ProductValues.formatDateTime(p.saleEndsAt());
            case DESCRIPTION -> p.description();
            case WEIGHT_GRAMS -> text(p.weightGrams());
            case LENGTH_MM -> text(p.lengthMm());
            case WIDTH_MM -> text(p.widthMm());
            case HEIGHT_MM -> text(p.heightMm());
            case TEMPERATURE_ZONE -> p.temperatureZone() == null ? null : p.temperatureZone().label();
            case SHIPPING_CATEGORY -> p.shippingCategory();
            case LOT_MANAGED -> p.lotManaged() == null ? null : p.lotManaged() ? "1" : "0";
            case STATUS -> p.status() == null ? null : p.status().label();
            case VARIATION_AXIS_1 -> at(p.variationAxes(), 0);
            case VARIATION_AXIS_2 -> at(p.variationAxes(), 1);
            case VARIATION_VALUE_1 -> at(p.variationValues(), 0);
            case VARIATION_VALUE_2 -> at(p.variationValues(), 1);
            case COMPONENTS -> p.components().isEmpty() ? null : String.join(";",
                    p.components().stream().map(c -> c.sku() + "*" + c.quantity()).toList());
        };
    }

    /**
     * Which column is where in an uploaded file. {@code headers} keeps each column's header as written
     * (for error reports); {@code unknown} lists header cells that name no column; {@code problems} are
     * reasons the file cannot be read at all.
     */
    public record HeaderMapping(Map<ProductCsvColumn, Integer> index, Map<ProductCsvColumn, String> headers,
            List<String> unknown, List<String> problems, int width) {

        /** The header of {@code column} as the file writes it, or its Japanese name when the file lacks it. */
        public String headerOf(ProductCsvColumn column) {
            return column == null ? null : headers.getOrDefault(column, column.header());
        }
    }

    public static HeaderMapping mapHeader(CsvRow header) {
        Map<ProductCsvColumn, Integer> index = new EnumMap<>(ProductCsvColumn.class);
        Map<ProductCsvColumn, String> headers = new EnumMap<>(ProductCsvColumn.class);
        List<String> unknown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String text = header.cells().get(i) == null ? "" : header.cells().get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            ProductCsvColumn column = ProductCsvColumn.ofHeader(text);
            if (column == null) {
                unknown.add(text);
            } else if (index.containsKey(column)) {
                problems.add("列「" + headers.get(column) + "」と「" + text + "」が同じ項目（" + column.header() + "）です。どちらか一方にしてください");
            } else {
                index.put(column, i);
                headers.put(column, text);
            }
        }
        if (!index.containsKey(ProductCsvColumn.SKU)) {
            problems.add("1行目に「商品コード(SKU)」の列がありません。1行目は見出し行にしてください");
        }
        return new HeaderMapping(index, headers, unknown, problems, header.cells().size());
    }

    /** A cell that could not be read: the column, the text as in the file, and why (Japanese). */
    public record CellError(ProductCsvColumn column, String value, String message) {
    }

    /**
     * What one row states: {@code values} holds the columns in {@code present} (others are {@code null}
     * and mean "keep"); axis and value columns are kept apart so each can be kept or replaced on its own.
     */
    public record ParsedRow(long line, Sku sku, ProductDefinition values, String axis1, String axis2, String value1,
            String value2, Set<ProductCsvColumn> present, List<CellError> errors) {

        /**
         * The full definition: this row's values over {@code base} (the stored product, or {@code null} for a
         * new one). The kind is left {@code null} (derived from the values) unless the row states it.
         */
        public ProductDefinition over(ProductDefinition base) {
            ProductDefinition b = base != null ? base : new ProductDefinition(sku, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            ProductKind kind = present.contains(ProductCsvColumn.KIND) ? values.kind() : null;
            return new ProductDefinition(sku, kind,
                    pick(ProductCsvColumn.PARENT_SKU, ProductDefinition::parentSku, b),
                    pick(ProductCsvColumn.JAN, ProductDefinition::jan, b),
                    pick(ProductCsvColumn.NAME, ProductDefinition::name, b),
                    pick(ProductCsvColumn.NAME_KANA, ProductDefinition::nameKana, b),
                    pick(ProductCsvColumn.BRAND, ProductDefinition::brand, b),
                    pick(ProductCsvColumn.CATEGORY, ProductDefinition::category, b),
                    pick(ProductCsvColumn.PRICE, ProductDefinition::price, b),
                    pick(ProductCsvColumn.TAX_RATE, ProductDefinition::taxRate, b),
                    pick(ProductCsvColumn.PRICE_INCLUDES_TAX, ProductDefinition::priceIncludesTax, b),
                    pick(ProductCsvColumn.COST_PRICE, ProductDefinition::costPrice, b),
                    pick(ProductCsvColumn.SALE_STARTS_AT, ProductDefinition::saleStartsAt, b),
                    pick(ProductCsvColumn.SALE_ENDS_AT, ProductDefinition::saleEndsAt, b),
                    pick(ProductCsvColumn.DESCRIPTION, ProductDefinition::description, b),
                    pick(ProductCsvColumn.WEIGHT_GRAMS, ProductDefinition::weightGrams, b),
                    pick(ProductCsvColumn.LENGTH_MM, ProductDefinition::lengthMm, b),
                    pick(ProductCsvColumn.WIDTH_MM, ProductDefinition::widthMm, b),
                    pick(ProductCsvColumn.HEIGHT_MM, ProductDefinition::heightMm, b),
                    pick(ProductCsvColumn.TEMPERATURE_ZONE, ProductDefinition::temperatureZone, b),
                    pick(ProductCsvColumn.SHIPPING_CATEGORY, ProductDefinition::shippingCategory, b),
                    pick(ProductCsvColumn.LOT_MANAGED, ProductDefinition::lotManaged, b),
                    pick(ProductCsvColumn.STATUS, ProductDefinition::status, b),
                    pair(ProductCsvColumn.VARIATION_AXIS_1, axis1, ProductCsvColumn.VARIATION_AXIS_2, axis2, b.variationAxes()),
                    pair(ProductCsvColumn.VARIATION_VALUE_1, value1, ProductCsvColumn.VARIATION_VALUE_2, value2, b.variationValues()),
                    present.contains(ProductCsvColumn.COMPONENTS) ? values.components() : b.components());
        }

        private <T> T pick(ProductCsvColumn column, Function<ProductDefinition, T> value, ProductDefinition base) {
            return present.contains(column) ? value.apply(values) : value.apply(base);
        }

        private List<String> pair(ProductCsvColumn firstColumn, String first, ProductCsvColumn secondColumn, String second,
                List<String> base) {
            String a = present.contains(firstColumn) ? first : base.size() > 0 ? base.get(0) : null;
            String b = present.contains(secondColumn) ? second : base.size() > 1 ? base.get(1) : null;
            if (b != null) {
                return Arrays.asList(a == null ? "" : a, b);
            }
            return a == null ? List.of() : List.of(a);
        }
    }

    /** Reads one data row. */
    public static ParsedRow parse(CsvRow row, HeaderMapping mapping) {
        Reader r = new Reader(row, mapping);
        Sku sku = r.sku(ProductCsvColumn.SKU, true);
        ProductKind kind = r.parsed(ProductCsvColumn.KIND, ProductValues::parseKind,
                "種別は 通常・親商品・バリエーション・セット（SIMPLE・PARENT・VARIANT・SET）のいずれかです");
        Sku parent = r.sku(ProductCsvColumn.PARENT_SKU, false);
        Gtin jan = r.jan();
        Long price = r.parsed(ProductCsvColumn.PRICE, ProductValues::parseYen, "金額は数字で入力してください（例: 1980）");
        TaxRate taxRate = r.parsed(ProductCsvColumn.TAX_RATE, ProductValues::parseTaxRate,
                "税区分は 標準10%・軽減8%（10・8 でも可）のいずれかです");
        Boolean includesTax = r.parsed(ProductCsvColumn.PRICE_INCLUDES_TAX, ProductValues::parsePriceIncludesTax,
                "税込フラグは 税込・税抜（1・0 でも可）のいずれかです");
        Long cost = r.parsed(ProductCsvColumn.COST_PRICE, ProductValues::parseYen, "金額は数字で入力してください（例: 980）");
        Instant starts = r.parsed(ProductCsvColumn.SALE_STARTS_AT, ProductValues::parseDateTime,
                "日時は 2025/04/01 10:00 の形で入力してください（日本時間）");
        Instant ends = r.parsed(ProductCsvColumn.SALE_ENDS_AT, ProductValues::parseDateTime,
                "日時は 2025/04/01 10:00 の形で入力してください（日本時間）");
        Integer weight = r.whole(ProductCsvColumn.WEIGHT_GRAMS);
        Integer length = r.whole(ProductCsvColumn.LENGTH_MM);
        Integer width = r.whole(ProductCsvColumn.WIDTH_MM);
        Integer height = r.whole(ProductCsvColumn.HEIGHT_MM);
        TemperatureZone zone = r.parsed(ProductCsvColumn.TEMPERATURE_ZONE, TemperatureZone::parse,
                "温度帯は 常温・冷蔵・冷凍 のいずれかです");
        Boolean lot = r.parsed(ProductCsvColumn.LOT_MANAGED, ProductValues::parseYesNo, "ロット管理は 1・0（はい・いいえ）で入力してください");
        ProductStatus status = r.parsed(ProductCsvColumn.STATUS, ProductStatus::parse, "状態は 販売中・販売終了 のいずれかです");
        List<SetComponent> components = r.components();
        ProductDefinition values = new ProductDefinition(sku, kind, parent, jan, r.text(ProductCsvColumn.NAME),
                r.text(ProductCsvColumn.NAME_KANA), r.text(ProductCsvColumn.BRAND), r.text(ProductCsvColumn.CATEGORY),
                price, taxRate, includesTax, cost, starts, ends, r.text(ProductCsvColumn.DESCRIPTION), weight, length,
                width, height, zone, r.text(ProductCsvColumn.SHIPPING_CATEGORY), lot, status, null, null, components);
        return new ParsedRow(row.line(), sku, values, r.text(ProductCsvColumn.VARIATION_AXIS_1),
                r.text(ProductCsvColumn.VARIATION_AXIS_2), r.text(ProductCsvColumn.VARIATION_VALUE_1),
                r.text(ProductCsvColumn.VARIATION_VALUE_2), r.present, r.errors);
    }

    /** Reads the cells of one row, collecting what cannot be read. */
    private static final class Reader {

        final CsvRow row;
        final HeaderMapping mapping;
        final Set<ProductCsvColumn> present = EnumSet.noneOf(ProductCsvColumn.class);
        final List<CellError> errors = new ArrayList<>();

        Reader(CsvRow row, HeaderMapping mapping) {
            this.row = row;
            this.mapping = mapping;
            for (Map.Entry<ProductCsvColumn, Integer> e : mapping.index().entrySet()) {
                if (e.getValue() < row.cells().size()) {
                    present.add(e.getKey());
                }
            }
            for (int i = mapping.width(); i < row.cells().size(); i++) {
                if (row.cell(i) != null && !row.cell(i).isBlank()) {
                    errors.add(new CellError(null, row.cell(i), "見出しのない列（" + (i + 1) + "列目）に値があります。列がずれていないか確認してください"));
                    break;
                }
            }
        }

        /** The cell as typed (formula protection undone), or {@code null} when absent or blank. */
        String raw(ProductCsvColumn column) {
            Integer i = mapping.index().get(column);
            if (i == null) {
                return null;
            }
            String cell = ExcelSafeCsvWriter.restore(row.cell(i));
            return cell == null || cell.isBlank() ? null : cell;
        }

        String text(ProductCsvColumn column) {
            return raw(column);
        }

        <T> T parsed(ProductCsvColumn column, Function<String, T> parser, String message) {
            String raw = raw(column);
            if (raw == null) {
                return null;
            }
            T value = parser.apply(raw);
            if (value == null) {
                errors.add(new CellError(column, raw, message + ": " + raw));
            }
            return value;
        }

        Integer whole(ProductCsvColumn column) {
            Long value = parsed(column, ProductValues::parseWholeNumber, "整数で入力してください");
            if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
                errors.add(new CellError(column, raw(column), "値が大きすぎます: " + raw(column)));
                return null;
            }
            return value == null ? null : value.intValue();
        }

        Sku sku(ProductCsvColumn column, boolean required) {
            String raw = raw(column);
            if (raw == null) {
                if (required) {
                    errors.add(new CellError(column, "", "商品コード(SKU)は必須です"));
                }
                return null;
            }
            String code = JapaneseText.nfkc(raw);
            if (!Sku.isValid(code)) {
                errors.add(new CellError(column, raw, "商品コードは半角英数字と . _ + # - の64文字以内で、英数字で始めてください"
                        + "（空白・全角文字・長音記号ーは使えません）: " + raw));
                return null;
            }
            return Sku.of(code);
        }

        Gtin jan() {
            String raw = raw(ProductCsvColumn.JAN);
            if (raw == null) {
                return null;
            }
            String digits = JapaneseText.nfkc(raw).replace("-", "").replace(" ", "");
            String problem = ProductValues.gtinProblem(digits);
            if (problem != null) {
                errors.add(new CellError(ProductCsvColumn.JAN, raw, problem));
                return null;
            }
            return Gtin.of(digits);
        }

        /** {@code SKU-A*2;SKU-B*1} (also × and full-width forms, ; or line breaks between, quantity 1 when left out). */
        List<SetComponent> components() {
            String raw = raw(ProductCsvColumn.COMPONENTS);
            if (raw == null) {
                return List.of();
            }
            List<SetComponent> components = new ArrayList<>();
            for (String part : JapaneseText.nfkc(raw).split("[;\\n\\r]+")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int star = Math.max(p.lastIndexOf('*'), p.lastIndexOf('×'));
                String code = (star < 0 ? p : p.substring(0, star)).strip();
                String qty = star < 0 ? "1" : p.substring(star + 1).strip();
                Long quantity = ProductValues.parseWholeNumber(qty);
                if (!Sku.isValid(code) || quantity == null || quantity > Integer.MAX_VALUE || quantity < Integer.MIN_VALUE) {
                    errors.add(new CellError(ProductCsvColumn.COMPONENTS, raw,
                            "セット構成は「商品コード*数量」を ; で区切って書いてください（例: SKU-A*2;SKU-B*1）: " + p));
                    return List.of();
                }
                components.add(new SetComponent(Sku.of(code), quantity.intValue()));
            }
            return components;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }
}
