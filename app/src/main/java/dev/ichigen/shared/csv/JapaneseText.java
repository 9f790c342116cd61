package dev.ichigen.shared.csv;

import java.text.Normalizer;

/**
 * Normalising what shop staff type (with a Japanese IME, or pasted from Excel) before it is stored,
 * so that {@code ＡＢＣ－００１} and {@code ABC-001}, or {@code ｶﾞｰﾙｽﾞ} and {@code ガールズ}, are the same value.
 *
 * <ul>
 * <li>{@link #nfkc} (Unicode NFKC, trimmed) for codes, numbers and kana readings: full-width letters,
 * digits and symbols become ASCII, half-width katakana become full-width. Not for free text: NFKC also
 * rewrites ①, ㈱, ™ and ～, which a product name may mean literally.</li>
 * <li>{@link #fullWidthKatakana} for names and descriptions: only half-width katakana (半角カナ, which
 * malls reject and mail clients garble) become full-width; everything else stays as typed.</li>
 * </ul>
 */
public final class JapaneseText {

    private JapaneseText() {
    }

    /** NFKC-normalised and stripped; {@code null} stays {@code null}. */
    public static String nfkc(String text) {
        if (text == null) {
            return null;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** NFKC-normalised, stripped, and {@code null} when nothing is left. */
    public static String nfkcOrNull(String text) {
        String n = nfkc(text);
        return n == null || n.isEmpty() ? null : n;
    }

    /**
     * Half-width katakana and their punctuation (U+FF61–U+FF9F) turned into full-width, joining a
     * following ﾞ/ﾟ (e.g. ｶﾞ → ガ, ﾊﾟ → パ); all other characters are left exactly as they are.
     */
    public static String fullWidthKatakana(String text) {
        if (text == null) {
            return null;
        }
        int first = firstHalfWidthKana(text, 0);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (first >= 0) {
            out.append(text, i, first);
            int end = first;
            while (end < text.length() && isHalfWidthKana(text.charAt(end))) {
                end++;
            }
            String run = Normalizer.normalize(text.substring(first, end), Normalizer.Form.NFKC);
            // A ﾞ/ﾟ that joins nothing stays a visible mark (゛゜), not a combining character.
            out.append(run.replace('\u3099', '\u309B').replace('\u309A', '\u309C'));
            i = end;
            first = firstHalfWidthKana(text, end);
        }
        out.append(text, i, text.length());
        return out.toString();
    }

    public static boolean containsHalfWidthKatakana(String text) {
        return text != null && firstHalfWidthKana(text, 0) >= 0;
    }

    private static int firstHalfWidthKana(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isHalfWidthKana(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHalfWidthKana(char c) {
        return c >= '\uFF61' && c <= '\uFF9F';
    }
}
