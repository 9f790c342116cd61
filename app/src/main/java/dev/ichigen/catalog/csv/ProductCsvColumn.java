package dev.ichigen.catalog.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ichigen.shared.csv.JapaneseText;

/**
 * The columns of the product CSV (商品CSV), in file order. Each is recognised by its Japanese header,
 * its English (JSON) field name, or a common alias; matching ignores case, spaces and full-width/half-width
 * differences ({@code 商品コード（SKU）} = {@code 商品コード(SKU)}).
 */
public enum ProductCsvColumn {
    SKU("商品コード(SKU)", "sku", "商品コード", "SKU", "品番"),
    PARENT_SKU("親商品コード", "parentSku", "親SKU", "親商品コード(SKU)"),
    KIND("種別", "kind", "商品種別"),
    JAN("JANコード", "jan", "JAN", "JAN/EAN", "EAN", "バーコード", "gtin"),
    NAME("商品名", "name"),
    NAME_KANA("商品名カナ", "nameKana", "商品名(カナ)", "カナ", "フリガナ"),
    BRAND("ブランド", "brand", "ブランド名"),
    CATEGORY("カテゴリ", "category", "カテゴリー"),
    PRICE("販売価格", "price", "価格", "売価"),
    TAX_RATE("税区分", "taxRate", "税率"),
    PRICE_INCLUDES_TAX("税込フラグ", "priceIncludesTax", "税込区分", "税込"),
    COST_PRICE("原価", "costPrice", "仕入価格", "仕入原価"),
    SALE_STARTS_AT("販売開始日時", "saleStartsAt", "販売開始日"),
    SALE_ENDS_AT("販売終了日時", "saleEndsAt", "販売終了日"),
    DESCRIPTION("説明", "description", "商品説明", "説明文"),
    WEIGHT_GRAMS("重量(g)", "weightGrams", "重量", "重さ(g)"),
    LENGTH_MM("縦(mm)", "lengthMm", "縦", "奥行(mm)"),
    WIDTH_MM("横(mm)", "widthMm", "横", "幅(mm)"),
    HEIGHT_MM("高さ(mm)", "heightMm", "高さ"),
    TEMPERATURE_ZONE("温度帯", "temperatureZone"),
    SHIPPING_CATEGORY("配送区分", "shippingCategory"),
    LOT_MANAGED("ロット管理", "lotManaged", "ロット管理フラグ"),
    STATUS("状態", "status", "ステータス", "販売状態"),
    VARIATION_AXIS_1("バリエーション項目1", "variationAxis1", "バリエーション項目名1"),
    VARIATION_AXIS_2("バリエーション項目2", "variationAxis2", "バリエーション項目名2"),
    VARIATION_VALUE_1("バリエーション値1", "variationValue1"),
    VARIATION_VALUE_2("バリエーション値2", "variationValue2"),
    COMPONENTS("セット構成", "components", "セット内容");

    private static final Map<String, ProductCsvColumn> BY_KEY = new HashMap<>();

    static {
        for (ProductCsvColumn column : values()) {
            register(column.header, column);
            register(column.field, column);
            column.aliases.forEach(alias -> register(alias, column));
        }
    }

    private final String header;
    private final String field;
    private final List<String> aliases;

    ProductCsvColumn(String header, String field, String... aliases) {
        this.header = header;
        this.field = field;
        this.aliases = List.of(aliases);
    }

    /** The Japanese header written on export, e.g. {@code 商品コード(SKU)}. */
    public String header() {
        return header;
    }

    /** The English name, the JSON field where one exists (e.g. {@code price}). */
    public String field() {
        return field;
    }

    /** The column a header cell names, or {@code null}. */
    public static ProductCsvColumn ofHeader(String text) {
        return text == null ? null : BY_KEY.get(key(text));
    }

    /** The column that shows a JSON field of a validation error ({@code variationValues[1]}, {@code components[0].sku}). */
    public static ProductCsvColumn ofField(String field) {
        if (field == null) {
            return null;
        }
        if (field.startsWith("components")) {
            return COMPONENTS;
        }
        if (field.startsWith("variationAxes")) {
            return field.equals("variationAxes[1]") ? VARIATION_AXIS_2 : VARIATION_AXIS_1;
        }
        if (field.startsWith("variationValues")) {
            return field.equals("variationValues[1]") ? VARIATION_VALUE_2 : VARIATION_VALUE_1;
        }
        for (ProductCsvColumn column : values()) {
            if (column.field.equals(field)) {
                return column;
            }
        }
        return null;
    }

    private static void register(String name, ProductCsvColumn column) {
        ProductCsvColumn previous = BY_KEY.put(key(name), column);
        if (previous != null && previous != column) {
            throw new IllegalStateException("CSV header " + name + " names both " + previous + " and " + column);
        }
    }

    private static String key(String text) {
        String k = JapaneseText.nfkc(text).toLowerCase(Locale.ROOT).replaceAll("[\\s_]", "");
        return k.startsWith("\uFEFF") ? k.substring(1) : k;
    }
}
