package dev.ichigen.order;

/**
 * 受注ステータス. Never set directly: it is derived in one place ({@code OrderStatusRule}) from the facts —
 * cancelled, shipped, open holds, payment, allocation — so it cannot disagree with them. In that order:
 * CANCELLED and SHIPPED are final; any open hold (except the payment wait) makes ON_HOLD; an open
 * PAYMENT_PENDING hold makes AWAITING_PAYMENT; stock not (fully) reserved makes AWAITING_STOCK; else
 * READY_TO_SHIP. NEW exists only inside the intake transaction.
 */
public enum OrderStatus {
    NEW("新規"),
    ON_HOLD("確認待ち"),
    AWAITING_PAYMENT("入金待ち"),
    AWAITING_STOCK("引当待ち"),
    READY_TO_SHIP("出荷待ち"),
    SHIPPED("出荷済"),
    CANCELLED("キャンセル");

    private final String label;

    OrderStatus(String label) {
        this.label = label;
    }

    /** The Japanese label operators know. */
    public String label() {
        return label;
    }

    /** Not shipped and not cancelled: the order is still being worked on. */
    public boolean open() {
        return this != SHIPPED && this != CANCELLED;
    }

    /** Accepts the enum name (any case) or the Japanese label; {@code null} when neither. */
    public static OrderStatus parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (OrderStatus s : values()) {
            if (s.name().equalsIgnoreCase(t) || s.label.equals(t)) {
                return s;
            }
        }
        return null;
    }
}
