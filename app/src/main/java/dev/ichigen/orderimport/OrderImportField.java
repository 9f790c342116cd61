package dev.ichigen.orderimport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The order fields a CSV column can be mapped to (取込項目). {@code ORDER} fields belong to the whole order and are
 * read from the first row of the order (rows with the same 注文番号 form one order); a later row of the same order
 * that states a different value is an error on that row, never a silent pick. {@code LINE} fields are read from
 * every row (one row = one 明細). The Japanese header is the column name of the generic ichigen layout
 * (docs/ORDER-CSV.md).
 */
public enum OrderImportField {
    ORDER_NUMBER("orderNumber", "注文番号", Level.ORDER, Kind.TEXT),
    ORDER_NAME("orderName", "表示用注文番号", Level.ORDER, Kind.TEXT),
    ORDERED_AT("orderedAt", "注文日時", Level.ORDER, Kind.DATE_TIME),
    CUSTOMER_NAME("customerName", "注文者名", Level.ORDER, Kind.TEXT),
    CUSTOMER_KANA("customerKana", "注文者名カナ", Level.ORDER, Kind.TEXT),
    CUSTOMER_EMAIL("customerEmail", "注文者メールアドレス", Level.ORDER, Kind.TEXT),
    CUSTOMER_PHONE("customerPhone", "注文者電話番号", Level.ORDER, Kind.TEXT),
    ORDERER_POSTAL_CODE("ordererPostalCode", "注文者郵便番号", Level.ORDER, Kind.TEXT),
    ORDERER_PREFECTURE("ordererPrefecture", "注文者都道府県", Level.ORDER, Kind.TEXT),
    ORDERER_CITY("ordererCity", "注文者市区町村", Level.ORDER, Kind.TEXT),
    ORDERER_STREET("ordererStreet", "注文者住所", Level.ORDER, Kind.TEXT),
    ORDERER_BUILDING("ordererBuilding", "注文者建物名", Level.ORDER, Kind.TEXT),
    SHIP_TO_NAME("shipToName", "送付先名", Level.ORDER, Kind.TEXT),
    SHIP_TO_KANA("shipToKana", "送付先名カナ", Level.ORDER, Kind.TEXT),
    SHIP_TO_PHONE("shipToPhone", "送付先電話番号", Level.ORDER, Kind.TEXT),
    SHIP_TO_POSTAL_CODE("shipToPostalCode", "送付先郵便番号", Level.ORDER, Kind.TEXT),
    SHIP_TO_PREFECTURE("shipToPrefecture", "送付先都道府県", Level.ORDER, Kind.TEXT),
    SHIP_TO_CITY("shipToCity", "送付先市区町村", Level.ORDER, Kind.TEXT),
    SHIP_TO_STREET("shipToStreet", "送付先住所", Level.ORDER, Kind.TEXT),
    SHIP_TO_BUILDING("shipToBuilding", "送付先建物名", Level.ORDER, Kind.TEXT),
    PAYMENT_METHOD("paymentMethod", "支払方法", Level.ORDER, Kind.PAYMENT_METHOD),
    PAYMENT_STATUS("paymentStatus", "入金状況", Level.ORDER, Kind.PAYMENT_STATUS),
    SHIPPING_FEE("shippingFee", "送料", Level.ORDER, Kind.AMOUNT),
    COD_FEE("codFee", "代引手数料", Level.ORDER, Kind.AMOUNT),
    OTHER_FEES("otherFees", "その他手数料", Level.ORDER, Kind.AMOUNT),
    POINTS_USED("pointsUsed", "ポイント利用額", Level.ORDER, Kind.AMOUNT),
    GRAND_TOTAL("grandTotal", "合計金額", Level.ORDER, Kind.AMOUNT),
    DELIVERY_DATE("deliveryDate", "お届け希望日", Level.ORDER, Kind.DATE),
    DELIVERY_TIME("deliveryTime", "お届け時間帯", Level.ORDER, Kind.TEXT),
    REMARKS("remarks", "備考", Level.ORDER, Kind.TEXT),
    SKU("sku", "商品コード(SKU)", Level.LINE, Kind.TEXT),
    ITEM_CODE("itemCode", "商品管理番号", Level.LINE, Kind.TEXT),
    SUB_CODE("subCode", "サブコード", Level.LINE, Kind.TEXT),
    ITEM_NAME("itemName", "商品名", Level.LINE, Kind.TEXT),
    QUANTITY("quantity", "数量", Level.LINE, Kind.INTEGER),
    UNIT_PRICE("unitPrice", "単価", Level.LINE, Kind.AMOUNT),
    TAX_RATE("taxRate", "税率", Level.LINE, Kind.TAX_RATE),
    PRICE_INCLUDES_TAX("priceIncludesTax", "税込区分", Level.LINE, Kind.BOOLEAN);

    /** Whether a field belongs to the whole order or to one line. */
    public enum Level {
        ORDER, LINE
    }

    /** How a cell is read. */
    public enum Kind {
        TEXT, DATE_TIME, DATE, AMOUNT, INTEGER, TAX_RATE, BOOLEAN, PAYMENT_METHOD, PAYMENT_STATUS
    }

    private final String field;
    private final String header;
    private final Level level;
    private final Kind kind;

    OrderImportField(String field, String header, Level level, Kind kind) {
        this.field = field;
        this.header = header;
        this.level = level;
        this.kind = kind;
    }

    /** The name in the API's JSON (and in the mapping). */
    public String field() {
        return field;
    }

    /** The Japanese column header of the generic layout. */
    public String header() {
        return header;
    }

    public Level level() {
        return level;
    }

    public Kind kind() {
        return kind;
    }

    /** By JSON name (any case) or enum name. */
    public static Optional<OrderImportField> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        return Arrays.stream(values())
                .filter(f -> f.field.equalsIgnoreCase(n) || f.name().equals(n.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
