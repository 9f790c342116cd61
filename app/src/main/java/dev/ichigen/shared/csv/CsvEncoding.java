package dev.ichigen.shared.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The text encodings Japanese shops exchange CSV files in: UTF-8 with a byte order mark (what Excel
 * writes as "CSV UTF-8"), UTF-8 without one (most web tools), and Shift_JIS as Microsoft's CP932
 * (Java {@code windows-31j}: what Excel writes as plain "CSV", and what the malls and carriers expect).
 */
public enum CsvEncoding {
    UTF8_BOM("UTF-8 (BOM付き)"),
    UTF8("UTF-8"),
    CP932("Shift_JIS (CP932)");

    /** Java's name for CP932; plain {@code Shift_JIS} lacks the NEC/IBM extensions (①, ㈱, 髙). */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    static final byte[] UTF8_BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private final String label;

    CsvEncoding(String label) {
        this.label = label;
    }

    public Charset charset() {
        return this == CP932 ? WINDOWS_31J : StandardCharsets.UTF_8;
    }

    /** How shop staff know the encoding (e.g. {@code Shift_JIS (CP932)}). */
    public String label() {
        return label;
    }

    /** Accepts utf8, utf-8, utf8bom, utf-8-bom, cp932, sjis, shift_jis, windows-31j (any case); {@code null} is {@code defaultValue}. */
    public static CsvEncoding parse(String text, CsvEncoding defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "-")) {
            case "utf8", "utf-8", "utf8bom", "utf8-bom", "utf-8-bom", "utf-8bom" -> UTF8_BOM;
            case "utf8-nobom", "utf-8-nobom", "utf8nobom" -> UTF8;
            case "cp932", "ms932", "sjis", "shift-jis", "shiftjis", "windows-31j" -> CP932;
            default -> throw new IllegalArgumentException("encoding must be utf8 or cp932: " + text);
        };
    }
}
