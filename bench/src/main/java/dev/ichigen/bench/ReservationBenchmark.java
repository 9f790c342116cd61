package dev.ichigen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

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
import dev.ichigen.shared.Sku;

/**
 * Reservation (引当) throughput through {@link InventoryManagement#reserve} — the whole service path: catalog
 * look-up, warehouse choice, the conditional balance UPDATE, the reservation rows, the ledger rows, the
 * listing look-up for the outbox and the commit — against a real database with the application's own
 * Spring context.
 *
 * <ul>
 * <li>{@code mode=spread}: every call reserves 1 unit of a random SKU out of {@code skus} (little contention).</li>
 * <li>{@code mode=hot}: every call reserves 1 unit of the same SKU (all threads queue on one row lock).
 * With {@code hotStock} below the number of calls, the rest are refused: that shows no oversell.</li>
 * <li>{@code listed=true}: every SKU is listed on one channel, so each reservation also recomputes and
 * writes the channel's publishable quantity and an outbox row.</li>
 * <li>{@code synchronousCommit=off} (PostgreSQL): commits do not wait for the WAL flush.</li>
 * </ul>
 * After the run the trial checks and prints: reserved in the database = successful calls, no balance with
 * reserved > on hand, and the consistency check (balances = ledger) is clean; otherwise it fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g", "-XX:+UseParallelGC" })
@Threads(2)
public class ReservationBenchmark {

    @Param({ "h2", "postgresql" })
    public String db;

    @Param({ "spread", "hot" })
    public String mode;

    @Param("10000")
    public int skus;

    @Param("1000000000")
    public long hotStock;

    @Param("false")
    public boolean listed;

    /** PostgreSQL only: {@code off} trades the last moments of durability for not waiting on the WAL flush. */
    @Param("on")
    public String synchronousCommit;

    private static final long SPREAD_STOCK = 1_000_000;

    private ConfigurableApplicationContext app;
    private InventoryManagement inventory;
    private JdbcTemplate jdbc;
    private Sku[] catalog;
    private Sku hot;
    private final AtomicLong orders = new AtomicLong();
    private final LongAdder successes = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private BenchDatabase database;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = new BenchDatabase(db, synchronousCommit);
        app = database.start();
        try {
            inventory = app.getBean(InventoryManagement.class);
            jdbc = app.getBean(JdbcTemplate.class);
            seed(app.getBean(WarehouseManagement.class));
        } catch (RuntimeException e) {
            app.close();
            database.drop();
            throw e;
        }
    }

    /** Products, one warehouse and opening stock; the stock goes in as RECEIPT ledger rows with their balances. */
    private void seed(WarehouseManagement warehouses) {
        long warehouseId = warehouses.create(new NewWarehouse("MAIN", "bench warehouse", 10, true)).id();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        catalog = new Sku[skus];
        for (int i = 0; i < skus; i++) {
            catalog[i] = Sku.of("BENCH-%05d".formatted(i));
        }
        hot = Sku.of("BENCH-HOT");
        Long channelId = null;
        if (listed) {
            jdbc.update("insert into sales_channel (code, platform, name, active, created_at) values ('bench', 'CUSTOM', 'bench', true, ?)", now);
            channelId = jdbc.queryForObject("select id from sales_channel where code = 'bench'", Long.class);
        }
        int batch = 1000;
        for (int from = 0; from <= skus; from += batch) {
            int to = Math.min(skus + 1, from + batch);
            Sku[] chunk = new Sku[to - from];
            for (int i = from; i < to; i++) {
                chunk[i - from] = i < skus ? catalog[i] : hot;
            }
            insertProducts(chunk, warehouseId, now, channelId);
        }
    }

    private void insertProducts(Sku[] chunk, long warehouseId, OffsetDateTime now, Long channelId) {
        jdbc.batchUpdate("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (?, 'SIMPLE', ?, 1000, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, ?, ?)""",
                Stream.of(chunk).map(s -> new Object[] { s.value(), "bench " + s.value(), now, now }).toList());
        jdbc.batchUpdate("insert into stock_balance (sku, warehouse_id, on_hand, reserved) values (?, ?, ?, 0)",
                Stream.of(chunk).map(s -> new Object[] { s.value(), warehouseId, stockOf(s) }).toList());
        // stock per location and lot must add up to the balance (V20): all of it 未棚入れ, no lot
        jdbc.batchUpdate("insert into location_stock (warehouse_id, location_id, sku, lot_id, on_hand, allocated, expired) values (?, 0, ?, 0, ?, 0, 0)",
                Stream.of(chunk).map(s -> new Object[] { warehouseId, s.value(), stockOf(s) }).toList());
        jdbc.batchUpdate("""
                insert into stock_movement (sku, warehouse_id, movement_type, on_hand_delta, reserved_delta, reason, actor, occurred_at)
                values (?, ?, 'RECEIPT', ?, 0, 'bench opening stock', 'bench', ?)""",
                Stream.of(chunk).map(s -> new Object[] { s.value(), warehouseId, stockOf(s), now }).toList());
        if (channelId != null) {
            jdbc.batchUpdate("insert into channel_listing (channel_id, item_code, sub_code, sku, created_at) values (?, ?, '', ?, ?)",
                    Stream.of(chunk).map(s -> new Object[] { channelId, s.value(), s.value(), now }).toList());
        }
    }

    private long stockOf(Sku sku) {
        return sku.equals(hot) ? hotStock : SPREAD_STOCK;
    }

    // ---- CPU accounting per measured iteration: the bench JVM (with H2 that is the database too) and the
    // PostgreSQL backends serving it (read from /proc, so only when the server runs on this machine)
    private long iterationNanos;
    private long iterationCalls;
    private long iterationJvmCpu;
    private long iterationPgTicks;

    @Setup(Level.Iteration)
    public void iterationStart() {
        iterationNanos = System.nanoTime();
        iterationCalls = orders.get();
        iterationJvmCpu = jvmCpuNanos();
        iterationPgTicks = pgBackendTicks();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() {
        double seconds = (System.nanoTime() - iterationNanos) / 1e9;
        long calls = orders.get() - iterationCalls;
        double jvmMicros = (jvmCpuNanos() - iterationJvmCpu) / 1e3 / Math.max(1, calls);
        long pgTicks = pgBackendTicks() - iterationPgTicks;
        double pgMicros = pgTicks * 10_000.0 / Math.max(1, calls); // USER_HZ = 100 on Linux
        double perCall = jvmMicros + ("postgresql".equals(db) ? pgMicros : 0);
        System.out.printf("%n[cpu] %d calls in %.1f s = %.0f/s; CPU per call: bench JVM %.0f µs%s; "
                + "=> %.0f calls/s if %d cores were ours; load average %s%n",
                calls, seconds, calls / seconds, jvmMicros,
                "postgresql".equals(db) ? " + PostgreSQL backends %.0f µs".formatted(pgMicros) : " (H2 runs inside it)",
                Runtime.getRuntime().availableProcessors() * 1e6 / perCall, Runtime.getRuntime().availableProcessors(),
                loadAverage());
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long pgBackendTicks() {
        if (!"postgresql".equals(db)) {
            return 0;
        }
        long ticks = 0;
        for (Integer pid : jdbc.queryForList("select pid from pg_stat_activity where application_name = '" + BenchDatabase.APPLICATION_NAME + "'",
                Integer.class)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                return 0; // server elsewhere or not readable
            }
        }
        return ticks;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    @Benchmark
    public boolean reserve() {
        Sku sku = "hot".equals(mode) ? hot : catalog[ThreadLocalRandom.current().nextInt(catalog.length)];
        boolean ok = inventory.reserve("B-" + orders.incrementAndGet(), "1", sku, 1, null).reserved();
        if (ok) {
            successes.increment();
        } else {
            refusals.increment();
        }
        return ok;
    }

    @TearDown(Level.Trial)
    public void verifyAndStop() throws Exception {
        try {
            long reservedInDb = jdbc.queryForObject("select coalesce(sum(reserved), 0) from stock_balance", Long.class);
            long oversold = jdbc.queryForObject("select count(*) from stock_balance where reserved > on_hand", Long.class);
            long hotReserved = jdbc.queryForObject("select reserved from stock_balance where sku = ?", Long.class, hot.value());
            long events = jdbc.queryForObject("select count(*) from publishable_quantity_event", Long.class);
            long started = System.nanoTime();
            ConsistencyReport report = inventory.checkConsistency();
            long checkMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("%n[check] db=%s mode=%s listed=%s: calls=%d reserved=%d refused=%d, reserved in database=%d "
                    + "(hot SKU %d of %d on hand), balances with reserved > on hand=%d, outbox rows=%d, "
                    + "consistency check over %d balances: %s in %d ms%n",
                    db, mode, listed, orders.get(), successes.sum(), refusals.sum(), reservedInDb, hotReserved, hotStock,
                    oversold, events, report.balancesChecked(),
                    report.consistent() ? "no drift" : report.drifts().size() + " DRIFTING", checkMillis);
            if (reservedInDb != successes.sum() || oversold != 0 || !report.consistent() || hotReserved > hotStock) {
                throw new IllegalStateException("stock invariant broken after the benchmark: see [check] above");
            }
        } finally {
            app.close();
            database.drop();
        }
    }
}
