package dev.ichigen.platform.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.platform.BusinessCalendar;
import dev.ichigen.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 営業日カレンダー over REST: everyone may read, ADMIN changes. */
@RestController
@RequestMapping("/api/v1/business-calendar")
@Tag(name = "business-calendar", description = "営業日カレンダー: weekly closed days, public holidays (computed), single-day overrides")
class BusinessCalendarApi {

    private final BusinessCalendar calendar;

    BusinessCalendarApi(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    record SettingsJson(List<String> closedWeekdays, boolean closedOnHolidays) {

        static SettingsJson of(BusinessCalendar.Settings s) {
            return new SettingsJson(s.closedWeekdays().stream().sorted().map(DayOfWeek::name).toList(), s.closedOnHolidays());
        }
    }

    record OverrideJson(Boolean open, String note) {
    }

    record CalendarJson(SettingsJson settings, List<BusinessCalendar.Day> days) {
    }

    @GetMapping
    @Operation(summary = "The days from..to (default: this month and the next two) with holidays and business days")
    CalendarJson days(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        LocalDate f = from == null ? LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).withDayOfMonth(1) : from;
        LocalDate t = to == null ? f.plusMonths(3).minusDays(1) : to;
        return new CalendarJson(SettingsJson.of(calendar.settings()), calendar.days(f, t));
    }

    @GetMapping("/add")
    @Operation(summary = "The business day N business days after a date (0 = the date or the next business day)")
    LocalDate add(@RequestParam LocalDate from, @RequestParam(defaultValue = "0") int days) {
        return calendar.addBusinessDays(from, days);
    }

    @PutMapping("/settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Weekly closed days (MONDAY…SUNDAY) and whether public holidays are closed")
    SettingsJson settings(@RequestBody SettingsJson body) {
        if (body == null || body.closedWeekdays() == null) {
            throw new InvalidInputException("closedWeekdays", "休業曜日を指定してください（なしは空の一覧）");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < body.closedWeekdays().size(); i++) {
            String d = body.closedWeekdays().get(i);
            try {
                days.add(DayOfWeek.valueOf(d == null ? "" : d.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("closedWeekdays[" + i + "]", "曜日は MONDAY〜SUNDAY です: " + d);
            }
        }
        return SettingsJson.of(calendar.update(new BusinessCalendar.Settings(days, body.closedOnHolidays())));
    }

    @PutMapping("/days/{date}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Make one day open (open: true, e.g. 祝日出荷) or closed (臨時休業) whatever the pattern says")
    BusinessCalendar.Day override(@PathVariable LocalDate date, @RequestBody OverrideJson body) {
        if (body == null || body.open() == null) {
            throw new InvalidInputException("open", "営業日（true）か休業日（false）かを指定してください");
        }
        calendar.override(date, body.open(), body.note());
        return calendar.days(date, date).getFirst();
    }

    @DeleteMapping("/days/{date}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Remove a day's override")
    BusinessCalendar.Day clear(@PathVariable LocalDate date) {
        calendar.clearOverride(date);
        return calendar.days(date, date).getFirst();
    }
}
