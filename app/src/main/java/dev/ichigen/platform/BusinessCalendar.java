package dev.ichigen.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.shared.InvalidInputException;

/**
 * 営業日カレンダー: which days the shop (and its warehouse) works — for 出荷予定日 and lead times. A day is closed
 * when it is one of the weekly closed days, or a public holidays ({@link JapaneseHolidays}) while the shop closes
 * on holidays, unless a single-day override says otherwise (臨時休業, 祝日出荷). Changes are audited.
 */
@Service
public class BusinessCalendar {

    /** The weekly pattern: closed weekdays and whether public holidays are closed. */
    public record Settings(Set<DayOfWeek> closedWeekdays, boolean closedOnHolidays) {
    }

    /** One day as the calendar sees it: holiday name (or null), closed or not, the override's note. */
    public record Day(LocalDate date, String holiday, boolean businessDay, Boolean override, String note) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final java.time.Clock clock;

    BusinessCalendar(JdbcClient jdbc, AuditLog audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        return jdbc.sql("select closed_weekdays, closed_on_holidays from business_calendar where id = 1")
                .query((rs, i) -> new Settings(weekdays(rs.getString(1)), rs.getBoolean(2))).single();
    }

    @Transactional
    public Settings update(Settings settings) {
        if (settings == null || settings.closedWeekdays() == null) {
            throw new InvalidInputException("closedWeekdays", "休業曜日を指定してください（なしは空の一覧）");
        }
        if (settings.closedWeekdays().size() == 7) {
            throw new InvalidInputException("closedWeekdays", "すべての曜日を休業にはできません");
        }
        Settings before = settings();
        jdbc.sql("update business_calendar set closed_weekdays = :w, closed_on_holidays = :h, updated_at = :now where id = 1")
                .param("w", text(settings.closedWeekdays())).param("h", settings.closedOnHolidays())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        audit.record("calendar.update", "business-calendar", "1", "営業日カレンダーの休業曜日・祝日を変更",
                Map.of("closedWeekdays", text(before.closedWeekdays()), "closedOnHolidays", before.closedOnHolidays()),
                Map.of("closedWeekdays", text(settings.closedWeekdays()), "closedOnHolidays", settings.closedOnHolidays()));
        return settings();
    }

    /** Marks one day open ({@code open}) or closed whatever the weekly pattern says, with a note. */
    @Transactional
    public void override(LocalDate day, boolean open, String note) {
        if (day == null) {
            throw new InvalidInputException("date", "日付を指定してください");
        }
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > 200) {
            throw new InvalidInputException("note", "メモは200文字以内です");
        }
        jdbc.sql("delete from business_day_override where calendar_day = :d").param("d", day).update();
        jdbc.sql("insert into business_day_override (calendar_day, works, note) values (:d, :o, :n)").param("d", day).param("o", open)
                .param("n", n).update();
        audit.record("calendar.day", "business-calendar", day.toString(), day + " を" + (open ? "営業日" : "休業日") + "に設定",
                null, Map.of("open", open, "note", n == null ? "" : n));
    }

    /** Removes a day's override: the weekly pattern and holidays decide again. */
    @Transactional
    public void clearOverride(LocalDate day) {
        if (jdbc.sql("delete from business_day_override where calendar_day = :d").param("d", day).update() > 0) {
            audit.record("calendar.day.clear", "business-calendar", day.toString(), day + " の個別設定を削除", null, null);
        }
    }

    @Transactional(readOnly = true)
    public boolean isBusinessDay(LocalDate date) {
        return day(date, settings(), overrides(date, date)).businessDay();
    }

    /** {@code from} itself when it is a business day, else the next one. */
    @Transactional(readOnly = true)
    public LocalDate nextBusinessDay(LocalDate from) {
        return addBusinessDays(from, 0);
    }

    /**
     * The business day {@code days} business days after {@code from} (0 = {@code from} or the next business
     * day), e.g. 出荷予定日 = order date + lead time. At most two years ahead is searched.
     */
    @Transactional(readOnly = true)
    public LocalDate addBusinessDays(LocalDate from, int days) {
        if (days < 0) {
            throw new InvalidInputException("days", "営業日数は0以上です");
        }
        Settings s = settings();
        LocalDate end = from.plusYears(2);
        Map<LocalDate, Object[]> overrides = overrides(from, end);
        int left = days;
        for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
            if (day(d, s, overrides).businessDay()) {
                if (left == 0) {
                    return d;
                }
                left--;
            }
        }
        throw new IllegalStateException("no business day within two years of " + from);
    }

    /** Every day from {@code from} to {@code to} (inclusive, at most 366 days). */
    @Transactional(readOnly = true)
    public List<Day> days(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            throw new InvalidInputException("to", "期間は1日〜366日です");
        }
        Settings s = settings();
        Map<LocalDate, Object[]> overrides = overrides(from, to);
        List<Day> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(day(d, s, overrides));
        }
        return out;
    }

    private static Day day(LocalDate d, Settings s, Map<LocalDate, Object[]> overrides) {
        Optional<String> holiday = JapaneseHolidays.name(d);
        Object[] o = overrides.get(d);
        boolean open = !s.closedWeekdays().contains(d.getDayOfWeek()) && !(s.closedOnHolidays() && holiday.isPresent());
        if (o != null) {
            open = (Boolean) o[0];
        }
        return new Day(d, holiday.orElse(null), open, o == null ? null : (Boolean) o[0], o == null ? null : (String) o[1]);
    }

    private Map<LocalDate, Object[]> overrides(LocalDate from, LocalDate to) {
        Map<LocalDate, Object[]> m = new TreeMap<>();
        jdbc.sql("select calendar_day, works, note from business_day_override where calendar_day between :f and :t").param("f", from).param("t", to)
                .query(rs -> {
                    m.put(rs.getObject(1, LocalDate.class), new Object[] { rs.getBoolean(2), rs.getString(3) });
                });
        return m;
    }

    private static Set<DayOfWeek> weekdays(String text) {
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                set.add(DayOfWeek.valueOf(s.strip()));
            }
        }
        return set;
    }

    private static String text(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
    }
}
