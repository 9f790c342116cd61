package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.OrderLineReservation;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * Many intakes at once — threads calling the REST endpoint and the Java API, every channel order delivered
 * twice — for the last units of a SKU: exactly the available quantity is allocated, the rest is
 * backordered, each channel order is one order, and the balances still equal the ledger. Runs on H2 and on
 * PostgreSQL.
 */
@IchigenIntegrationTest
class OrderAllocationConcurrencyTests {

    private static final int ORDERS = 60;
    private static final int UNITS = 10;

    @LocalServerPort
    int port;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentIntakesForTheLastUnitsAllocateExactlyWhatIsThereAndMakeOneOrderPerChannelOrder() throws Exception {
        OrderFixtures fx = new OrderFixtures(jdbc, warehouses, inventory);
        long channel = fx.channel();
        Sku sku = fx.product("LAST");
        fx.receive(sku, "EAST", 6); // 6 here, 4 in the second warehouse: late orders fall through to it
        fx.receive(sku, "WEST", 4);
        Api api = Api.admin(port);

        List<Runnable> tasks = new ArrayList<>();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            String number = "C-" + i;
            for (int delivery = 0; delivery < 2; delivery++) {
                boolean rest = (i + delivery) % 3 == 0; // a third through HTTP, the rest through the Java API
                tasks.add(() -> {
                    if (rest) {
                        Api.Response r = api.post("/api/v1/orders", Map.of("channel", channel, "channelOrderNumber", number,
                                "orderedAt", "2025-06-01T10:00:00+09:00", "paymentMethod", "CARD",
                                "customer", Map.of("name", "客 " + number, "email", number + "@example.jp",
                                        "phone", "090-0000-" + String.format("%04d", number.hashCode() & 0xFFF)),
                                "ordererAddress", Map.of("postalCode", "100-0001", "prefecture", "東京都", "city", "千代田区",
                                        "street", "千代田1-1"),
                                "lines", List.of(Map.of("sku", sku.value(), "name", "テスト商品", "quantity", 1,
                                        "unitPrice", 1000, "taxRate", 10))));
                        if (r.status() != 201 && r.status() != 200) {
                            throw new IllegalStateException("unexpected answer " + r);
                        }
                        outcomes.merge(r.json().get("result").asString(), 1, Integer::sum);
                    } else {
                        NewOrder o = order(channel, number, sku, 1)
                                .orderedAt(java.time.Instant.parse("2025-06-01T01:00:00Z"))
                                .customer(new Customer("客 " + number, null, number + "@example.jp",
                                        "090-0000-" + String.format("%04d", number.hashCode() & 0xFFF)))
                                .build();
                        outcomes.merge(intake.accept(o).outcome().name(), 1, Integer::sum);
                    }
                });
            }
        }
        java.util.Collections.shuffle(tasks, new java.util.Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(pool.submit(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable t) {
                    errors.add(t);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(errors).isEmpty();
        assertThat(outcomes).containsEntry("CREATED", ORDERS).containsEntry("UNCHANGED", ORDERS);
        assertThat(jdbc.sql("select count(*) from sales_order where channel_id = :c").param("c", channel)
                .query(Long.class).single()).isEqualTo((long) ORDERS);
        assertThat(jdbc.sql("select count(distinct channel_order_number) from sales_order where channel_id = :c")
                .param("c", channel).query(Long.class).single()).isEqualTo((long) ORDERS);

        List<OrderSummary> all = orders.search(new OrderQuery(channel, null, null, null), 0, 500).items();
        assertThat(all).hasSize(ORDERS);
        long allocated = all.stream().filter(o -> o.allocation() == AllocationState.ALLOCATED).count();
        long backordered = all.stream().filter(o -> o.allocation() == AllocationState.BACKORDERED).count();
        assertThat(allocated).isEqualTo(UNITS);
        assertThat(backordered).isEqualTo(ORDERS - UNITS);
        assertThat(all).filteredOn(o -> o.allocation() == AllocationState.ALLOCATED)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.READY_TO_SHIP));
        assertThat(all).filteredOn(o -> o.allocation() == AllocationState.BACKORDERED)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.AWAITING_STOCK));

        long activeReservations = 0;
        for (OrderSummary o : all) {
            for (OrderLineReservation r : inventory.reservations(Order.reservationRef(o.id()))) {
                if (r.status() == OrderLineReservation.Status.ACTIVE) {
                    activeReservations += r.quantity();
                }
            }
        }
        assertThat(activeReservations).isEqualTo(UNITS);
        assertThat(inventory.stock(sku).reserved()).isEqualTo(UNITS);
        assertThat(inventory.stock(sku).available()).isZero();
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }
}
