package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.OrderLineReservation;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

/** Intake through the Java API: idempotency, updates, conflicts, cancellation, and what it does to stock. */
@IchigenIntegrationTest
class OrderIntakeIntegrationTests {

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    ChannelListings listings;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Events events;

    OrderFixtures fx;
    long channel;
    Sku sku;

    /** Collects the events the order module publishes. */
    @org.springframework.boot.test.context.TestConfiguration
    static class Events {
        final List<Object> all = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener
        void on(Object e) {
            if (e.getClass().getPackageName().equals("dev.ichigen.order")) {
                all.add(e);
            }
        }

        List<Object> of(long orderId) {
            return all.stream().filter(e -> switch (e) {
                case OrderPlaced p -> p.orderId() == orderId;
                case OrderUpdated u -> u.orderId() == orderId;
                case OrderHeld h -> h.orderId() == orderId;
                case OrderReadyToShip r -> r.orderId() == orderId;
                case OrderCancelled c -> c.orderId() == orderId;
                case OrderShipped x -> x.orderId() == orderId;
                default -> false;
            }).toList();
        }
    }

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        sku = fx.product("TEA");
        fx.receive(sku, "EAST", 10);
    }

    private long historyCount(long orderId) {
        return orders.history(orderId).size();
    }

    @Test
    void takesTheSameOrderTwiceAsOneOrderAndWritesNothingTheSecondTime() {
        NewOrder o = order(channel, "R-1001", sku, 2).build();
        IntakeResult first = intake.accept(o);
        assertThat(first.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
        assertThat(first.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Order stored = orders.get(first.orderId());
        long history = historyCount(first.orderId());

        IntakeResult second = intake.accept(order(channel, "R-1001", sku, 2).build());

        assertThat(second.outcome()).isEqualTo(IntakeResult.Outcome.UNCHANGED);
        assertThat(second.orderId()).isEqualTo(first.orderId());
        assertThat(jdbc.sql("select count(*) from sales_order where channel_id = :c and channel_order_number = 'R-1001'")
                .param("c", channel).query(Long.class).single()).isEqualTo(1L);
        assertThat(historyCount(first.orderId())).isEqualTo(history);
        assertThat(orders.get(first.orderId()).updatedAt()).isEqualTo(stored.updatedAt());
        assertThat(inventory.stock(sku).reserved()).isEqualTo(2);
    }

    @Test
    void reservesAtIntakeAndShowsEachLinesWarehouse() {
        IntakeResult r = intake.accept(order(channel, unique("R"), sku, 3).build());
        Order o = orders.get(r.orderId());
        assertThat(o.allocation()).isEqualTo(new Allocation(AllocationState.ALLOCATED, "EAST", null));
        assertThat(o.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(sku);
            assertThat(l.reservation()).isEqualTo("ACTIVE");
            assertThat(l.warehouse()).isEqualTo("EAST");
        });
        assertThat(inventory.reservations(o.reservationRef())).singleElement()
                .satisfies(res -> assertThat(res.quantity()).isEqualTo(3));
    }

    @Test
    void appliesChannelChangesRecordsThemAndReservesChangedLinesAgain() {
        Sku cup = fx.product("CUP");
        fx.receive(cup, "EAST", 5);
        String number = unique("R");
        IntakeResult created = intake.accept(order(channel, number, sku, 2).build());

        NewOrder changed = order(channel, number, sku, 5)
                .ordererAddress(new Address("150-0001", "東京都", "渋谷区", "神宮前1-1", "ビル3F"))
                .line(new NewOrderLine("2", null, null, null, cup, "カップ", 1, 2200, TaxRate.STANDARD_10, true)).build();
        IntakeResult updated = intake.accept(changed);

        assertThat(updated.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        assertThat(updated.changes()).contains(new FieldChange("lines[1].quantity", "2", "5"),
                new FieldChange("ordererAddress.city", "千代田区", "渋谷区"));
        assertThat(updated.changes()).extracting(FieldChange::field).contains("lines[2]", "ordererAddress.building");
        List<OrderHistoryEntry> history = orders.history(created.orderId());
        assertThat(history).filteredOn(h -> h.kind().equals("CHANGED"))
                .anySatisfy(h -> {
                    assertThat(h.field()).isEqualTo("lines[1].quantity");
                    assertThat(h.before()).isEqualTo("2");
                    assertThat(h.after()).isEqualTo("5");
                });
        Order o = orders.get(created.orderId());
        assertThat(o.destinations().getFirst().address().city()).isEqualTo("渋谷区");
        assertThat(o.lines()).extracting(OrderLine::quantity).containsExactly(5L, 1L);
        assertThat(o.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(inventory.stock(sku).reserved()).isEqualTo(5);
        assertThat(inventory.stock(cup).reserved()).isEqualTo(1);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();

        // the line disappears: its reservation goes
        IntakeResult removed = intake.accept(order(channel, number, sku, 5)
                .ordererAddress(new Address("150-0001", "東京都", "渋谷区", "神宮前1-1", "ビル3F")).build());
        assertThat(removed.changes()).extracting(FieldChange::field).containsExactly("lines[2]");
        assertThat(inventory.stock(cup).reserved()).isZero();
        assertThat(orders.get(created.orderId()).lines()).hasSize(1);
    }

    @Test
    void aChangeOfAShippedOrderIsAConflictThatChangesNothing() {
        String number = unique("R");
        IntakeResult created = intake.accept(order(channel, number, sku, 1).build());
        orders.markShipped(created.orderId());
        assertThat(inventory.stock(sku).onHand()).isEqualTo(9);

        IntakeResult conflict = intake.accept(order(channel, number, sku, 4).remarks("やっぱり4個").build());

        assertThat(conflict.outcome()).isEqualTo(IntakeResult.Outcome.CONFLICT);
        assertThat(conflict.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(conflict.changes()).contains(new FieldChange("lines[1].quantity", "1", "4"));
        Order o = orders.get(created.orderId());
        assertThat(o.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(o.remarks()).isNull();
        assertThat(o.lines().getFirst().quantity()).isEqualTo(1);
        assertThat(o.openHolds()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(conflict.conflictHoldId());
            assertThat(h.code()).isEqualTo(HoldReason.CHANNEL_CHANGE_AFTER_SHIPMENT);
            assertThat(h.source()).isEqualTo(HoldSource.CHANNEL);
            assertThat(h.detail()).contains("lines[1].quantity 1 → 4");
        });
        assertThat(inventory.stock(sku).onHand()).isEqualTo(9);

        // the same change delivered again finds the recorded conflict
        IntakeResult again = intake.accept(order(channel, number, sku, 4).remarks("やっぱり4個").build());
        assertThat(again.outcome()).isEqualTo(IntakeResult.Outcome.CONFLICT);
        assertThat(again.conflictHoldId()).isEqualTo(conflict.conflictHoldId());
        assertThat(orders.get(created.orderId()).holds()).hasSize(1);

        // and a cancellation of a shipped order is not applied either
        IntakeResult cancel = intake.cancel(channel, number, "お客様都合");
        assertThat(cancel.outcome()).isEqualTo(IntakeResult.Outcome.CONFLICT);
        assertThat(orders.get(created.orderId()).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThatThrownBy(() -> orders.cancel(created.orderId(), "x")).isInstanceOf(ConflictException.class);
    }

    @Test
    void channelCancellationReleasesTheStock() {
        String number = unique("R");
        IntakeResult created = intake.accept(order(channel, number, sku, 4).build());
        assertThat(inventory.stock(sku).available()).isEqualTo(6);

        IntakeResult cancelled = intake.accept(order(channel, number, sku, 4).cancelled(true).build());

        assertThat(cancelled.outcome()).isEqualTo(IntakeResult.Outcome.CANCELLED);
        Order o = orders.get(created.orderId());
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(o.allocation().state()).isEqualTo(AllocationState.RELEASED);
        assertThat(o.cancelledAt()).isNotNull();
        assertThat(inventory.stock(sku).available()).isEqualTo(10);
        assertThat(inventory.reservations(o.reservationRef())).allSatisfy(
                r -> assertThat(r.status()).isEqualTo(OrderLineReservation.Status.RELEASED));
        assertThat(orders.history(created.orderId())).anySatisfy(h -> assertThat(h.kind()).isEqualTo("CANCELLED"));
        assertThat(intake.cancel(channel, number, null).outcome()).isEqualTo(IntakeResult.Outcome.UNCHANGED);
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
    }

    @Test
    void aPersonCancelsAndItIsAudited() {
        IntakeResult created = intake.accept(order(channel, unique("R"), sku, 2).build());
        Order o = orders.cancel(created.orderId(), "お客様から電話");
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(o.cancelReason()).isEqualTo("お客様から電話");
        assertThat(inventory.stock(sku).reserved()).isZero();
        assertThat(audit.search("order", String.valueOf(created.orderId()), null, 0, 10).items())
                .anySatisfy(a -> assertThat(a.action()).isEqualTo("order.cancel"));
    }

    @Test
    void refusesWhatCannotBeStoredNamingTheFields() {
        NewOrder bad = NewOrder.builder(channel, " ").ordererAddress(new Address(null, "東京都", null, null, null))
                .line(NewOrderLine.ofSku(sku, "x", 0, -1, null)).build();
        assertThatThrownBy(() -> intake.accept(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(dev.ichigen.shared.FieldError::field).contains("channelOrderNumber",
                        "orderedAt", "lines[0].quantity", "lines[0].unitPrice", "lines[0].taxRate", "paymentMethod"));
        assertThatThrownBy(() -> intake.accept(order(999_999, unique("R"), sku, 1).build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("channel"));
    }

    @Test
    void anOrderFromTheChannelMayHaveSeveralDestinations() {
        Sku other = fx.product("GIFT");
        fx.receive(other, "EAST", 3);
        NewOrder gift = NewOrder.builder(channel, unique("R")).orderedAt(Instant.parse("2025-06-02T03:00:00Z"))
                .customer(new Customer("佐藤 花子", "さとう はなこ", "hanako@example.jp", "03-1111-2222"))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .destination(new NewDestination("B1", "鈴木 一郎", null, "06-1234-5678", null,
                        new Address("530-0001", "大阪府", "大阪市北区", "梅田1-1", null)))
                .destination(new NewDestination("B2", "高橋 次郎", null, "092-123-4567", null,
                        new Address("810-0001", "福岡県", "福岡市中央区", "天神1-1", null)))
                .line(new NewOrderLine("1", "B1", null, null, sku, "お茶", 1, 1080, TaxRate.REDUCED_8, true))
                .line(new NewOrderLine("2", "B2", null, null, other, "ギフト", 1, 3300, TaxRate.STANDARD_10, true))
                .payment(PaymentMethod.POINTS_OR_ID, null).delivery(new DeliveryRequest(null, "1416", null, true, "御祝"))
                .build();
        Order o = orders.get(intake.accept(gift).orderId());
        assertThat(o.destinations()).extracting(Destination::key).containsExactly("B1", "B2");
        assertThat(o.lines()).extracting(OrderLine::destination).containsExactly("B1", "B2");
        assertThat(o.delivery()).isEqualTo(new DeliveryRequest(null, "14-16", "1416", true, "御祝"));
        assertThat(o.paymentStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(o.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(o.totals().taxSummary()).containsExactly(new TaxSummary(TaxRate.STANDARD_10, 3300, 300),
                new TaxSummary(TaxRate.REDUCED_8, 1080, 80));
    }

    @Test
    void findsAnOrderByTheChannelsNumberAndBySearchWords() {
        String number = unique("R");
        NewOrder o = order(channel, number, sku, 1)
                .customer(new Customer("鈴木 ｲﾁﾛｳ", "スズキ イチロウ", "Ichiro.Suzuki@Example.jp", "０８０－９８７６－５４３２"))
                .build();
        long id = intake.accept(o).orderId();
        assertThat(orders.find(channel, number)).map(Order::id).contains(id);
        assertThat(orders.find(channel, "nope")).isEmpty();
        for (String q : List.of("08098765432", "080-9876-5432", "すずき", "スズキイチロウ", "鈴木", "ichiro.suzuki@example.jp",
                number.toLowerCase(java.util.Locale.ROOT))) {
            assertThat(orders.search(new OrderQuery(channel, null, null, q), 0, 10).items()).as(q)
                    .extracting(OrderSummary::id).containsExactly(id);
        }
        assertThat(orders.search(new OrderQuery(channel, null, null, "田中"), 0, 10).items()).isEmpty();
        assertThat(orders.search(new OrderQuery(channel, null, OrderStatus.CANCELLED, null), 0, 10).items()).isEmpty();
        assertThat(orders.search(new OrderQuery(channel, null, OrderStatus.READY_TO_SHIP, null), 0, 10).items())
                .extracting(OrderSummary::id).contains(id);
        OrderCounts counts = orders.counts();
        assertThat(counts.byChannel()).contains(new OrderCounts.ChannelCount(channel, OrderStatus.READY_TO_SHIP, 1));
        assertThat(counts.byStatus().get(OrderStatus.READY_TO_SHIP)).isPositive();
        assertThat(Map.copyOf(counts.byStatus())).containsKeys(OrderStatus.values());
    }

    @Test
    void publishesWhatHappenedToTheOrder() {
        String number = unique("R");
        long id = intake.accept(order(channel, number, sku, 1).remarks("ギフト包装で").build()).orderId();
        assertThat(events.of(id)).containsExactly(new OrderPlaced(id, channel, number, OrderStatus.ON_HOLD),
                new OrderHeld(id, List.of(HoldReason.REMARKS_PRESENT)));

        Hold hold = orders.get(id).openHolds().getFirst();
        orders.releaseHold(id, hold.id(), "確認");
        intake.accept(order(channel, number, sku, 2).remarks("ギフト包装で").build());
        orders.markShipped(id);

        assertThat(events.of(id)).containsExactly(new OrderPlaced(id, channel, number, OrderStatus.ON_HOLD),
                new OrderHeld(id, List.of(HoldReason.REMARKS_PRESENT)), new OrderReadyToShip(id, "EAST"),
                new OrderUpdated(id, List.of("lines[1].quantity")), new OrderShipped(id));

        long other = intake.accept(order(channel, unique("R"), sku, 1).build()).orderId();
        intake.cancel(channel, orders.get(other).channelOrderNumber(), "在庫切れ");
        assertThat(events.of(other)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("OrderPlaced", "OrderReadyToShip", "OrderCancelled");
    }

    @Test
    void aChannelOrderFirstSeenCancelledIsStoredCancelledWithoutReserving() {
        IntakeResult r = intake.accept(order(channel, unique("R"), sku, 3).cancelled(true).build());
        assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.CREATED);
        assertThat(r.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.get(r.orderId()).holds()).isEmpty();
        assertThat(inventory.stock(sku).reserved()).isZero();
    }

    @Test
    void validateAnswersTheProblemsWithoutTakingAnythingIn() {
        String number = unique("R");
        assertThat(intake.validate(order(channel, number, sku, 1).build())).isEmpty();
        assertThat(intake.validate(order(channel, number, sku, 0).build())).extracting(dev.ichigen.shared.FieldError::field)
                .containsExactly("lines[0].quantity");
        assertThat(orders.find(channel, number)).isEmpty();
    }
}
