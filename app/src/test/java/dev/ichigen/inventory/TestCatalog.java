package dev.ichigen.inventory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Products, sets, sales channels and listings for inventory tests, inserted with plain SQL (the catalog's
 * management API is built separately). Fills every NOT NULL column of V2/V3.
 */
final class TestCatalog {

    private final JdbcClient jdbc;

    TestCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TestCatalog product(String sku) {
        return product(sku, "SIMPLE");
    }

    TestCatalog product(String sku, String kind) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, :kind, :name, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("kind", kind).param("name", "テスト商品 " + sku).param("now", now).update();
        return this;
    }

    /** A set product made of {@code componentsAndQuantities}: sku1, qty1, sku2, qty2 … */
    TestCatalog set(String sku, Object... componentsAndQuantities) {
        product(sku, "SET");
        for (int i = 0; i < componentsAndQuantities.length; i += 2) {
            jdbc.sql("insert into set_component (set_sku, component_sku, quantity) values (:s, :c, :q)")
                    .param("s", sku).param("c", componentsAndQuantities[i]).param("q", componentsAndQuantities[i + 1])
                    .update();
        }
        return this;
    }

    long channel(String code) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into sales_channel (code, platform, name, active, created_at)
                values (:code, 'CUSTOM', :code, true, :now)""")
                .param("code", code).param("now", OffsetDateTime.now(ZoneOffset.UTC)).update(keys, "id");
        return keys.getKey().longValue();
    }

    TestCatalog listing(long channelId, String itemCode, String sku) {
        jdbc.sql("""
                insert into channel_listing (channel_id, item_code, sub_code, sku, created_at)
                values (:c, :item, '', :sku, :now)""")
                .param("c", channelId).param("item", itemCode).param("sku", sku)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
        return this;
    }
}
