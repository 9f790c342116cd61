package dev.ichigen.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Channels and products for tests outside the order package (CSV order import, reconciliation), inserted with the
 * values the application itself writes; names unique per call (the test database is shared between classes).
 */
public final class SalesFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final JdbcClient jdbc;

    public SalesFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A CUSTOM channel. */
    public long channel() {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into sales_channel (code, platform, name, active, created_at) values (:code, 'CUSTOM', :code, true, :now)")
                .param("code", unique("ch").toLowerCase(Locale.ROOT))
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A SIMPLE product at ¥1,000 (standard rate, tax included); answers its SKU. */
    public String product(String prefix) {
        String sku = unique(prefix).toUpperCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :name, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("name", "テスト商品 " + sku).param("now", now).update();
        return sku;
    }

    /** A multipart/form-data body with one file part named {@code file}. */
    public static final String BOUNDARY = "ichigen-test-boundary-9c1d";
    public static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    public static byte[] multipartFile(String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
