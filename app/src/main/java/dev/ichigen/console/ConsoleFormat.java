package dev.ichigen.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Formatting for templates, as {@code ${@fmt.dateTime(x)}}: times are stored as UTC instants and shown
 * in Japan time (Asia/Tokyo, {@code yyyy/MM/dd HH:mm}); yen and counts with thousands separators; JSON is
 * pretty-printed for reading.
 */
@Component("fmt")
public class ConsoleFormat {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(JAPAN);
    private static final DateTimeFormatter DATE_TIME_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withZone(JAPAN);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(JAPAN);

    private final ObjectMapper json;

    ConsoleFormat(ObjectMapper json) {
        this.json = json;
    }

    /** {@code 2025/04/01 09:30} in Japan time; an em dash for "none". */
    public String dateTime(Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    /** {@code 2025/04/01} in Japan time; an em dash for "none". */
    public String date(Instant instant) {
        return instant == null ? "—" : DATE.format(instant);
    }

    /** Whole yen with thousands separators: {@code ¥1,980}. */
    public String yen(long amount) {
        return (amount < 0 ? "-¥" : "¥") + String.format(java.util.Locale.ROOT, "%,d", Math.abs(amount));
    }

    /** A count with thousands separators: {@code 12,345}. */
    public String number(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    /** A change with its sign: {@code +5}, {@code -3}, {@code 0}. */
    public String signed(long value) {
        return value > 0 ? "+" + number(value) : number(value);
    }

    /** The value of an {@code <input type="datetime-local">} in Japan time ({@code 2025-04-01T09:30}); empty for null. */
    public static String dateTimeLocal(Instant instant) {
        return instant == null ? "" : DATE_TIME_LOCAL.format(instant);
    }

    /** Indented JSON; the text unchanged if it is not JSON; empty for null. Escape it with th:text. */
    public String prettyJson(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
        } catch (JacksonException notJson) {
            return text;
        }
    }
}
