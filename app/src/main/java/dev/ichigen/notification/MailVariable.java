package dev.ichigen.notification;

import java.util.EnumSet;
import java.util.Set;

/**
 * The fixed list of placeholders a mail template may use, written {@code {{name}}}. A placeholder is replaced by its
 * value as plain text, once — nothing in a template or a value is ever evaluated (no Thymeleaf, no SpEL: a template is
 * text a person typed, and evaluating it would be server-side template injection). Documented in docs/NOTIFICATIONS.md.
 */
public enum MailVariable {
    SHOP_NAME("shop.name", "ショップ名（メール設定の差出人名）", "いちげん商店", null),
    ORDER_NUMBER("order.number", "注文番号（モールの注文番号）", "123456-20261123-0000001", null),
    ORDER_DATE("order.date", "ご注文日", "2026/11/23", null),
    ORDER_TOTAL("order.total", "お支払い合計", "3,300円", null),
    ORDER_ITEMS("order.items", "ご注文商品（1行に1商品）", "・有機緑茶 100g × 2\n・湯呑み × 1", null),
    ORDER_PAYMENT_METHOD("order.paymentMethod", "お支払い方法", "銀行振込", null),
    CUSTOMER_NAME("customer.name", "お客様名（注文者）", "佐藤 花子", null),
    PAYMENT_AMOUNT("payment.amount", "入金額", "3,300円", EnumSet.of(MailKind.PAYMENT_CONFIRMED)),
    SHIPMENT_NUMBER("shipment.number", "出荷番号", "S000123", EnumSet.of(MailKind.SHIPPED, MailKind.FOLLOW_UP)),
    CARRIER_NAME("carrier.name", "配送業者", "ヤマト運輸", EnumSet.of(MailKind.SHIPPED, MailKind.FOLLOW_UP)),
    TRACKING_NUMBER("tracking.number", "お問い合わせ番号（複数口は改行区切り）", "123456789016",
            EnumSet.of(MailKind.SHIPPED, MailKind.FOLLOW_UP)),
    TRACKING_URL("tracking.url", "配送状況の確認URL（複数口は改行区切り）",
            "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=123456789016", EnumSet.of(MailKind.SHIPPED, MailKind.FOLLOW_UP));

    private final String key;
    private final String description;
    private final String sample;
    private final Set<MailKind> onlyIn;

    MailVariable(String key, String description, String sample, Set<MailKind> onlyIn) {
        this.key = key;
        this.description = description;
        this.sample = sample;
        this.onlyIn = onlyIn;
    }

    /** The name inside the braces, e.g. {@code order.number}. */
    public String key() {
        return key;
    }

    public String placeholder() {
        return "{{" + key + "}}";
    }

    public String description() {
        return description;
    }

    /** The value shown in a preview without an order. */
    public String sample() {
        return sample;
    }

    public boolean availableIn(MailKind kind) {
        return onlyIn == null || onlyIn.contains(kind);
    }

    public static MailVariable byKey(String key) {
        for (MailVariable v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }
}
