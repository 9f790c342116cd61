package dev.ichigen.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * Products, channels, warehouses and orders for order tests. Products and channels are inserted with plain SQL
 * (every NOT NULL column of V2/V3); names are unique per call because the Spring context — and so the database —
 * is shared between test classes.
 */
final class OrderFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final JdbcClient jdbc;
    private final WarehouseManagement warehouses;
    private final InventoryManagement inventory;

    OrderFixtures(JdbcClient jdbc, WarehouseManagement warehouses, InventoryManagement inventory) {
        this.jdbc = jdbc;
        this.warehouses = warehouses;
        this.inventory = inventory;
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("EAST"))) {
            warehouses.create(new NewWarehouse("EAST", "東倉庫", 10, true));
            warehouses.create(new NewWarehouse("WEST", "西倉庫", 20, true));
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A SIMPLE product with a unique SKU starting with {@code prefix}. */
    Sku product(String prefix) {
        return product(prefix, "SIMPLE");
    }

    Sku product(String prefix, String kind) {
        String sku = unique(prefix).toUpperCase(java.util.Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, :kind, :name, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("kind", kind).param("name", "テスト商品 " + sku).param("now", now).update();
        return Sku.of(sku);
    }

    long channel() {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into sales_channel (code, platform, name, active, created_at) values (:code, 'CUSTOM', :code, true, :now)")
                .param("code", unique("ch").toLowerCase(java.util.Locale.ROOT))
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void listing(long channelId, String itemCode, Sku sku) {
        jdbc.sql("insert into channel_listing (channel_id, item_code, sub_code, sku, created_at) values (:c, :i, '', :s, :now)")
                .param("c", channelId).param("i", itemCode).param("s", sku.value())
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    void receive(Sku sku, String warehouse, long quantity) {
        inventory.receive(sku, warehouse, quantity, StockReference.NONE, null);
    }

    /**
     * A plain card-paid order of {@code quantity} × {@code sku} at ¥1,000 to a Tokyo address; the customer's
     * e-mail and phone differ per order number (so orders of one test are no likely duplicates of each other).
     */
    static NewOrder.Builder order(long channelId, String number, Sku sku, long quantity) {
        String digits = String.format("%08d", Math.floorMod(number.hashCode(), 100_000_000));
        return NewOrder.builder(channelId, number)
                .orderedAt(Instant.parse("2025-06-01T01:00:00Z"))
                .customer(new Customer("山田 太郎", "ヤマダ タロウ", number.toLowerCase(java.util.Locale.ROOT) + "@example.jp",
                        "090-" + digits.substring(0, 4) + "-" + digits.substring(4)))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .line(NewOrderLine.ofSku(sku, "テスト商品", quantity, 1000, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
    }
}
