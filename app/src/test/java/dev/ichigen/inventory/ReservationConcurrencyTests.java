package dev.ichigen.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * Races many threads against the same stock (real thread pool, one start latch, the service called
 * directly and partly over HTTP) and checks that nothing is oversold, nothing deadlocks and the
 * balances still equal the ledger. Runs on H2 and on PostgreSQL.
 */
@IchigenIntegrationTest
class ReservationConcurrencyTests {

    private static final int THREADS = 200;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    PublishableQuantity publishable;

    TestCatalog catalog;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(jdbc);
        if (warehouses.find("EAST").isEmpty()) {
            warehouses.create(new NewWarehouse("EAST", "東倉庫", 10, true));
            warehouses.create(new NewWarehouse("WEST", "西倉庫", 20, true));
        }
    }

    @Test
    void twoHundredThreadsRaceForTenUnitsAndExactlyTenWin() throws Exception {
        catalog.product("HOT-1");
        // 6 in the first warehouse, 4 in the second: late threads fall through to the second one
        inventory.receive(Sku.of("HOT-1"), "EAST", 6, StockReference.NONE, null);
        inventory.receive(Sku.of("HOT-1"), "WEST", 4, StockReference.NONE, null);
        Api api = Api.admin(port);

        AtomicLong minAvailableSeen = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                long min = jdbc.sql("select coalesce(min(on_hand - reserved), 0) from stock_balance where sku = 'HOT-1'")
                        .query(Long.class).single();
                minAvailableSeen.accumulateAndGet(min, Math::min);
            }
        });

        Outcomes outcomes = race(THREADS, i -> {
            if (i % 5 == 0) { // every fifth thread goes through the REST API
                Api.Response r = api.post("/api/v1/reservations", Map.of("orderRef", "HOT-" + i, "lines",
                        List.of(Map.of("lineRef", "1", "sku", "HOT-1", "quantity", 1))));
                if (r.status() != 201 && r.status() != 409) {
                    throw new IllegalStateException("unexpected answer " + r);
                }
                return r.status() == 201;
            }
            return inventory.reserve("HOT-" + i, "1", Sku.of("HOT-1"), 1, null).reserved();
        });
        running.set(false);
        watcher.join();

        assertThat(outcomes.errors()).isEmpty();
        assertThat(outcomes.successes()).isEqualTo(10);
        assertThat(outcomes.failures()).isEqualTo(THREADS - 10);
        assertThat(minAvailableSeen.get()).isGreaterThanOrEqualTo(0);
        StockSummary stock = inventory.stock(Sku.of("HOT-1"));
        assertThat(stock.reserved()).isEqualTo(10);
        assertThat(stock.available()).isZero();
        assertThat(jdbc.sql("select count(*) from reservation where sku = 'HOT-1' and status = 'ACTIVE'")
                .query(Long.class).single()).isEqualTo(10L);
        assertThat(jdbc.sql("select count(*) from stock_movement where sku = 'HOT-1' and movement_type = 'RESERVATION'")
                .query(Long.class).single()).isEqualTo(10L);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }

    @Test
    void setsAndTheirComponentsRaceWithoutOversellingOrDeadlocking() throws Exception {
        catalog.product("CA").product("CB").set("CSET", "CA", 2, "CB", 1);
        inventory.receive(Sku.of("CA"), "EAST", 30, StockReference.NONE, null);
        inventory.receive(Sku.of("CB"), "EAST", 20, StockReference.NONE, null);
        inventory.receive(Sku.of("CA"), "WEST", 9, StockReference.NONE, null);
        inventory.receive(Sku.of("CB"), "WEST", 4, StockReference.NONE, null);

        Queue<String> released = new ConcurrentLinkedQueue<>();
        Outcomes outcomes = race(THREADS, i -> {
            String order = "C-" + i;
            ReservationResult r = switch (i % 4) {
                case 0 -> inventory.reserve(order, "1", Sku.of("CA"), 1, null);
                case 1 -> inventory.reserve(order, "1", Sku.of("CB"), 1, null);
                case 2 -> inventory.reserve(order, "1", Sku.of("CSET"), 1, null);
                // two lines in "reverse" SKU order: the service still takes CA before CB
                default -> inventory.reserveAll(order, List.of(new ReservationRequest("1", Sku.of("CB"), 1),
                        new ReservationRequest("2", Sku.of("CA"), 1)));
            };
            if (r.reserved() && i % 7 == 0) {
                inventory.releaseOrder(order); // releases race with reservations too
                released.add(order);
            }
            return r.reserved();
        });

        assertThat(outcomes.errors()).isEmpty();
        assertThat(outcomes.successes()).isPositive();
        long expectedA = 0;
        long expectedB = 0;
        for (int i = 0; i < THREADS; i++) {
            String order = "C-" + i;
            for (OrderLineReservation line : inventory.reservations(order)) {
                if (line.status() == OrderLineReservation.Status.ACTIVE) {
                    expectedA += line.holds().getOrDefault(Sku.of("CA"), 0L);
                    expectedB += line.holds().getOrDefault(Sku.of("CB"), 0L);
                }
            }
        }
        StockSummary a = inventory.stock(Sku.of("CA"));
        StockSummary b = inventory.stock(Sku.of("CB"));
        assertThat(a.reserved()).isEqualTo(expectedA);
        assertThat(b.reserved()).isEqualTo(expectedB);
        for (StockSummary s : List.of(a, b)) {
            assertThat(s.warehouses()).allSatisfy(l -> {
                assertThat(l.available()).isGreaterThanOrEqualTo(0);
                assertThat(l.reserved()).isLessThanOrEqualTo(l.onHand());
            });
        }
        // demand (150 B, 200 A) exceeds supply (24 B, 39 A): most attempts must have been refused
        assertThat(outcomes.failures()).isGreaterThan(THREADS / 2);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }

    @Test
    void publishedQuantityEndsRightWhenTwoWarehousesChangeConcurrently() throws Exception {
        long channel = catalog.channel("race-channel");
        catalog.product("PUB-A").product("PUB-B").set("PUB-SET", "PUB-A", 1, "PUB-B", 1)
                .listing(channel, "pub-a", "PUB-A").listing(channel, "pub-set", "PUB-SET");
        for (String w : List.of("EAST", "WEST")) {
            inventory.receive(Sku.of("PUB-A"), w, 100, StockReference.NONE, null);
            inventory.receive(Sku.of("PUB-B"), w, 100, StockReference.NONE, null);
        }
        Outcomes outcomes = race(120, i -> {
            String warehouse = i % 2 == 0 ? "EAST" : "WEST";
            Sku sku = i % 3 == 0 ? Sku.of("PUB-SET") : Sku.of("PUB-A");
            return inventory.reserve("P-" + i, "1", sku, 1, warehouse).reserved();
        });
        assertThat(outcomes.errors()).isEmpty();
        assertThat(outcomes.successes()).isEqualTo(120);

        for (String sku : List.of("PUB-A", "PUB-SET")) {
            long now = publishable.of(channel, Sku.of(sku)).quantity();
            long stored = jdbc.sql("select quantity from channel_stock where channel_id = :c and sku = :s")
                    .param("c", channel).param("s", sku).query(Long.class).single();
            List<Long> events = jdbc.sql("select quantity from publishable_quantity_event where channel_id = :c and sku = :s order by id")
                    .param("c", channel).param("s", sku).query(Long.class).list();
            assertThat(stored).as(sku).isEqualTo(now);
            assertThat(events.getLast()).as(sku).isEqualTo(now);
        }
        assertThat(publishable.of(channel, Sku.of("PUB-A")).quantity()).isEqualTo(200 - 120);
    }

    // ---------------------------------------------------------------- harness

    interface Attempt {
        boolean run(int i) throws Exception;
    }

    record Outcomes(int successes, int failures, List<Throwable> errors) {
    }

    /** Starts {@code threads} platform threads that wait on one latch, then each runs {@code attempt} once. */
    private static Outcomes race(int threads, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int i = t;
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return attempt.run(i);
            }));
        }
        ready.await();
        start.countDown();
        int successes = 0;
        int failures = 0;
        List<Throwable> errors = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            try {
                if (f.get(120, TimeUnit.SECONDS)) {
                    successes++;
                } else {
                    failures++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                errors.add(e.getCause());
            }
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return new Outcomes(successes, failures, errors);
    }
}
