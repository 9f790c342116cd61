package dev.ichigen.address;

import java.text.Normalizer;

import dev.ichigen.shared.InvalidInputException;

/**
 * A Japanese postal code (郵便番号): seven digits, stored without the hyphen.
 *
 * @param value seven ASCII digits, e.g. {@code 1000001}
 */
public record PostalCode(String value) {

    public PostalCode {
        if (value == null || !value.matches("[0-9]{7}")) {
            throw new IllegalArgumentException("a postal code is seven digits: " + value);
        }
    }

    /**
     * Reads a postal code the way customers and malls write it: {@code 1000001}, {@code 100-0001},
     * full-width {@code １００－０００１}, with a {@code 〒} mark, spaces, or a long-vowel mark typed for the
     * hyphen ({@code 100ー0001}). Anything else is an {@link InvalidInputException} naming {@code field}.
     */
    public static PostalCode parse(String text, String field) {
        PostalCode code = tryParse(text);
        if (code == null) {
            throw new InvalidInputException(field, text == null || text.isBlank() ? "郵便番号がありません"
                    : "郵便番号は7桁の数字で入力してください（例: 100-0001）: " + text);
        }
        return code;
    }

    /** Like {@link #parse} but answers {@code null} for text that is not a postal code. */
    public static PostalCode tryParse(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder(7);
        int hyphens = 0;
        int i = 0;
        s = s.strip();
        if (s.startsWith("〒")) {
            i = 1;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (isHyphen(c)) {
                // one separator, only after the third digit (100-0001)
                if (digits.length() != 3 || ++hyphens > 1) {
                    return null;
                }
            } else if (!Character.isWhitespace(c)) {
                return null;
            }
        }
        return digits.length() == 7 ? new PostalCode(digits.toString()) : null;
    }

    /** {@code 100-0001}. */
    public String formatted() {
        return value.substring(0, 3) + "-" + value.substring(3);
    }

    @Override
    public String toString() {
        return value;
    }

    static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014'
                || c == '\u2015' || c == '\u2212' || c == '\u30FC' || c == '\uFF70' || c == '\uFE63';
    }
}
