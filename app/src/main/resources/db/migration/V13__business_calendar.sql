-- 営業日カレンダー (platform): the shop's weekly closed days, whether it closes on public holidays, and single
-- days that differ (a closed day, or a holiday the warehouse works). Public holidays are computed, not stored
-- (JapaneseHolidays). One calendar per installation.
create table business_calendar (
    id                 integer      primary key,
    closed_weekdays    varchar(100) not null,            -- e.g. SATURDAY,SUNDAY
    closed_on_holidays boolean      not null,
    updated_at         timestamp with time zone not null,
    constraint business_calendar_single check (id = 1)
);
insert into business_calendar (id, closed_weekdays, closed_on_holidays, updated_at)
values (1, 'SATURDAY,SUNDAY', true, current_timestamp);

create table business_day_override (
    calendar_day date       primary key,
    works        boolean    not null,                          -- true: a working day although normally closed
    note  varchar(200)
);
