package dev.ichigen.channel;

import java.util.Locale;

/** The platform a sales channel runs on. */
public enum Platform {
    SHOPIFY("Shopify"), RAKUTEN("楽天市場"), YAHOO("Yahoo!ショッピング"), AMAZON("Amazon"), CUSTOM("自社サイト・その他");

    private final String label;

    Platform(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The enum name in any case ({@code shopify}, {@code RAKUTEN}); {@code null} when unknown. */
    public static Platform parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
