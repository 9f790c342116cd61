package dev.ichigen.address;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalising Japanese address text (住所の表記ゆれ) so that what a customer types and what Japan Post's
 * data says compare equal: {@code 東京都 千代田区 霞ヶ関 １丁目} and {@code 東京都千代田区霞が関1丁目} give the same
 * string. Only for comparing: the result is not meant to be shown or stored as the address.
 *
 * <ul>
 * <li>Unicode NFKC: full-width letters, digits and symbols become ASCII, half-width katakana full-width;
 * Latin letters upper case.</li>
 * <li>Every space (half- and full-width) and the separators {@code 、 ,} removed.</li>
 * <li>Hyphen look-alikes ({@code ‐ ‑ – — ― − －}, and {@code ー} after a digit, as typed with a Japanese IME)
 * become {@code -}.</li>
 * <li>Kanji numerals before 丁目・番地・番・号・条・地割・線 become Arabic: {@code 十二丁目 → 12丁目},
 * {@code 北一条西 → 北1条西}.</li>
 * <li>Between two kanji, {@code ヶ ケ ヵ が ガ} are one character ({@code 霞が関 = 霞ヶ関 = 霞ケ関}) and so are
 * {@code の ノ 之} ({@code 丸の内 = 丸ノ内}, {@code 木之本 = 木ノ本}).</li>
 * <li>A few old or variant kanji common in place names map to the everyday form ({@code 﨑 → 崎},
 * {@code 髙 → 高}, {@code 澤 → 沢}, {@code 濱 → 浜}, {@code 嶋 → 島}, {@code 檜 → 桧}, …).</li>
 * </ul>
 * 大字・字 prefixes and an omitted prefecture are handled when matching ({@link AddressVerification}), not here.
 */
public final class AddressText {

    private static final Map<Character, Character> VARIANTS = Map.ofEntries(
            Map.entry('﨑', '崎'), Map.entry('嵜', '崎'), Map.entry('髙', '高'), Map.entry('德', '徳'),
            Map.entry('邊', '辺'), Map.entry('邉', '辺'), Map.entry('澤', '沢'), Map.entry('濱', '浜'),
            Map.entry('嶋', '島'), Map.entry('嶌', '島'), Map.entry('檜', '桧'), Map.entry('藪', '薮'),
            Map.entry('曾', '曽'), Map.entry('舘', '館'), Map.entry('冨', '富'), Map.entry('龍', '竜'),
            Map.entry('國', '国'), Map.entry('驛', '駅'), Map.entry('鄕', '郷'), Map.entry('瀨', '瀬'));

    /** A run of kanji numerals directly before a unit that numbers a street block, lot or 条. */
    private static final Pattern KANJI_NUMBER = Pattern.compile("([〇一二三四五六七八九十百千]+)(?=丁目|番地|番|号|条|地割|線)");

    private AddressText() {
    }

    /** The comparable form of {@code text}; {@code null} gives an empty string. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '、' || c == ',') {
                continue;
            }
            if (c == 'ー' && !out.isEmpty() && isDigit(out.charAt(out.length() - 1))) {
                c = '-';
            } else if (c != 'ー' && PostalCode.isHyphen(c)) {
                c = '-';
            }
            Character variant = VARIANTS.get(c);
            out.append(variant == null ? c : variant);
        }
        s = arabicNumerals(out.toString());
        char[] chars = s.toCharArray();
        for (int i = 1; i + 1 < chars.length; i++) {
            if (isKanji(chars[i - 1]) && isKanji(chars[i + 1])) {
                switch (chars[i]) {
                    case 'ヶ', 'ケ', 'ヵ', 'が', 'ガ' -> chars[i] = 'ケ';
                    case 'の', 'ノ', '之' -> chars[i] = 'ノ';
                    default -> {
                    }
                }
            }
        }
        return new String(chars);
    }

    /** {@code 一丁目 → 1丁目}, {@code 二十三番 → 23番}, {@code 一〇五号 → 105号}. */
    static String arabicNumerals(String s) {
        Matcher m = KANJI_NUMBER.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        do {
            m.appendReplacement(out, Integer.toString(kanjiNumber(m.group(1))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** A kanji numeral as a number: with 十百千 as multipliers ({@code 二十三}), else digit by digit ({@code 一〇五}). */
    static int kanjiNumber(String kanji) {
        boolean positional = kanji.indexOf('十') < 0 && kanji.indexOf('百') < 0 && kanji.indexOf('千') < 0;
        int total = 0;
        int current = 0;
        for (int i = 0; i < kanji.length(); i++) {
            char c = kanji.charAt(i);
            int digit = "〇一二三四五六七八九".indexOf(c);
            if (digit >= 0) {
                current = positional ? current * 10 + digit : digit;
                continue;
            }
            int unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        return total + current;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isKanji(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
