package dev.ichigen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** 国民の祝日, checked against the Cabinet Office's published tables (内閣府「国民の祝日について」). */
class JapaneseHolidaysTests {

    @Test
    void knowsEveryHolidayOf2026() {
        Map<LocalDate, String> h = JapaneseHolidays.of(2026);
        assertThat(h).isEqualTo(Map.ofEntries(
                Map.entry(LocalDate.of(2026, 1, 1), "元日"), Map.entry(LocalDate.of(2026, 1, 12), "成人の日"),
                Map.entry(LocalDate.of(2026, 2, 11), "建国記念の日"), Map.entry(LocalDate.of(2026, 2, 23), "天皇誕生日"),
                Map.entry(LocalDate.of(2026, 3, 20), "春分の日"), Map.entry(LocalDate.of(2026, 4, 29), "昭和の日"),
                Map.entry(LocalDate.of(2026, 5, 3), "憲法記念日"), Map.entry(LocalDate.of(2026, 5, 4), "みどりの日"),
                Map.entry(LocalDate.of(2026, 5, 5), "こどもの日"), Map.entry(LocalDate.of(2026, 5, 6), "振替休日"),
                Map.entry(LocalDate.of(2026, 7, 20), "海の日"), Map.entry(LocalDate.of(2026, 8, 11), "山の日"),
                Map.entry(LocalDate.of(2026, 9, 21), "敬老の日"), Map.entry(LocalDate.of(2026, 9, 22), "国民の休日"),
                Map.entry(LocalDate.of(2026, 9, 23), "秋分の日"), Map.entry(LocalDate.of(2026, 10, 12), "スポーツの日"),
                Map.entry(LocalDate.of(2026, 11, 3), "文化の日"), Map.entry(LocalDate.of(2026, 11, 23), "勤労感謝の日")));
    }

    @Test
    void handlesSubstituteDaysOneOffDaysAndTheOlympicMoves() {
        // 2025: 2/23 天皇誕生日 on a Sunday → 2/24 振替休日; 11/3 文化の日 Monday
        assertThat(JapaneseHolidays.name(LocalDate.of(2025, 2, 24))).contains("振替休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2025, 3, 20))).contains("春分の日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2025, 9, 23))).contains("秋分の日");
        // 2019: 即位の日 5/1 makes 4/30 and 5/2 国民の休日 (between two holidays)
        assertThat(JapaneseHolidays.name(LocalDate.of(2019, 5, 1))).contains("即位の日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2019, 4, 30))).contains("国民の休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2019, 5, 2))).contains("国民の休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2019, 5, 6))).contains("振替休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2019, 10, 22))).isPresent();
        assertThat(JapaneseHolidays.name(LocalDate.of(2018, 12, 24))).contains("振替休日");
        // Olympics: 2021 海の日 7/22, スポーツの日 7/23, 山の日 8/8 (Sunday) → 8/9 振替休日; no October holiday
        assertThat(JapaneseHolidays.name(LocalDate.of(2021, 7, 22))).contains("海の日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2021, 8, 9))).contains("振替休日");
        assertThat(JapaneseHolidays.name(LocalDate.of(2021, 10, 11))).isEmpty();
        assertThat(JapaneseHolidays.name(LocalDate.of(2026, 11, 24))).isEmpty();
        assertThat(JapaneseHolidays.of(1999)).isEmpty();
    }
}
