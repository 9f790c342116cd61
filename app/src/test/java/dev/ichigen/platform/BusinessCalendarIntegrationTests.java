package dev.ichigen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/** 営業日カレンダー: weekends, holidays and overrides decide 出荷予定日. Runs in one method: the calendar is shared. */
@IchigenIntegrationTest
class BusinessCalendarIntegrationTests {

    @Autowired
    BusinessCalendar calendar;

    @LocalServerPort
    int port;

    @Test
    void countsBusinessDaysOverWeekendsHolidaysAndOverrides() {
        BusinessCalendar.Settings original = calendar.settings();
        try {
            calendar.update(new BusinessCalendar.Settings(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), true));
            // Fri 2026-11-20 + 1 business day: Sat, Sun closed, Mon 11/23 勤労感謝の日 → Tue 11/24
            assertThat(calendar.addBusinessDays(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 24));
            assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 11, 21))).isEqualTo(LocalDate.of(2026, 11, 24));
            // Golden Week 2026: 5/2–5/6 closed
            assertThat(calendar.addBusinessDays(LocalDate.of(2026, 5, 1), 1)).isEqualTo(LocalDate.of(2026, 5, 7));

            // the warehouse works on 勤労感謝の日 and closes on 11/24 instead
            calendar.override(LocalDate.of(2026, 11, 23), true, "祝日出荷");
            calendar.override(LocalDate.of(2026, 11, 24), false, "棚卸し");
            assertThat(calendar.addBusinessDays(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(calendar.addBusinessDays(LocalDate.of(2026, 11, 20), 2)).isEqualTo(LocalDate.of(2026, 11, 25));

            Api admin = Api.admin(port);
            var days = admin.get("/api/v1/business-calendar?from=2026-11-22&to=2026-11-24");
            assertThat(days.status()).isEqualTo(200);
            var list = days.json().get("days");
            assertThat(list).hasSize(3);
            assertThat(list.get(1).get("holiday").asString()).isEqualTo("勤労感謝の日");
            assertThat(list.get(1).get("businessDay").asBoolean()).isTrue();
            assertThat(list.get(2).get("note").asString()).isEqualTo("棚卸し");
            assertThat(admin.get("/api/v1/business-calendar/add?from=2026-11-20&days=2").text()).contains("2026-11-25");
            assertThat(admin.put("/api/v1/business-calendar/settings", Map.of("closedWeekdays", List.of("FUNDAY"),
                    "closedOnHolidays", true)).text()).contains("closedWeekdays[0]");
            assertThat(admin.delete("/api/v1/business-calendar/days/2026-11-24").json().get("businessDay").asBoolean()).isTrue();

            // a shop open on Saturdays
            var saturday = admin.put("/api/v1/business-calendar/settings", Map.of("closedWeekdays", List.of("SUNDAY"),
                    "closedOnHolidays", false));
            assertThat(saturday.status()).isEqualTo(200);
            assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 11, 21))).isEqualTo(LocalDate.of(2026, 11, 21));
        } finally {
            calendar.clearOverride(LocalDate.of(2026, 11, 23));
            calendar.clearOverride(LocalDate.of(2026, 11, 24));
            calendar.update(original);
        }
    }
}
