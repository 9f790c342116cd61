package dev.ichigen.fulfillment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * Products (with a JAN), channels, stock and orders for fulfillment tests, with names unique per call (the Spring
 * context and its database are shared between test classes). Products and channels are inserted like the order
 * tests do (every NOT NULL column), stock and orders through the modules.
 */
public final class FulfillmentFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final JdbcClient jdbc;
    private final InventoryManagement inventory;

    public FulfillmentFixtures(JdbcClient jdbc, WarehouseManagement warehouses, InventoryManagement inventory) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("EAST"))) {
            warehouses.create(new NewWarehouse("EAST", "東倉庫", 10, true));
            warehouses.create(new NewWarehouse("WEST", "西倉庫", 20, true));
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A new valid JAN (EAN-13, 49 prefix) nobody else uses. */
    public static String jan() {
        String payload = "49" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        return payload + Gtin.checkDigit(payload);
    }

    /** A SIMPLE product in {@code zone} (AMBIENT, CHILLED, FROZEN) with the JAN given (or none), 20 on hand in EAST. */
    public Sku product(String prefix, String jan, String zone) {
        String sku = unique(prefix).toUpperCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, :name, 1000, 'STANDARD_10', true, :zone, false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", jan).param("name", "出荷テスト " + sku).param("zone", zone).param("now", now).update();
        inventory.receive(Sku.of(sku), "EAST", 20, StockReference.NONE, null);
        return Sku.of(sku);
    }

    public long channel() {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into sales_channel (code, platform, name, active, created_at) values (:code, 'CUSTOM', :code, true, :now)")
                .param("code", unique("ch").toLowerCase(Locale.ROOT)).param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A card-paid order of one customer ({@code phone}) to an address in Osaka, street {@code street}. */
    public static NewOrder.Builder order(long channelId, String phone, String street, Sku sku, long quantity) {
        return NewOrder.builder(channelId, unique("F"))
                .orderedAt(Instant.parse("2025-07-01T01:00:00Z"))
                .customer(new Customer("佐藤 花子", "サトウ ハナコ", null, phone))
                .ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", street, null))
                .line(NewOrderLine.ofSku(sku, "出荷テスト商品", quantity, 1000, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
    }

    public static String phone() {
        return "090" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A 12-digit tracking number with a valid check digit (the first 11 digits mod 7). */
    public static String tracking(long body) {
        return String.format("%011d", body) + (body % 7);
    }

    public static String trackingRandom() {
        return tracking(ThreadLocalRandom.current().nextLong(10_000_000_000L, 99_999_999_999L));
    }

    static final String BOUNDARY = "ichigen-test-boundary-f1";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    static byte[] multipart(String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
