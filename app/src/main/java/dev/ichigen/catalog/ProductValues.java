package dev.ichigen.catalog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * Reading product values as people type them (in the console, the API, or an Excel sheet saved as CSV):
 * Japanese labels next to the codes, full-width digits, {@code 1,980円}, {@code 2025/4/1 10:00}.
 * Each parser answers {@code null} for text it does not understand; callers turn that into a field error.
 */
public final class ProductValues {

    /** Times without an offset are shop times (日本時間). */
    public static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern EXCEL_EXPONENT = Pattern.compile("\\d(\\.\\d+)?E\\+?\\d+", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

    private ProductValues() {
    }

    /** SIMPLE/通常/単品, PARENT/親商品, VARIANT/子商品/バリエーション, SET/セット (any case). */
    public static ProductKind parseKind(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        return switch (t.toUpperCase(Locale.ROOT)) {
            case "SIMPLE", "通常", "通常商品", "単品", "単品商品" -> ProductKind.SIMPLE;
            case "PARENT", "親", "親商品" -> ProductKind.PARENT;
            case "VARIANT", "子", "子商品", "バリエーション", "バリエーション商品" -> ProductKind.VARIANT;
            case "SET", "セット", "セット商品" -> ProductKind.SET;
            default -> null;
        };
    }

    /** Japanese label of a kind, as written in the CSV export. */
    public static String kindLabel(ProductKind kind) {
        return switch (kind) {
            case SIMPLE -> "通常";
            case PARENT -> "親商品";
            case VARIANT -> "バリエーション";
            case SET -> "セット";
        };
    }

    /** 10 / 8, 標準 / 軽減, 標準税率10% / 軽減税率8%, STANDARD_10 / REDUCED_8, 0.1 / 0.08. */
    public static TaxRate parseTaxRate(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        t = t.replace("税率", "").replace("(", "").replace(")", "").replace(" ", "");
        try {
            return TaxRate.parse(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 1/0, はい/いいえ, true/false, yes/no, ○/×, する/しない, あり/なし, 有/無, on/off. */
    public static Boolean parseYesNo(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "on", "はい", "○", "〇", "◯", "する", "あり", "有", "対象" -> Boolean.TRUE;
            case "0", "false", "no", "n", "off", "いいえ", "×", "✕", "しない", "なし", "無", "対象外" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** 税込/内税 (true), 税抜/外税 (false), or any {@link #parseYesNo} answer. */
    public static Boolean parsePriceIncludesTax(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        return switch (t) {
            case "税込", "税込み", "内税", "税込価格" -> Boolean.TRUE;
            case "税抜", "税抜き", "外税", "税別", "税抜価格" -> Boolean.FALSE;
            default -> parseYesNo(t);
        };
    }

    /** Whole yen: {@code 1980}, {@code 1,980}, {@code ¥1,980}, {@code 1980円}, {@code １９８０}, {@code 1980.0}. */
    public static Long parseYen(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        t = t.replace(",", "").replace("円", "").replace("¥", "").replace("\\", "").strip();
        return parseWhole(t);
    }

    /** A whole number ({@code 1,200}, {@code １２００}, {@code 1200.0}); {@code null} when it is none. */
    public static Long parseWholeNumber(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        return t == null ? null : parseWhole(t.replace(",", ""));
    }

    private static Long parseWhole(String t) {
        if (t.matches("[+-]?\\d{1,15}")) {
            return Long.parseLong(t);
        }
        if (t.matches("[+-]?\\d{1,15}\\.0+")) {
            return Long.parseLong(t.substring(0, t.indexOf('.')));
        }
        return null;
    }

    /**
     * {@code 2025/04/01 10:00}, {@code 2025/4/1 9:00:30}, {@code 2025-04-01T10:00}, {@code 2025/04/01} (0:00),
     * in Japan time unless an offset is given ({@code 2025-04-01T01:00:00Z}, {@code +09:00}).
     */
    public static Instant parseDateTime(String text) {
        String t = JapaneseText.nfkcOrNull(text);
        if (t == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(t);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            if (m.group(7) == null) {
                return local.atZone(SHOP_ZONE).toInstant();
            }
            return local.toInstant(ZoneOffset.of(m.group(7).equals("Z") ? "Z" : m.group(7).length() == 5
                    ? m.group(7).substring(0, 3) + ":" + m.group(7).substring(3) : m.group(7)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Japan time as {@code 2025/04/01 10:00} (with {@code :ss} only when the seconds are not zero). */
    public static String formatDateTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime local = LocalDateTime.ofInstant(instant, SHOP_ZONE);
        return (local.getSecond() == 0 ? MINUTES : SECONDS).format(local);
    }

    /** Why {@code text} is no valid JAN/EAN-13, EAN-8 or UPC-A code, in Japanese; {@code null} when it is valid. */
    public static String gtinProblem(String text) {
        if (text == null || text.isEmpty()) {
            return "JANコードが空です";
        }
        if (EXCEL_EXPONENT.matcher(text).matches()) {
            return "Excel で指数表記 (" + text + ") に変わっています。列の書式を「文字列」にして入力し直してください";
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "JANコードは数字だけで入力してください: " + text;
        }
        if (text.length() != 8 && text.length() != 12 && text.length() != 13) {
            return "JANコードは13桁(JAN/EAN-13)・8桁(短縮JAN)・12桁(UPC-A)のいずれかです（" + text.length() + "桁）";
        }
        int expected = Gtin.checkDigit(text.substring(0, text.length() - 1));
        if (expected != text.charAt(text.length() - 1) - '0') {
            return "チェックデジットが正しくありません（" + text + " の末尾は " + expected + " のはずです）";
        }
        return null;
    }
}
