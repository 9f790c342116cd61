package dev.ichigen.bench;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;

/**
 * Stock sync latency (issue 4): from an order placed on one Shopify sandbox store to the new quantity shown by the
 * OTHER store — the whole path: the sandbox's signed webhook over loopback HTTP, HMAC check, mapping, order intake
 * with reservation (one transaction), the outbox row, the after-commit wake of the stock sync, re-reading the
 * publishable quantity, GraphQL {@code inventorySetQuantities} to both stores through the connector (rate limiter,
 * call log). One operation = one order of 1 unit of a random SKU on store A, timed until store B shows it; orders are
 * paced {@code pauseMs} apart (a busy shop, inside Shopify's GraphQL limit of about 5 mutations/s per store).
 * Each trial checks that both stores end with exactly ichigen's available quantity for every SKU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 20)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g" })
@Threads(1)
public class StockSyncLatencyBenchmark {

    @Param({ "h2", "postgresql" })
    public String db;

    @Param("200")
    public int skus;

    /** Pause between two orders (ms). */
    @Param("300")
    public int pauseMs;

    private static final long STOCK = 100_000;

    private BenchDatabase database;
    private ConfigurableApplicationContext app;
    private InventoryManagement inventory;
    private ShopifySandbox shopA;
    private ShopifySandbox shopB;
    private Sku[] catalog;
    private AtomicLongArray ordered;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = new BenchDatabase(db, "on");
        app = database.start();
        try {
            seed();
        } catch (RuntimeException e) {
            app.close();
            database.drop();
            throw e;
        }
    }

    private void seed() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        inventory = app.getBean(InventoryManagement.class);
        app.getBean(WarehouseManagement.class).create(new NewWarehouse("MAIN", "bench warehouse", 10, true));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        catalog = new Sku[skus];
        ordered = new AtomicLongArray(skus);
        for (int i = 0; i < skus; i++) {
            catalog[i] = Sku.of("SYNC-%05d".formatted(i));
            jdbc.update("""
                    insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                        lot_managed, status, version, created_at, updated_at)
                    values (?, 'SIMPLE', ?, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, ?, ?)""",
                    catalog[i].value(), "bench " + catalog[i].value(), now, now);
            inventory.receive(catalog[i], "MAIN", STOCK, StockReference.NONE, null);
        }
        String port = app.getEnvironment().getProperty("local.server.port");
        shopA = store("bench-a", 1L);
        shopB = store("bench-b", 2L);
        ChannelManagement channels = app.getBean(ChannelManagement.class);
        ChannelListings listings = app.getBean(ChannelListings.class);
        for (ShopifySandbox shop : List.of(shopA, shopB)) {
            SalesChannel channel = channels.register(new NewChannel(Platform.SHOPIFY, null, "bench " + shop.baseUrl(),
                    shop.credentials()));
            shop.webhookUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + channel.id());
            shop.seed(java.util.Arrays.stream(catalog)
                    .map(s -> SandboxListing.of(s.value(), "", "bench " + s.value(), 1100, (int) STOCK)).toList());
            for (Sku s : catalog) {
                listings.map(channel.id(), s.value(), "", s, String.valueOf(shop.listing(s.value(), "").orElseThrow().inventoryItemId()));
            }
        }
    }

    private static ShopifySandbox store(String name, long location) {
        return (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), location, name + ".myshopify.com",
                "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), location).start();
    }

    /** Pacing between orders, not timed (Level.Invocation is fine for operations of milliseconds). */
    @Setup(Level.Invocation)
    public void pace() throws InterruptedException {
        Thread.sleep(pauseMs);
    }

    @Benchmark
    public long orderOnOneStoreReachesTheOther() throws InterruptedException {
        long started = System.nanoTime();
        int i = ThreadLocalRandom.current().nextInt(skus);
        Sku sku = catalog[i];
        long expected = STOCK - ordered.incrementAndGet(i);
        if (shopA.placeOrder(List.of(new Pick(sku.value(), 1))) == null) {
            throw new IllegalStateException("store A would not sell " + sku);
        }
        while (shopB.stock(sku.value(), "").orElseThrow() != expected) {
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(30)) {
                throw new IllegalStateException("store B did not show " + expected + " for " + sku + " within 30 s");
            }
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
        return System.nanoTime() - started;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int wrong;
            do {
                wrong = 0;
                for (int i = 0; i < skus; i++) {
                    long available = inventory.stock(catalog[i]).available();
                    if (available != STOCK - ordered.get(i)
                            || shopA.stock(catalog[i].value(), "").orElseThrow() != available
                            || shopB.stock(catalog[i].value(), "").orElseThrow() != available) {
                        wrong++;
                    }
                }
                if (wrong > 0) {
                    Thread.sleep(200);
                }
            } while (wrong > 0 && System.nanoTime() < deadline);
            long orders = 0;
            for (int i = 0; i < skus; i++) {
                orders += ordered.get(i);
            }
            System.out.printf("%n[check] %s: %d orders, SKUs where ichigen or a store differ from the orders: %d%n", db,
                    orders, wrong);
            if (wrong > 0) {
                throw new IllegalStateException(wrong + " SKUs out of sync after the trial");
            }
        } finally {
            shopA.stop();
            shopB.stop();
            app.close();
            database.drop();
        }
    }
}
