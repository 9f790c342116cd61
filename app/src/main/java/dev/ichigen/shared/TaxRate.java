package dev.ichigen.shared;

/**
 * Japanese consumption tax classes (消費税法): 標準税率 10% and 軽減税率 8% (food and drink other than
 * alcohol and dining out, newspapers by subscription; since 2019-10-01).
 */
public enum TaxRate {
    STANDARD_10(10, "標準10%"),
    REDUCED_8(8, "軽減8%");

    private final int percent;
    private final String label;

    TaxRate(int percent, String label) {
        this.percent = percent;
        this.label = label;
    }

    public int percent() {
        return percent;
    }

    public String label() {
        return label;
    }

    /** Accepts {@code STANDARD_10}, {@code REDUCED_8}, {@code 10}, {@code 8}, {@code 10%}, {@code 0.1}, {@code 0.08}, 標準, 軽減. */
    public static TaxRate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("tax rate is empty");
        }
        String t = text.strip().replace("%", "").replace("％", "");
        return switch (t) {
            case "STANDARD_10", "10", "0.1", "0.10", "標準", "標準10", "標準税率" -> STANDARD_10;
            case "REDUCED_8", "8", "0.08", "軽減", "軽減8", "軽減税率" -> REDUCED_8;
            default -> throw new IllegalArgumentException("tax rate must be 10 (standard) or 8 (reduced): " + text);
        };
    }
}
