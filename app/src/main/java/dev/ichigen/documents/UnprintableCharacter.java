package dev.ichigen.documents;

import java.util.Locale;

/**
 * A character the document font has no glyph for, found in {@code field} (e.g. お届け先氏名): printed as 〓 instead,
 * never dropped. {@link #code()} is its code point as {@code U+20BB7}.
 */
public record UnprintableCharacter(String field, int codePoint) {

    public String code() {
        return "U+" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT);
    }

    public String character() {
        return new String(Character.toChars(codePoint));
    }
}
