package dev.ichigen.payment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payer name (振込依頼人名) as banks write it, reduced to what can be compared with an order's name or kana.
 * Bank statements carry half-width katakana without small letters (ﾔﾏﾀﾞ ｼﾖｳｼﾞ for ヤマダ ショウジ), company markers
 * (カ) / (カ for 株式会社, ユ) for 有限会社, ド) for 合同会社 — the 全銀 abbreviations), and customers often add the order
 * number (ﾔﾏﾀﾞﾀﾛｳ 12345). So: NFKC (half-width → full-width kana, full-width digits → ASCII), hiragana → katakana,
 * small kana → large, long-vowel marks and hyphens unified, company markers, spaces and punctuation removed; tokens of
 * 4 or more digits/letters with a digit are taken out as possible order numbers.
 *
 * @param key the comparable name ({@code ヤマダタロウ}); empty when nothing is left
 * @param numbers possible order numbers found in the text, upper case
 */
public record PayerName(String key, List<String> numbers) {

    private static final Pattern COMPANY = Pattern.compile(
            "[(（](?:カ|ユ|ド|シヤ|ザイ|ガク|イ|メ|ソ|ゴ|シ|ノ|ギヨ|ニン|ネ|ユウ)[)）]?|(?:カ|ユ|ド|シヤ|ザイ|ガク|メ|ソ)[)）]");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Z0-9])[A-Z0-9][A-Z0-9-]{2,}[A-Z0-9](?![A-Z0-9])");
    private static final String SMALL = "ァィゥェォッャュョヮヵヶ";
    private static final String LARGE = "アイウエオツヤユヨワカケ";

    public static PayerName of(String text) {
        if (text == null) {
            return new PayerName("", List.of());
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        List<String> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(t);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (m.group().chars().anyMatch(Character::isDigit)) {
                numbers.add(m.group());
                m.appendReplacement(rest, " ");
            }
        }
        m.appendTail(rest);
        return new PayerName(key(rest.toString()), List.copyOf(numbers));
    }

    /** The comparable form of a name or kana as an order states it (same rules, no numbers taken out). */
    public static String key(String text) {
        if (text == null) {
            return "";
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 'ぁ' && c <= 'ゖ') {
                c = (char) (c + ('ァ' - 'ぁ'));
            }
            int small = SMALL.indexOf(c);
            if (small >= 0) {
                c = LARGE.charAt(small);
            }
            if (c == '-' || c == '‐' || c == '−' || c == '―' || c == '－') {
                c = 'ー';
            }
            b.append(c);
        }
        String s = COMPANY.matcher(b).replaceAll("");
        return s.replaceAll("[\\s・.,、。()（）「」'\"/]", "");
    }

    /** An order number as comparable with {@link #numbers()}: NFKC, upper case, without # and spaces. */
    public static String orderNumberKey(String number) {
        if (number == null) {
            return "";
        }
        return Normalizer.normalize(number, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).replaceAll("[#\\s]", "");
    }
}
