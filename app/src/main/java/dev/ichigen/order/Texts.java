package dev.ichigen.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** Small text helpers of the order module: hashing and the normal forms used for search and comparison. */
final class Texts {

    private Texts() {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The form two spellings of the same word share: NFKC (全角英数 → 半角, 半角カナ → 全角), lower case,
     * hiragana → katakana, without spaces, hyphens and long-vowel-like dashes between digits.
     */
    static String word(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000') {
                continue;
            }
            if (c >= '\u3041' && c <= '\u3096') { // ぁ..ゖ → ァ..ヶ
                c = (char) (c + 0x60);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Only the digits (NFKC first, so ０９０ counts): a phone number in any formatting. */
    static String digits(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Address or name compared loosely: {@link #word} without hyphens and dashes (1-2-3 = 1−2−3 = 123). */
    static String loose(String text) {
        String w = word(text);
        StringBuilder b = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c != '-' && c != '−' && c != 'ー' && c != '‐' && c != '－' && c != '―') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
