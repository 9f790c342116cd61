package dev.ichigen.fulfillment;

/** 出荷ステータス: 出荷指示済 → 検品済 → 出荷済, or 取消 (voided before it left). */
public enum ShipmentStatus {
    INSTRUCTED("出荷指示済"), PACKED("検品済"), SHIPPED("出荷済"), CANCELLED("取消");

    private final String label;

    ShipmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Not shipped and not cancelled. */
    public boolean open() {
        return this == INSTRUCTED || this == PACKED;
    }
}
