-- 個人情報の保存期間: after how many days a shipped or cancelled order's personal data (names, kana, phone,
-- e-mail, street address, remarks, のし, the channel's raw content, search keys, personal values in the history
-- and hold details) is anonymised. The order, its lines, figures, tax summary and prefecture stay.
create table order_retention_setting (
    id                 integer primary key,
    retention_days     integer,                           -- null: never anonymise
    updated_at         timestamp with time zone not null,
    constraint order_retention_single check (id = 1)
);
insert into order_retention_setting (id, retention_days, updated_at) values (1, null, current_timestamp);

alter table sales_order add column anonymised_at timestamp with time zone;
create index sales_order_anonymised_idx on sales_order (anonymised_at, status, updated_at);
