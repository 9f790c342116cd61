package dev.ichigen.shared;

import java.util.regex.Pattern;

/**
 * Our stock keeping unit code — the key of the product master: 1–64 characters of
 * {@code A-Z a-z 0-9 . _ + # -}, starting with a letter or digit. No {@code /}: a SKU is a path segment
 * of the REST API ({@code /api/v1/products/{sku}}) and servlet containers refuse an encoded slash there.
 * Mall item codes (Rakuten 商品管理番号, Yahoo 商品コード) map to it through channel listings.
 */
public record Sku(String value) implements Comparable<Sku> {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+#\\-]{0,63}");

    public Sku {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "SKU must be 1-64 characters of A-Z a-z 0-9 . _ + # - and start with a letter or digit: " + value);
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    public static boolean isValid(String value) {
        return value != null && ALLOWED.matcher(value).matches();
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
