package dev.ichigen.order;

/**
 * 入金・決済状況. PENDING waits (入金待ち / 与信待ち / 後払い審査中) and keeps the order from shipping
 * (status AWAITING_PAYMENT); FAILED holds it (ON_HOLD); the others let it ship.
 */
public enum PaymentStatus {
    /** Nothing to collect before shipping (代引き: the carrier collects). */
    NOT_REQUIRED("不要"),
    PENDING("入金待ち"),
    AUTHORIZED("与信済"),
    PAID("入金済"),
    REFUNDED("返金済"),
    FAILED("決済エラー");

    private final String label;

    PaymentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the enum name (any case) or the Japanese label; {@code null} when neither. */
    public static PaymentStatus parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (PaymentStatus s : values()) {
            if (s.name().equalsIgnoreCase(t) || s.label.equals(t)) {
                return s;
            }
        }
        return null;
    }
}
