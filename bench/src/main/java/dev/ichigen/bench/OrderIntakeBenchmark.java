package dev.ichigen.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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

import dev.ichigen.inventory.ConsistencyReport;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.IntakeResult;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * Orders taken in per second through {@link OrderIntake#accept} — the whole intake path of issue 3: normalising,
 * SKU resolution, pricing and the tax summary, the order, destination, line and history rows, every registered
 * intake check, and the reservation (引当) of all lines in one warehouse — one transaction per order, against a
 * real database with the application's own Spring context.
 *
 * <p>Each order has 1–3 lines of random SKUs out of {@code skus} (plenty of stock), a card payment and a
 * Tokyo address, so it flows to READY_TO_SHIP unless a check holds it. After the run the trial checks and
 * prints: orders stored = successful calls, units reserved = units ordered, the inventory consistency check
 * finds no drift; otherwise it fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g", "-XX:+UseParallelGC" })
@Threads(8)
public class OrderIntakeBenchmark {

    @Param({ "h2", "postgresql" })
    public String db;

    @Param("10000")
    public int skus;

    /** PostgreSQL only: {@code off} trades the last moments of durability for not waiting on the WAL flush. */
    @Param("on")
    public String synchronousCommit;

    private static final long STOCK = 1_000_000;

    private ConfigurableApplicationContext app;
    private OrderIntake intake;
    private JdbcTemplate jdbc;
    private long channelId;
    private Sku[] catalog;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong numbers = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder ready = new LongAdder();
    private final LongAdder units = new LongAdder();
    private BenchDatabase database;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = new BenchDatabase(db, synchronousCommit);
        app = database.start();
        try {
            intake = app.getBean(OrderIntake.class);
            jdbc = app.getBean(JdbcTemplate.class);
            seed(app.getBean(WarehouseManagement.class));
        } catch (RuntimeException e) {
            app.close();
            database.drop();
            throw e;
        }
    }

    private void seed(WarehouseManagement warehouses) {
        long warehouseId = warehouses.create(new NewWarehouse("MAIN", "bench warehouse", 10, true)).id();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("insert into sales_channel (code, platform, name, active, created_at) values ('bench', 'CUSTOM', 'bench', true, ?)", now);
        channelId = jdbc.queryForObject("select id from sales_channel where code = 'bench'", Long.class);
        catalog = new Sku[skus];
        for (int i = 0; i < skus; i++) {
            catalog[i] = Sku.of("BENCH-%05d".formatted(i));
        }
        for (int from = 0; from < skus; from += 1000) {
            List<Sku> chunk = List.of(catalog).subList(from, Math.min(skus, from + 1000));
            jdbc.batchUpdate("""
                    insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                        lot_managed, status, version, created_at, updated_at)
                    values (?, 'SIMPLE', ?, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, ?, ?)""",
                    chunk.stream().map(s -> new Object[] { s.value(), "bench " + s.value(), now, now }).toList());
            jdbc.batchUpdate("insert into stock_balance (sku, warehouse_id, on_hand, reserved) values (?, ?, ?, 0)",
                    chunk.stream().map(s -> new Object[] { s.value(), warehouseId, STOCK }).toList());
            // stock per location and lot must add up to the balance (V20): all of it 未棚入れ, no lot
            jdbc.batchUpdate("insert into location_stock (warehouse_id, location_id, sku, lot_id, on_hand, allocated, expired) values (?, 0, ?, 0, ?, 0, 0)",
                    chunk.stream().map(s -> new Object[] { warehouseId, s.value(), STOCK }).toList());
            jdbc.batchUpdate("""
                    insert into stock_movement (sku, warehouse_id, movement_type, on_hand_delta, reserved_delta, reason, actor, occurred_at)
                    values (?, ?, 'RECEIPT', ?, 0, 'bench opening stock', 'bench', ?)""",
                    chunk.stream().map(s -> new Object[] { s.value(), warehouseId, STOCK, now }).toList());
        }
    }

    @Benchmark
    public IntakeResult acceptOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = numbers.incrementAndGet();
        String number = "B-" + run + "-" + n;
        String digits = "%08d".formatted(n % 100_000_000);
        NewOrder.Builder order = NewOrder.builder(channelId, number)
                .orderedAt(Instant.now())
                .customer(new Customer("山田 太郎", "ヤマダ タロウ", number.toLowerCase(Locale.ROOT) + "@example.jp",
                        "090-" + digits.substring(0, 4) + "-" + digits.substring(4)))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
        int lines = 1 + random.nextInt(3);
        long ordered = 0;
        List<Integer> picked = new ArrayList<>();
        while (picked.size() < lines) {
            int i = random.nextInt(catalog.length);
            if (!picked.contains(i)) {
                picked.add(i);
            }
        }
        for (int i : picked) {
            long quantity = 1 + random.nextInt(2);
            ordered += quantity;
            order.line(NewOrderLine.ofSku(catalog[i], "bench " + catalog[i].value(), quantity, 1000, TaxRate.STANDARD_10));
        }
        IntakeResult result = intake.accept(order.build());
        accepted.increment();
        units.add(ordered);
        if (result.status() == OrderStatus.READY_TO_SHIP) {
            ready.increment();
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void verifyAndStop() throws Exception {
        try {
            long stored = jdbc.queryForObject("select count(*) from sales_order", Long.class);
            long reserved = jdbc.queryForObject("select coalesce(sum(reserved), 0) from stock_balance", Long.class);
            ConsistencyReport report = app.getBean(InventoryManagement.class).checkConsistency();
            System.out.printf("%n[check] db=%s: accepted=%d (ready to ship %d), orders stored=%d, units ordered=%d, "
                    + "units reserved=%d, consistency: %s%n", db, accepted.sum(), ready.sum(), stored, units.sum(), reserved,
                    report.consistent() ? "no drift" : report.drifts().size() + " DRIFTING");
            if (stored != accepted.sum() || reserved != units.sum() || !report.consistent()) {
                throw new IllegalStateException("orders or stock disagree after the benchmark: see [check] above");
            }
        } finally {
            app.close();
            database.drop();
        }
    }
}
