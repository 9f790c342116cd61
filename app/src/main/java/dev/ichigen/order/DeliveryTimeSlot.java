package dev.ichigen.order;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery time slots (お届け時間帯) in a carrier-neutral form {@code "HH-HH"}: {@code "08-12"} (午前中),
 * {@code "12-14"}, {@code "14-16"}, {@code "16-18"}, {@code "18-20"}, {@code "19-21"}… Which slots a
 * carrier offers (ヤマト 0812/1416/1618/1820/1921, see ../shared/reference/carriers) is the time-slot
 * check's business; this only reads what channels write.
 */
public final class DeliveryTimeSlot {

    private static final Pattern NEUTRAL = Pattern.compile("([01]\\d|2[0-4])-([01]\\d|2[0-4])");
    // 14-16, 14:00-16:00, 14時-16時, 14時～16時, 14～16時, 1416 (楽天 shippingTerm, ヤマト B2 code)
    private static final Pattern RANGE = Pattern.compile(
            "(\\d{1,2})(?::00)?\\s*時?\\s*(?:-|~|〜|～|から|－|ー)\\s*(\\d{1,2})(?::00)?\\s*時?(?:まで|頃)?");
    private static final Pattern FOUR_DIGITS = Pattern.compile("(\\d{2})(\\d{2})");

    private DeliveryTimeSlot() {
    }

    /**
     * The neutral slot for what a channel wrote, or {@code null} when there is none (blank, 指定なし) or it
     * cannot be read (then keep the text and let a check look at it). 午前中/午前/AM → {@code "08-12"}.
     */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replace(" ", "");
        if (t.isEmpty() || t.equals("指定なし") || t.equals("なし") || t.equals("0")) {
            return null;
        }
        if (t.equals("午前中") || t.equals("午前") || t.equalsIgnoreCase("AM") || t.equals("1")) {
            return "08-12";
        }
        Matcher m = RANGE.matcher(t);
        if (m.matches()) {
            return slot(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = FOUR_DIGITS.matcher(t);
        if (m.matches()) {
            return slot(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return null;
    }

    /** Whether {@code slot} is already in the neutral form with a start before its end. */
    public static boolean isNeutral(String slot) {
        if (slot == null) {
            return false;
        }
        Matcher m = NEUTRAL.matcher(slot);
        return m.matches() && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2));
    }

    private static String slot(int from, int to) {
        if (from < 0 || to > 24 || from >= to) {
            return null;
        }
        return "%02d-%02d".formatted(from, to);
    }
}
