-- ショップ情報 (shop profile, docs/DOCUMENTS.md): the issuer block printed on 納品書 — name, address, contact, logo,
-- and the 適格請求書発行事業者 registration number (T + 13 digits, check digit validated in the application). One row
-- (id = 1) for the whole shop; per-channel overrides are not built.
create table shop_profile (
    id                  integer      primary key,
    shop_name           varchar(100),
    postal_code         varchar(8),
    address             varchar(300),
    phone               varchar(20),
    email               varchar(254),
    registration_number varchar(14),
    slip_message        varchar(1000),
    logo_content_type   varchar(20),
    logo                bytea,
    updated_at          timestamp with time zone not null,
    updated_by          varchar(100)
);
insert into shop_profile (id, updated_at) values (1, current_timestamp);
