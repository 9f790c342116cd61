package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

/** 引当: backorders and the FIFO re-allocation when stock arrives or is given back; line changes. */
@IchigenIntegrationTest
class OrderAllocationIntegrationTests {

    private static final Instant NINE = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TEN = Instant.parse("2025-06-01T01:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2025-06-01T02:00:00Z");

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    BackorderReallocation reallocation;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    OrderFixtures fx;
    long channel;
    Sku sku;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        sku = fx.product("BACK");
    }

    private Order get(IntakeResult r) {
        return orders.get(r.orderId());
    }

    @Test
    void stockThatArrivesGoesToTheOldestBackorderFirst() {
        // the younger order is taken in first: the queue goes by order time, not by intake time
        IntakeResult younger = intake.accept(order(channel, unique("B"), sku, 1).orderedAt(TEN).build());
        IntakeResult older = intake.accept(order(channel, unique("A"), sku, 1).orderedAt(NINE).build());
        for (IntakeResult r : new IntakeResult[] { younger, older }) {
            Order o = get(r);
            assertThat(o.status()).isEqualTo(OrderStatus.AWAITING_STOCK);
            assertThat(o.allocation().state()).isEqualTo(AllocationState.BACKORDERED);
            assertThat(o.allocation().shortfall()).contains(sku.value());
        }

        fx.receive(sku, "WEST", 1);
        assertThat(reallocation.run()).isEqualTo(1);

        assertThat(get(older).allocation()).isEqualTo(new Allocation(AllocationState.ALLOCATED, "WEST", null));
        assertThat(get(older).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(get(younger).allocation().state()).isEqualTo(AllocationState.BACKORDERED);
        assertThat(reallocation.run()).isZero(); // the signal was consumed

        fx.receive(sku, "EAST", 1);
        assertThat(reallocation.run()).isEqualTo(1);
        assertThat(get(younger).allocation().state()).isEqualTo(AllocationState.ALLOCATED);
        assertThat(inventory.stock(sku).reserved()).isEqualTo(2);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }

    @Test
    void aNewOrderQueuesBehindOlderBackordersButAnOrderThatCannotBeCompletedDoesNotBlockYoungerOnes() {
        IntakeResult big = intake.accept(order(channel, unique("BIG"), sku, 3).orderedAt(NINE).build());
        fx.receive(sku, "EAST", 1);

        IntakeResult small = intake.accept(order(channel, unique("S"), sku, 1).orderedAt(ELEVEN).build());

        // one unit is there, but an older order waits for this SKU: the new one joins the queue
        assertThat(get(small).allocation().state()).isEqualTo(AllocationState.BACKORDERED);
        assertThat(get(small).allocation().shortfall()).contains("順番待ち");
        assertThat(reallocation.run()).isEqualTo(1);
        assertThat(get(small).allocation().state()).isEqualTo(AllocationState.ALLOCATED);
        assertThat(get(big).allocation().state()).isEqualTo(AllocationState.BACKORDERED);
    }

    @Test
    void cancellingAnOrderGivesItsStockToTheNextInLine() {
        fx.receive(sku, "EAST", 1);
        IntakeResult first = intake.accept(order(channel, unique("F"), sku, 1).orderedAt(NINE).build());
        IntakeResult second = intake.accept(order(channel, unique("S"), sku, 1).orderedAt(TEN).build());
        assertThat(get(first).allocation().state()).isEqualTo(AllocationState.ALLOCATED);
        assertThat(get(second).allocation().state()).isEqualTo(AllocationState.BACKORDERED);

        orders.cancel(first.orderId(), "お客様都合");
        assertThat(reallocation.run()).isEqualTo(1);

        assertThat(get(second).allocation()).isEqualTo(new Allocation(AllocationState.ALLOCATED, "EAST", null));
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }

    @Test
    void aLineChangeThatNoLongerFitsItsWarehouseAllocatesTheWholeOrderAgain() {
        Sku other = fx.product("OTHER");
        fx.receive(sku, "EAST", 3);
        fx.receive(sku, "WEST", 10);
        fx.receive(other, "EAST", 5);
        fx.receive(other, "WEST", 5);
        String number = unique("R");
        NewOrder.Builder two = order(channel, number, sku, 2)
                .line(new NewOrderLine("2", null, null, null, other, "other", 1, 500, dev.ichigen.shared.TaxRate.STANDARD_10, true));
        IntakeResult created = intake.accept(two.build());
        assertThat(get(created).allocation().warehouse()).isEqualTo("EAST");

        IntakeResult more = intake.accept(order(channel, number, sku, 5)
                .line(new NewOrderLine("2", null, null, null, other, "other", 1, 500, dev.ichigen.shared.TaxRate.STANDARD_10, true))
                .build());

        assertThat(more.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        Order o = get(more);
        assertThat(o.allocation()).isEqualTo(new Allocation(AllocationState.ALLOCATED, "WEST", null));
        assertThat(o.lines()).allSatisfy(l -> {
            assertThat(l.reservation()).isEqualTo("ACTIVE");
            assertThat(l.warehouse()).isEqualTo("WEST");
        });
        assertThat(inventory.stock(sku).reserved()).isEqualTo(5);
        assertThat(inventory.stock(other).reserved()).isEqualTo(1);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
        assertThat(orders.history(created.orderId())).extracting(OrderHistoryEntry::kind).contains("RELEASED_STOCK");
    }

    @Test
    void anOrderNobodyHasStockForIsTakenInAndWaits() {
        IntakeResult r = intake.accept(order(channel, unique("N"), sku, 1).build());
        assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
        assertThat(get(r).status()).isEqualTo(OrderStatus.AWAITING_STOCK);
    }
}
