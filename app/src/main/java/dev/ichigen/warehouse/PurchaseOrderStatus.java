package dev.ichigen.warehouse;

/** 発注の状態: derived from the received quantities, except CLOSED (a person closed it; nothing more is expected). */
public enum PurchaseOrderStatus {
    /** 未入荷 */
    OPEN("未入荷"),
    /** 一部入荷 */
    PARTIALLY_RECEIVED("一部入荷"),
    /** 入荷済 */
    RECEIVED("入荷済"),
    /** 完了（締め） */
    CLOSED("締め");

    private final String label;

    PurchaseOrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
