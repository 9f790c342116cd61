package dev.ichigen.address.kenall;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Japan Post's town strings (町域名) as customers write the town. The rules follow Japan Post's notes on
 * 住所の郵便番号 (KEN_ALL) and the usual practice of address-entry tools:
 * <ul>
 * <li>{@code 以下に掲載がない場合} (the code for the rest of the city), {@code ○○の次に番地がくる場合} (a city
 * without town names) and {@code ○○一円} (the whole municipality) → empty: any town.</li>
 * <li>Buildings with their own codes: {@code （地階・階層不明）} is dropped, {@code （１階）} becomes {@code １階}
 * (霞が関霞が関ビル１階).</li>
 * <li>A note in brackets at the end — {@code （次のビルを除く）}, {@code （１～１９丁目）}, {@code （その他）}, lists
 * of 番地 or 小字 — is dropped: 大手町（次のビルを除く） → 大手町. A bracket inside the name stays.</li>
 * </ul>
 * Readings get the same rules; they are stored NFKC-normalised: full-width katakana, ASCII digits and
 * brackets, whether the file had half-width (KEN_ALL.CSV) or full-width (utf_ken_all.csv) kana.
 */
public final class KenAllTown {

    private static final String NOT_LISTED = "以下に掲載がない場合";
    private static final Pattern NEXT_IS_BANCHI = Pattern.compile("^.*の次に.*番地.*がくる場合$");
    private static final Pattern ICHIEN = Pattern.compile("^.+一円$");
    private static final String FLOOR_UNKNOWN = "（地階・階層不明）";
    private static final Pattern FLOOR = Pattern.compile("（([０-９]+階)）$");
    private static final String FLOOR_UNKNOWN_KANA = "(チカイ・カイソウフメイ)";
    private static final Pattern FLOOR_KANA = Pattern.compile("\\(([0-9]+カイ)\\)$");

    private KenAllTown() {
    }

    /** The town as customers write it; empty for the whole city. */
    public static String town(String raw) {
        String s = raw.strip();
        if (s.equals(NOT_LISTED) || NEXT_IS_BANCHI.matcher(s).matches() || ICHIEN.matcher(s).matches()) {
            return "";
        }
        if (s.endsWith(FLOOR_UNKNOWN)) {
            s = s.substring(0, s.length() - FLOOR_UNKNOWN.length());
        } else {
            var floor = FLOOR.matcher(s);
            if (floor.find()) {
                return s.substring(0, floor.start()) + floor.group(1);
            }
        }
        return withoutTrailingNote(s, '（', '）');
    }

    /** The reading of {@code town(raw)}: empty when the town is. */
    public static String kana(String rawKana, String cleanedTown) {
        if (cleanedTown.isEmpty()) {
            return "";
        }
        String s = nfkc(rawKana);
        if (s.endsWith(FLOOR_UNKNOWN_KANA)) {
            s = s.substring(0, s.length() - FLOOR_UNKNOWN_KANA.length());
        } else {
            var floor = FLOOR_KANA.matcher(s);
            if (floor.find()) {
                return s.substring(0, floor.start()) + floor.group(1);
            }
        }
        s = withoutTrailingNote(s, '(', ')');
        int open = s.indexOf('(');
        if (open > 0 && cleanedTown.indexOf('（') < 0) {
            s = s.substring(0, open); // a note whose reading was cut or repeated differently from the kanji
        }
        return s;
    }

    /** NFKC, stripped: half-width kana become full-width, full-width digits and brackets ASCII. */
    public static String nfkc(String kana) {
        return Normalizer.normalize(kana, Normalizer.Form.NFKC).strip();
    }

    /** Whether every opening bracket of a (possibly partial) town string has been closed. */
    public static boolean closed(String town) {
        int depth = 0;
        for (int i = 0; i < town.length(); i++) {
            char c = town.charAt(i);
            if (c == '（') {
                depth++;
            } else if (c == '）') {
                depth--;
            }
        }
        return depth <= 0;
    }

    /** Drops a bracketed note that ends the string (with the brackets nested in it); {@code 北町} stays. */
    static String withoutTrailingNote(String s, char open, char close) {
        if (s.isEmpty() || s.charAt(s.length() - 1) != close) {
            return s;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == close) {
                depth++;
            } else if (c == open && --depth == 0) {
                return i == 0 ? s : s.substring(0, i).strip();
            }
        }
        return s; // unbalanced: leave it as it is
    }
}
