package dev.ichigen.catalog;

/** Whether a product is still sold: 販売中 (ACTIVE) or 販売終了 (DISCONTINUED, kept for history and old orders). */
public enum ProductStatus {
    ACTIVE("販売中"), DISCONTINUED("販売終了");

    private final String label;

    ProductStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the enum name (any case), 販売中/販売終了 and common synonyms; {@code null} when unknown. */
    public static ProductStatus parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (ProductStatus status : values()) {
            if (status.name().equalsIgnoreCase(t) || status.label.equals(t)) {
                return status;
            }
        }
        return switch (t) {
            case "有効", "販売", "公開", "active" -> ACTIVE;
            case "廃番", "終売", "無効", "停止", "販売停止" -> DISCONTINUED;
            default -> null;
        };
    }
}
