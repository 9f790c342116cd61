package dev.ichigen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.sun.management.OperatingSystemMXBean;

import tools.jackson.databind.json.JsonMapper;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.SandboxCall;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.SandboxServer;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.channel.sandbox.YahooSandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;

/**
 * The sale-day simulation (issue 6): the first minutes of a 楽天スーパーSALE, repeatable. ichigen runs on PostgreSQL
 * (or H2) with four sandbox stores — two Shopify stores (orders by webhook), 楽天 and Yahoo! (orders by polling, every
 * {@code pollSeconds}) — all selling the same catalogue: {@code skus} products with stock spread over two warehouses,
 * {@code hotSkus} of them with only {@code hotStock} units and a large share of the demand. Buyers try to buy at
 * {@code rate} orders/s in all for {@code seconds}; a store sells only what it shows (its own stock figure, kept by
 * ichigen's pushes), so an oversold unit is one a store sold that ichigen could not allocate.
 *
 * <p>Reported (table and JSON): orders accepted per second, arrival → allocated p50/p95/p99, stock change → store
 * acknowledged p50/p99, oversold units, orders lost or duplicated, stock-push calls made versus the fewest the
 * platforms' batch limits allow, process CPU and heap; and, on the same buyer stream, the units the 5- and 15-minute
 * sync cadences of the commercial products would have oversold. {@code faults=true} makes every store answer a share of
 * calls with 429 / 5xx / slow answers.
 *
 * <p>Run: {@code bench/saleday.sh [key=value ...]} (see docs/BENCHMARKS.md). The application runs in this JVM (one
 * process: the CPU and heap figures include the sandbox stores and the buyers).
 */
public final class SaleDaySimulation {

    private final Map<String, String> options;
    private final int skus;
    private final int hotSkus;
    private final int hotStock;
    private final int normalStock;
    private final double rate;
    private final int seconds;
    private final double hotShare;
    private final int pollSeconds;
    private final boolean faults;
    private final long seed;

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<double[]> samples = Collections.synchronizedList(new ArrayList<>());

    /** One buyer's try: when, at which store, what; {@code order} null when the store showed too little stock. */
    record Attempt(long atMillis, int store, List<Pick> picks, String order) {
    }

    /** A store with its channel in ichigen. */
    record Store(String name, Platform platform, SandboxServer server, long channelId, int batchLimit) {
    }

    SaleDaySimulation(Map<String, String> options) {
        this.options = options;
        skus = intOption("skus", 2000);
        hotSkus = intOption("hotSkus", 20);
        hotStock = intOption("hotStock", 6);
        normalStock = intOption("stock", 300);
        rate = Double.parseDouble(options.getOrDefault("rate", "40"));
        seconds = intOption("seconds", 300);
        hotShare = Double.parseDouble(options.getOrDefault("hotShare", "0.2"));
        pollSeconds = intOption("pollSeconds", 10);
        faults = Boolean.parseBoolean(options.getOrDefault("faults", "false"));
        seed = Long.parseLong(options.getOrDefault("seed", "20261123"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value: " + a);
            }
            options.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new SaleDaySimulation(options).run();
        System.exit(0);
    }

    private int intOption(String key, int fallback) {
        return Integer.parseInt(options.getOrDefault(key, String.valueOf(fallback)));
    }

    void run() throws Exception {
        String db = options.getOrDefault("db", "postgresql");
        BenchDatabase database = new BenchDatabase(db, "on");
        ConfigurableApplicationContext app = database.start("--db-scheduler.enabled=true",
                "--db-scheduler.polling-interval=1s", "--ichigen.channel.order-poll-interval=PT" + pollSeconds + "S",
                "--ichigen.address.load-bundled-data=false", "--logging.level.dev.ichigen=WARN");
        List<Store> stores = new ArrayList<>();
        try {
            Sku[] catalog = seedCatalog(app);
            stores = connectStores(app, catalog);
            if (faults) {
                injectFaults(stores);
            }
            System.out.printf("sale day: %s, %d SKUs (%d hot with %d units), %.0f orders/s for %d s on %d stores, faults %s%n",
                    db, skus, hotSkus, hotStock, rate, seconds, stores.size(), faults);
            long started = System.currentTimeMillis();
            buy(stores, catalog);
            long buyingEnded = System.currentTimeMillis();
            boolean settled = settle(app, stores);
            Map<String, Object> result = measure(app, stores, catalog, started, buyingEnded);
            result.put("settledWithin5MinutesAfterBuying", settled);
            report(result);
        } finally {
            for (Store s : stores) {
                s.server().stop();
            }
            app.close();
            database.drop();
        }
    }

    // ------------------------------------------------------------------ set-up

    private Sku[] seedCatalog(ConfigurableApplicationContext app) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        InventoryManagement inventory = app.getBean(InventoryManagement.class);
        WarehouseManagement warehouses = app.getBean(WarehouseManagement.class);
        warehouses.create(new NewWarehouse("EAST", "東日本倉庫", 10, true));
        warehouses.create(new NewWarehouse("WEST", "西日本倉庫", 20, true));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sku[] catalog = new Sku[skus];
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < skus; i++) {
            catalog[i] = Sku.of("SALE-%06d".formatted(i));
            rows.add(new Object[] { catalog[i].value(), "セール商品 " + i, 500 + (i % 50) * 100, now, now });
        }
        jdbc.batchUpdate("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (?, 'SIMPLE', ?, ?, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, ?, ?)""", rows);
        for (int i = 0; i < skus; i++) {
            int units = stock(i);
            int east = (units * 3 + 4) / 5; // 60 % east, the rest west: an order can fall through to the second warehouse
            inventory.receive(catalog[i], "EAST", east, StockReference.NONE, null);
            if (units - east > 0) {
                inventory.receive(catalog[i], "WEST", units - east, StockReference.NONE, null);
            }
        }
        return catalog;
    }

    private int stock(int skuIndex) {
        return skuIndex < hotSkus ? hotStock : normalStock;
    }

    private List<Store> connectStores(ConfigurableApplicationContext app, Sku[] catalog) {
        ChannelManagement channels = app.getBean(ChannelManagement.class);
        ChannelListings listings = app.getBean(ChannelListings.class);
        PublishableQuantity publishable = app.getBean(PublishableQuantity.class);
        String port = app.getEnvironment().getProperty("local.server.port");
        List<SandboxListing> seeded = new ArrayList<>();
        for (int i = 0; i < catalog.length; i++) {
            seeded.add(SandboxListing.of(catalog[i].value(), "", "セール商品 " + i, 1100, stock(i)));
        }
        List<Store> stores = new ArrayList<>();
        // Batch limits of the stock calls (../shared/reference): Shopify inventorySetQuantities 250 quantities per
        // mutation, 楽天 inventories bulk-upsert 400 per call, Yahoo! setStock 1000 per call.
        for (String name : List.of("shopify-a", "shopify-b")) {
            ShopifySandbox shop = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), seed + stores.size(),
                    name + ".myshopify.com", "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(),
                    7000L + stores.size()).start();
            SalesChannel c = channels.register(new NewChannel(Platform.SHOPIFY, name, "Shopify " + name, shop.credentials()));
            shop.webhookUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + c.id());
            shop.seed(seeded);
            for (Sku s : catalog) {
                listings.map(c.id(), s.value(), "", s, String.valueOf(shop.listing(s.value(), "").orElseThrow().inventoryItemId()));
            }
            stores.add(new Store(name, Platform.SHOPIFY, shop, c.id(), 250));
        }
        RakutenSandbox rakuten = (RakutenSandbox) RakutenSandbox.withDefaults(0, seed + 10).start();
        YahooSandbox yahoo = (YahooSandbox) YahooSandbox.withDefaults(0, seed + 11).start();
        for (Object[] mall : new Object[][] { { "rakuten", Platform.RAKUTEN, rakuten, 400 }, { "yahoo", Platform.YAHOO, yahoo, 1000 } }) {
            SandboxServer server = (SandboxServer) mall[2];
            SalesChannel c = channels.register(new NewChannel((Platform) mall[1], (String) mall[0], (String) mall[0],
                    server.credentials()));
            server.seed(seeded);
            for (Sku s : catalog) {
                listings.map(c.id(), s.value(), "", s, null);
            }
            stores.add(new Store((String) mall[0], (Platform) mall[1], server, c.id(), (Integer) mall[3]));
        }
        for (Store s : stores) {
            publishable.refreshChannel(s.channelId(), false);
        }
        return stores;
    }

    /** Every store answers 5 % of its calls with 429, 3 % with 503, 2 % slowly (3 s): a mall API on a sale day. */
    private void injectFaults(List<Store> stores) {
        for (Store s : stores) {
            SandboxFaults f = s.server().faults();
            f.add(".*", SandboxFaults.Kind.RATE_LIMITED, 0, 0.05, seed, 0, 1);
            f.add(".*", SandboxFaults.Kind.UNAVAILABLE, 0, 0.03, seed + 1, 0, 0);
            f.add(".*", SandboxFaults.Kind.SLOW, 0, 0.02, seed + 2, 3000, 0);
        }
    }

    // ------------------------------------------------------------------ the sale

    /** Buyers at {@code rate}/s, spread evenly over the stores; a fifth of the demand (hotShare) on the hot SKUs. */
    private void buy(List<Store> stores, Sku[] catalog) throws InterruptedException {
        ScheduledExecutorService buyers = Executors.newScheduledThreadPool(4);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        sampler.scheduleAtFixedRate(() -> samples.add(new double[] { os.getProcessCpuLoad(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() }), 1, 1, TimeUnit.SECONDS);
        Random random = new Random(seed);
        long total = Math.round(rate * seconds);
        long periodMicros = Math.round(1_000_000 / rate);
        List<List<Pick>> plan = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            plan.add(picks(random, catalog));
        }
        AtomicBoolean done = new AtomicBoolean();
        int[] next = { 0 };
        buyers.scheduleAtFixedRate(() -> {
            int i;
            synchronized (next) {
                i = next[0]++;
            }
            if (i >= plan.size()) {
                done.set(true);
                return;
            }
            int store = i % stores.size();
            List<Pick> picks = plan.get(i);
            long at = System.currentTimeMillis();
            SandboxOrder order = stores.get(store).server().placeOrder(picks);
            attempts.add(new Attempt(at, store, picks, order == null ? null : order.id()));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (!done.get()) {
            Thread.sleep(200);
        }
        buyers.shutdown();
        buyers.awaitTermination(30, TimeUnit.SECONDS);
        sampler.shutdown();
    }

    /** 1 line (70 %), 2 (20 %) or 3 (10 %); one unit each, sometimes two; hot SKUs take {@code hotShare} of the lines. */
    private List<Pick> picks(Random random, Sku[] catalog) {
        int lines = random.nextDouble() < 0.7 ? 1 : random.nextDouble() < 0.67 ? 2 : 3;
        Map<String, Integer> picks = new LinkedHashMap<>();
        for (int l = 0; l < lines; l++) {
            int sku = hotSkus > 0 && random.nextDouble() < hotShare ? random.nextInt(hotSkus)
                    : hotSkus + random.nextInt(Math.max(1, skus - hotSkus));
            picks.merge(catalog[sku].value(), random.nextDouble() < 0.1 ? 2 : 1, Integer::sum);
        }
        return picks.entrySet().stream().map(e -> new Pick(e.getKey(), e.getValue())).toList();
    }

    /** Waits until every store order is in ichigen and no stock push is pending (at most 5 minutes); true when so. */
    private boolean settle(ConfigurableApplicationContext app, List<Store> stores) throws InterruptedException {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        long storeOrders = stores.stream().mapToLong(s -> s.server().orders().size()).sum();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            long taken = jdbc.queryForObject("select count(*) from sales_order", Long.class);
            long pending = jdbc.queryForObject("select count(*) from publishable_quantity_event where delivered_at is null", Long.class);
            if (taken >= storeOrders && pending == 0) {
                return true;
            }
            Thread.sleep(1000);
        }
        System.out.println("[warn] not settled after 5 minutes: results show what had arrived by then");
        return false;
    }

    // ------------------------------------------------------------------ figures

    private Map<String, Object> measure(ConfigurableApplicationContext app, List<Store> stores, Sku[] catalog,
            long started, long buyingEnded) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("db", options.getOrDefault("db", "postgresql"));
        r.put("skus", skus);
        r.put("hotSkus", hotSkus);
        r.put("hotStock", hotStock);
        r.put("ratePerSecond", rate);
        r.put("seconds", seconds);
        r.put("faults", faults);
        r.put("buyersTried", attempts.size());

        // orders: every store order exactly once in ichigen
        long storeOrders = 0;
        long lost = 0;
        long duplicated = 0;
        List<Long> arrivalToAllocated = new ArrayList<>();
        List<Long> arrivalToTakenIn = new ArrayList<>();
        for (Store s : stores) {
            Map<String, long[]> inIchigen = new HashMap<>();
            jdbc.query("""
                    select o.channel_order_number, count(*) over (partition by o.channel_order_number), o.created_at,
                        (select min(h.occurred_at) from order_history h where h.order_id = o.id and h.kind = 'ALLOCATED')
                    from sales_order o where o.channel_id = ?""", rs -> {
                Timestamp allocated = rs.getTimestamp(4);
                inIchigen.put(rs.getString(1), new long[] { rs.getLong(2), rs.getTimestamp(3).getTime(),
                        allocated == null ? -1 : allocated.getTime() });
            }, s.channelId());
            for (SandboxOrder o : s.server().orders()) {
                storeOrders++;
                long[] row = inIchigen.get(o.id());
                if (row == null) {
                    row = inIchigen.get(String.valueOf(o.numericId()));
                }
                if (row == null) {
                    lost++;
                    continue;
                }
                if (row[0] > 1) {
                    duplicated++;
                }
                long arrival = o.orderedAt().toEpochMilli();
                arrivalToTakenIn.add(row[1] - arrival);
                if (row[2] >= 0) {
                    arrivalToAllocated.add(row[2] - arrival);
                }
            }
        }
        r.put("storeOrders", storeOrders);
        // "missing" = a store order not in ichigen when the run ended: lost if the run settled, late if it did not
        r.put("ordersMissing", lost);
        r.put("ordersDuplicated", duplicated);
        Long firstIn = jdbc.queryForObject("select min(created_at) from sales_order", (rs, i) -> rs.getTimestamp(1).getTime());
        Long lastIn = jdbc.queryForObject("select max(created_at) from sales_order", (rs, i) -> rs.getTimestamp(1).getTime());
        long ordersIn = jdbc.queryForObject("select count(*) from sales_order", Long.class);
        r.put("ordersTakenIn", ordersIn);
        r.put("ordersAcceptedPerSecond", round(ordersIn * 1000.0 / Math.max(1, lastIn - firstIn)));
        r.put("arrivalToAllocatedMs", percentiles(arrivalToAllocated, 50, 95, 99));
        r.put("arrivalToTakenInMs", percentiles(arrivalToTakenIn, 50, 95, 99));

        // stock: from the change (outbox row written in the changing transaction) to the store's acknowledgment
        List<Long> pushLatency = jdbc.query("""
                select occurred_at, delivered_at from publishable_quantity_event
                where delivered_at is not null and occurred_at >= ?""",
                (rs, i) -> rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime(), new Timestamp(started));
        r.put("stockChangeToStoreMs", percentiles(pushLatency, 50, 99));

        // oversold: units the stores sold that ichigen could not allocate (no balance ever goes below zero)
        Long backordered = jdbc.queryForObject("""
                select coalesce(sum(l.quantity), 0) from order_line l join sales_order o on o.id = l.order_id
                where o.allocation in ('BACKORDERED', 'NOT_ALLOCATABLE')""", Long.class);
        Long negative = jdbc.queryForObject("select count(*) from stock_balance where reserved > on_hand or on_hand < 0", Long.class);
        r.put("oversoldUnits", backordered);
        r.put("balancesBelowZero", negative);

        // calls per store: stock pushes made vs the fewest the batch limits allow for the SKU updates pushed
        List<Map<String, Object>> perStore = new ArrayList<>();
        for (Store s : stores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store", s.name());
            m.put("orders", s.server().orders().size());
            Map<String, Long> calls = new HashMap<>();
            for (SandboxCall c : s.server().calls()) {
                calls.merge(c.endpoint(), 1L, Long::sum);
            }
            long pushed = jdbc.queryForObject("select count(*) from publishable_quantity_event where channel_id = ? and delivered_at is not null",
                    Long.class, s.channelId());
            long stockCalls = calls.entrySet().stream().filter(e -> stockEndpoint(s.platform(), e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            m.put("stockChangeToStoreMs", percentiles(jdbc.query("""
                    select occurred_at, delivered_at from publishable_quantity_event
                    where channel_id = ? and delivered_at is not null and occurred_at >= ?""",
                    (rs, i) -> rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime(), s.channelId(),
                    new Timestamp(started)), 50, 99));
            m.put("stockPushCalls", stockCalls);
            m.put("stockUpdatesDelivered", pushed);
            m.put("fewestStockCallsForThoseUpdates", (pushed + s.batchLimit() - 1) / s.batchLimit());
            m.put("allCalls", calls.values().stream().mapToLong(Long::longValue).sum());
            m.put("callsByEndpoint", new java.util.TreeMap<>(calls));
            perStore.add(m);
        }
        r.put("stores", perStore);

        double cpu = samples.stream().mapToDouble(x -> x[0]).filter(x -> x >= 0).average().orElse(-1);
        double maxHeap = samples.stream().mapToDouble(x -> x[1]).max().orElse(0);
        r.put("processCpuAverage", round(cpu * Runtime.getRuntime().availableProcessors()) + " of "
                + Runtime.getRuntime().availableProcessors() + " cores");
        r.put("heapUsedMaxMiB", Math.round(maxHeap / (1024 * 1024)));
        r.put("buyingSeconds", round((buyingEnded - started) / 1000.0));

        // the same buyers against stores synced every 5 or 15 minutes
        Map<String, Long> cadence = new LinkedHashMap<>();
        for (int minutes : new int[] { 5, 15 }) {
            // the sale starts at a random moment of the sync cycle: the average over ten evenly spread phases
            long cycle = minutes * 60_000L;
            long sum = 0;
            for (int phase = 0; phase < 10; phase++) {
                sum += oversoldWithCadence(catalog, stores.size(), cycle, cycle * phase / 10);
            }
            cadence.put(minutes + " min", Math.round(sum / 10.0));
        }
        r.put("oversoldUnitsWithCadence", cadence);
        return r;
    }

    private static boolean stockEndpoint(Platform platform, String endpoint) {
        String e = endpoint.toLowerCase(Locale.ROOT);
        return switch (platform) {
            case SHOPIFY -> e.contains("graphql") || e.contains("inventory_levels");
            case RAKUTEN -> e.contains("inventor");
            case YAHOO -> e.contains("setstock");
            default -> false;
        };
    }

    /**
     * Replays the buyers' stream against stores that learn the real stock only every {@code cadenceMillis}, the first
     * time {@code firstSyncAfterMillis} after the first buyer (all stores at once, at the same moments), and otherwise
     * count down their own figure as they sell: the units sold beyond what the warehouses hold.
     */
    long oversoldWithCadence(Sku[] catalog, int storeCount, long cadenceMillis, long firstSyncAfterMillis) {
        List<Attempt> stream = new ArrayList<>(attempts);
        stream.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < catalog.length; i++) {
            index.put(catalog[i].value(), i);
        }
        long[] real = new long[catalog.length];
        long[][] shown = new long[storeCount][catalog.length];
        for (int i = 0; i < catalog.length; i++) {
            real[i] = stock(i);
            for (int s = 0; s < storeCount; s++) {
                shown[s][i] = stock(i);
            }
        }
        long oversold = 0;
        long nextSync = stream.isEmpty() ? 0 : stream.getFirst().atMillis() + firstSyncAfterMillis;
        for (Attempt a : stream) {
            while (a.atMillis() >= nextSync) {
                for (int s = 0; s < storeCount; s++) {
                    System.arraycopy(real, 0, shown[s], 0, real.length);
                }
                nextSync += cadenceMillis;
            }
            boolean sells = a.picks().stream().allMatch(p -> shown[a.store()][index.get(p.key())] >= p.quantity());
            if (!sells) {
                continue;
            }
            for (Pick p : a.picks()) {
                int i = index.get(p.key());
                shown[a.store()][i] -= p.quantity();
                long short_ = Math.max(0, p.quantity() - real[i]);
                oversold += short_;
                real[i] = Math.max(0, real[i] - p.quantity());
            }
        }
        return oversold;
    }

    private static Map<String, Long> percentiles(List<Long> values, int... ps) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return m;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        for (int p : ps) {
            int idx = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            m.put("p" + p, sorted[Math.max(0, idx)]);
        }
        m.put("n", (long) sorted.length);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private void report(Map<String, Object> result) throws IOException {
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        for (Map.Entry<String, Object> e : result.entrySet()) {
            if (!e.getKey().equals("stores")) {
                System.out.println("| " + e.getKey() + " | " + e.getValue() + " |");
            }
        }
        System.out.println();
        System.out.println("| store | orders | stock change → store (ms) | stock push calls | fewest possible | all calls |");
        System.out.println("|---|---|---|---|---|---|");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stores = (List<Map<String, Object>>) result.get("stores");
        for (Map<String, Object> s : stores) {
            System.out.println("| " + s.get("store") + " | " + s.get("orders") + " | " + s.get("stockChangeToStoreMs") + " | "
                    + s.get("stockPushCalls") + " | "
                    + s.get("fewestStockCallsForThoseUpdates") + " | " + s.get("allCalls") + " |");
        }
        Path out = Path.of(options.getOrDefault("out", "bench/target/saleday-" + Instant.now().getEpochSecond() + ".json"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println();
        System.out.println("JSON: " + out.toAbsolutePath());
    }
}
