package dev.ichigen.order;

/** 支払い方法, reduced to what decides how an order flows (the channel's own name goes in history/remarks). */
public enum PaymentMethod {
    CARD("クレジットカード"),
    COD("代引き"),
    DEFERRED("後払い"),
    BANK_TRANSFER("銀行振込"),
    CONVENIENCE_STORE("コンビニ払い"),
    CARRIER_BILLING("キャリア決済"),
    /** 楽天ペイ, PayPay, Amazon Pay and other ID/point payments. */
    POINTS_OR_ID("ポイント・ID決済"),
    OTHER("その他");

    private final String label;

    PaymentMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The payment status an order starts with when the channel does not say: COD needs none (the carrier
     * collects); card, carrier billing and ID payments are authorised at checkout; bank transfer, コンビニ
     * (prepaid), 後払い (screening) and anything else wait.
     */
    public PaymentStatus defaultStatus() {
        return switch (this) {
            case COD -> PaymentStatus.NOT_REQUIRED;
            case CARD, CARRIER_BILLING, POINTS_OR_ID -> PaymentStatus.AUTHORIZED;
            case DEFERRED, BANK_TRANSFER, CONVENIENCE_STORE, OTHER -> PaymentStatus.PENDING;
        };
    }

    /** Accepts the enum name (any case) or the Japanese label; {@code null} when neither. */
    public static PaymentMethod parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (PaymentMethod m : values()) {
            if (m.name().equalsIgnoreCase(t) || m.label.equals(t)) {
                return m;
            }
        }
        return null;
    }
}
