package dev.ichigen.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * 国民の祝日 (Japanese public holidays) by the rules of 国民の祝日に関する法律 as amended up to 2021, for the
 * years 2000–2099: fixed days, Happy Monday days (成人の日, 海の日, 敬老の日, スポーツの日), the equinoxes by the
 * astronomical approximation the Cabinet Office tables follow (valid 1980–2099, announced officially each
 * February for the next year), 振替休日 (a holiday on a Sunday moves to the next non-holiday), 国民の休日 (a
 * weekday between two holidays), and the one-off days of 2019 (即位の日, 即位礼正殿の儀) and the 2020/2021 Olympic
 * moves. Outside 2000–2099 the answer is empty.
 */
public final class JapaneseHolidays {

    private JapaneseHolidays() {
    }

    /** The holiday's name on {@code date}, if it is one. */
    public static Optional<String> name(LocalDate date) {
        return Optional.ofNullable(of(date.getYear()).get(date));
    }

    /** Every holiday of the year, in date order (empty outside 2000–2099). */
    public static Map<LocalDate, String> of(int year) {
        TreeMap<LocalDate, String> h = new TreeMap<>();
        if (year < 2000 || year > 2099) {
            return h;
        }
        h.put(LocalDate.of(year, 1, 1), "元日");
        h.put(nthMonday(year, Month.JANUARY, 2), "成人の日");
        h.put(LocalDate.of(year, 2, 11), "建国記念の日");
        if (year >= 2020) {
            h.put(LocalDate.of(year, 2, 23), "天皇誕生日");
        }
        h.put(LocalDate.of(year, 3, vernalEquinox(year)), "春分の日");
        h.put(LocalDate.of(year, 4, 29), year >= 2007 ? "昭和の日" : "みどりの日");
        h.put(LocalDate.of(year, 5, 3), "憲法記念日");
        if (year >= 2007) {
            h.put(LocalDate.of(year, 5, 4), "みどりの日");
        }
        h.put(LocalDate.of(year, 5, 5), "こどもの日");
        if (year == 2020) {
            h.put(LocalDate.of(2020, 7, 23), "海の日");
            h.put(LocalDate.of(2020, 7, 24), "スポーツの日");
            h.put(LocalDate.of(2020, 8, 10), "山の日");
        } else if (year == 2021) {
            h.put(LocalDate.of(2021, 7, 22), "海の日");
            h.put(LocalDate.of(2021, 7, 23), "スポーツの日");
            h.put(LocalDate.of(2021, 8, 8), "山の日");
        } else {
            h.put(year >= 2003 ? nthMonday(year, Month.JULY, 3) : LocalDate.of(year, 7, 20), "海の日");
            if (year >= 2016) {
                h.put(LocalDate.of(year, 8, 11), "山の日");
            }
            h.put(nthMonday(year, Month.OCTOBER, 2), year >= 2020 ? "スポーツの日" : "体育の日");
        }
        h.put(year >= 2003 ? nthMonday(year, Month.SEPTEMBER, 3) : LocalDate.of(year, 9, 15), "敬老の日");
        h.put(LocalDate.of(year, 9, autumnalEquinox(year)), "秋分の日");
        h.put(LocalDate.of(year, 11, 3), "文化の日");
        h.put(LocalDate.of(year, 11, 23), "勤労感謝の日");
        if (year <= 2018) {
            h.put(LocalDate.of(year, 12, 23), "天皇誕生日");
        }
        if (year == 2019) {
            h.put(LocalDate.of(2019, 5, 1), "即位の日");
            h.put(LocalDate.of(2019, 10, 22), "即位礼正殿の儀の行われる日");
        }
        // 国民の休日: a day that is not a holiday itself, between two holidays (in practice in September)
        for (LocalDate d : new java.util.ArrayList<>(h.keySet())) {
            LocalDate between = d.plusDays(1);
            if (!h.containsKey(between) && h.containsKey(d.plusDays(2)) && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                h.put(between, "国民の休日");
            }
        }
        // 振替休日: a holiday on a Sunday makes the next day that is not a holiday one
        for (LocalDate d : new java.util.ArrayList<>(h.keySet())) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate next = d.plusDays(1);
                while (h.containsKey(next)) {
                    next = next.plusDays(1);
                }
                if (next.getYear() == year) {
                    h.put(next, "振替休日");
                }
            }
        }
        return h;
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }

    /** 春分日 for 1980–2099: ⌊20.8431 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋. */
    static int vernalEquinox(int year) {
        return (int) (20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    /** 秋分日 for 1980–2099: ⌊23.2488 + 0.242194 (Y − 1980) − ⌊(Y − 1980) / 4⌋⌋. */
    static int autumnalEquinox(int year) {
        return (int) (23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }
}
