-- address (住所): Japan Post's postal code data (郵便番号データ) and which data set is loaded.

-- One row per postal code and area (町域). A code may have several rows: several towns, or towns in two
-- prefectures (498-0000 弥富市 / 木曽岬町). Lookups read one code by the primary key.
create table postal_area (
    code              varchar(7)    not null,
    seq               integer       not null,  -- order within the code, as in Japan Post's file
    prefecture        varchar(10)   not null,
    city              varchar(60)   not null,  -- 市区町村 with 郡 or the ward of a designated city
    town              varchar(200)  not null,  -- '' = the whole city (以下に掲載がない場合)
    prefecture_kana   varchar(40)   not null,
    city_kana         varchar(120)  not null,
    town_kana         varchar(400)  not null,
    base_town         varchar(200),            -- a building's own code: the town its street address starts with
    raw_town          varchar(4000),           -- the KEN_ALL string when cleaning changed it (imports only)
    municipality_code varchar(5),              -- 全国地方公共団体コード (imports only)
    primary key (code, seq)
);

-- The data set in postal_area: exactly one row (id 1), locked by whoever replaces the data, so two app
-- instances starting together load the bundled data once, and an import never interleaves with another.
create table postal_data_set (
    id           integer      not null primary key,
    origin       varchar(10),                  -- BUNDLED or IMPORTED; null while nothing is loaded
    source       varchar(300),
    row_count    integer      not null,
    code_count   integer      not null,
    content_hash varchar(64),
    loaded_at    timestamp with time zone,
    loaded_by    varchar(120),
    constraint postal_data_set_single check (id = 1)
);
insert into postal_data_set (id, row_count, code_count) values (1, 0, 0);
