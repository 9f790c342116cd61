package dev.ichigen.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import dev.ichigen.shared.PhoneNumber.Kind;

/**
 * Reading Japanese phone numbers as customers and malls write them: {@code 090-1234-5678},
 * {@code ０９０－１２３４－５６７８}, {@code (03) 1234-5678}, {@code +81 90 1234 5678}, {@code +81(0)3-1234-5678},
 * {@code 03.1234.5678}. Length and prefix rules follow the 総務省 numbering plan: mobile 070/080/090, IP
 * 050 and 020 have 11 digits; 0120 and 0570 have 10, 0800 has 11; every other number (landline) has 10.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The national digits ({@code 09012345678}) of a valid number, or {@code null}. */
    public static String normalise(String text) {
        PhoneNumber number = read(text).number;
        return number == null ? null : number.digits();
    }

    /** The number, or an {@link InvalidInputException} for {@code field} saying what is wrong. */
    public static PhoneNumber validate(String text, String field) {
        Reading reading = read(text);
        if (reading.number == null) {
            throw new InvalidInputException(field, reading.problem);
        }
        return reading.number;
    }

    /** What is wrong with {@code text} as a phone number (Japanese, for a hold reason); empty when it is valid. */
    public static Optional<String> problem(String text) {
        return Optional.ofNullable(read(text).problem);
    }

    private record Reading(PhoneNumber number, String problem) {
    }

    private static Reading read(String text) {
        if (text == null || text.isBlank()) {
            return new Reading(null, "電話番号がありません");
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("tel:")) {
            s = s.substring(4);
        }
        boolean international = s.startsWith("+81") || s.startsWith("0081");
        if (!international && s.startsWith("+")) {
            return new Reading(null, "日本（+81）以外の電話番号です。電話番号は 0 から始まる10桁か11桁です: " + text.strip());
        }
        if (international) {
            s = s.substring(s.startsWith("+") ? 3 : 4).replace("(0)", "");
        }
        StringBuilder digits = new StringBuilder(international ? "0" : "");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!isSeparator(c, i > 0 && Character.isDigit(s.charAt(i - 1)))) {
                return new Reading(null, "電話番号に使えない文字「" + c + "」があります: " + text.strip());
            }
        }
        String d = digits.toString();
        if (international && d.startsWith("00")) {
            d = d.substring(1); // +81 0 90… written with the trunk 0 kept
        }
        if (d.isEmpty() || d.charAt(0) != '0') {
            return new Reading(null, "電話番号は 0 から始まる10桁か11桁です（国外の番号は扱えません）: " + text.strip());
        }
        if (d.startsWith("00")) {
            return new Reading(null, "00 で始まる番号は国際電話などの識別番号で、国内の電話番号ではありません: " + text.strip());
        }
        Kind kind = kind(d);
        int expected = expectedLength(d);
        if (d.length() != expected) {
            return new Reading(null, "電話番号の桁数が違います（" + d.length() + "桁。" + describe(d) + "は" + expected + "桁）: " + text.strip());
        }
        return new Reading(new PhoneNumber(d, kind), null);
    }

    private static boolean isSeparator(char c, boolean afterDigit) {
        return c == '-' || c == ' ' || c == '(' || c == ')' || c == '.' || c == '\u2010' || c == '\u2011' || c == '\u2012'
                || c == '\u2013' || c == '\u2014' || c == '\u2015' || c == '\u2212' || c == '\uFE63'
                || (c == 'ー' && afterDigit); // the long vowel mark an IME gives for "-" after digits
    }

    private static Kind kind(String d) {
        if (d.startsWith("0120") || d.startsWith("0800")) { // before 080: 0800 is toll-free, not mobile
            return Kind.TOLL_FREE;
        }
        if (d.startsWith("070") || d.startsWith("080") || d.startsWith("090")) {
            return Kind.MOBILE;
        }
        if (d.startsWith("050")) {
            return Kind.IP_PHONE;
        }
        if (d.startsWith("020")) {
            return Kind.M2M;
        }
        if (d.startsWith("0570")) {
            return Kind.NAVI_DIAL;
        }
        return Kind.LANDLINE;
    }

    private static int expectedLength(String d) {
        return switch (kind(d)) {
            case MOBILE, IP_PHONE, M2M -> 11;
            case TOLL_FREE -> d.startsWith("0800") ? 11 : 10;
            case NAVI_DIAL, LANDLINE -> 10;
        };
    }

    private static String describe(String d) {
        return switch (kind(d)) {
            case MOBILE -> "携帯電話（" + d.substring(0, Math.min(3, d.length())) + "）";
            case IP_PHONE -> "IP電話（050）";
            case M2M -> "020 の番号";
            case TOLL_FREE -> "フリーダイヤル（" + d.substring(0, 4) + "）";
            case NAVI_DIAL -> "ナビダイヤル（0570）";
            case LANDLINE -> "固定電話";
        };
    }
}
