package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

/** Each intake check raises its hold and lets go of it; people release holds; settings change checks. */
@IchigenIntegrationTest
class OrderCheckIntegrationTests {

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    OrderCheckSettings settings;

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

    OrderFixtures fx;
    long channel;
    Sku sku;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        sku = fx.product("ITEM");
        fx.receive(sku, "EAST", 1000);
    }

    @AfterEach
    void restoreSettings() {
        settings.update(HoldReason.AMOUNT_OVER_THRESHOLD, Map.of("enabled", "true", "thresholdYen", "100000"));
    }

    private static List<String> openCodes(Order o) {
        return o.openHolds().stream().map(Hold::code).toList();
    }

    private Hold open(Order o, String code) {
        return o.openHolds().stream().filter(h -> h.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void unmappedItemHoldsTheOrderUntilTheItemIsMappedThenItIsReservedAutomatically() {
        String number = unique("R");
        NewOrder o = order(channel, number, sku, 1).build();
        NewOrder unmapped = NewOrder.builder(channel, number).orderedAt(o.orderedAt()).customer(o.customer())
                .ordererAddress(o.ordererAddress()).payment(PaymentMethod.CARD, null)
                .line(new NewOrderLine("1", null, "rakuten-item-9", "size:M", null, "Tシャツ M", 2, 1980, TaxRate.STANDARD_10, true))
                .build();
        IntakeResult r = intake.accept(unmapped);

        Order held = orders.get(r.orderId());
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(held.allocation().state()).isEqualTo(AllocationState.NOT_ALLOCATABLE);
        Hold hold = open(held, HoldReason.UNMAPPED_ITEM);
        assertThat(hold.source()).isEqualTo(HoldSource.CHECK);
        assertThat(hold.sourceRef()).isEqualTo(HoldReason.UNMAPPED_ITEM);
        assertThat(hold.detail()).contains("rakuten-item-9 / size:M");
        assertThat(held.lines().getFirst().problem()).isEqualTo(OrderSnapshot.LineProblem.UNMAPPED);
        assertThat(listings.openUnmappedItems(channel, 0, 10).items())
                .anySatisfy(u -> assertThat(u.itemCode()).isEqualTo("rakuten-item-9"));

        listings.map(channel, "rakuten-item-9", "size:M", sku, null); // the catalog announces it; the order is re-checked

        // the listener runs after the mapping commits, on another thread
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.get(r.orderId()).status() == OrderStatus.READY_TO_SHIP);
        Order released = orders.get(r.orderId());
        assertThat(openCodes(released)).isEmpty();
        assertThat(released.holds()).singleElement().satisfies(h -> {
            assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED);
            assertThat(h.resolvedAt()).isNotNull();
        });
        assertThat(released.lines().getFirst().sku()).isEqualTo(sku);
        assertThat(released.allocation().state()).isEqualTo(AllocationState.ALLOCATED);
        assertThat(released.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(orders.history(r.orderId())).extracting(OrderHistoryEntry::kind).contains("HOLD_RAISED", "HOLD_FIXED",
                "ALLOCATED");
    }

    @Test
    void aSkuThatIsNotInTheProductMasterIsHeld() {
        IntakeResult r = intake.accept(order(channel, unique("R"), Sku.of("NO-SUCH-SKU-" + System.nanoTime() % 100000), 1).build());
        Order o = orders.get(r.orderId());
        assertThat(openCodes(o)).containsExactly(HoldReason.UNKNOWN_SKU);
        assertThat(o.lines().getFirst().statedSku()).isNotNull();
        assertThat(o.lines().getFirst().problem()).isEqualTo(OrderSnapshot.LineProblem.UNKNOWN_SKU);
    }

    @Test
    void remarksHoldIsReleasedByAPersonAndComesBackOnlyWhenTheRemarksChange() {
        String number = unique("R");
        IntakeResult r = intake.accept(order(channel, number, sku, 1).remarks("のしは不要です").build());
        Order held = orders.get(r.orderId());
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(held.allocation().state()).isEqualTo(AllocationState.ALLOCATED); // holds do not stop reservation
        Hold hold = open(held, HoldReason.REMARKS_PRESENT);
        assertThat(hold.detail()).contains("のしは不要です");

        assertThatThrownBy(() -> orders.releaseHold(r.orderId(), hold.id(), " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("note"));
        Order released = orders.releaseHold(r.orderId(), hold.id(), "確認済み、対応不要");

        assertThat(released.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(released.holds()).singleElement().satisfies(h -> {
            assertThat(h.resolution()).isEqualTo(HoldResolution.RELEASED);
            assertThat(h.note()).isEqualTo("確認済み、対応不要");
            assertThat(h.resolvedBy()).isEqualTo("system");
        });
        assertThat(orders.history(r.orderId())).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo("HOLD_RELEASED");
            assertThat(h.note()).isEqualTo("確認済み、対応不要");
        });
        assertThat(audit.search("order", String.valueOf(r.orderId()), null, 0, 10).items())
                .anySatisfy(a -> assertThat(a.action()).isEqualTo("order.hold.release"));
        assertThatThrownBy(() -> orders.releaseHold(r.orderId(), hold.id(), "again")).isInstanceOf(ConflictException.class);

        // a re-check or the same remarks again do not bring it back
        assertThat(orders.recheck(r.orderId()).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(intake.accept(order(channel, number, sku, 1).remarks("のしは不要です").build()).outcome())
                .isEqualTo(IntakeResult.Outcome.UNCHANGED);
        // other remarks do
        IntakeResult changed = intake.accept(order(channel, number, sku, 1).remarks("のしを付けてください").build());
        assertThat(changed.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(orders.get(r.orderId()).openHolds()).singleElement()
                .satisfies(h -> assertThat(h.detail()).contains("のしを付けてください"));
        // removing them fixes it
        IntakeResult cleared = intake.accept(order(channel, number, sku, 1).build());
        assertThat(cleared.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(orders.get(r.orderId()).holds()).extracting(Hold::resolution)
                .containsExactly(HoldResolution.RELEASED, HoldResolution.FIXED);
    }

    @Test
    void amountOverTheThresholdIsHeldAndTheThresholdIsASettingThatIsAudited() {
        String big = unique("R");
        IntakeResult held101 = intake.accept(order(channel, big, sku, 101).build());
        assertThat(open(orders.get(held101.orderId()), HoldReason.AMOUNT_OVER_THRESHOLD).detail()).contains("¥101,000");
        // the channel lowers the quantity: below the threshold, the hold is fixed
        intake.accept(order(channel, big, sku, 99).build());
        assertThat(orders.get(held101.orderId()).holds()).filteredOn(h -> h.code().equals(HoldReason.AMOUNT_OVER_THRESHOLD))
                .singleElement().satisfies(h -> assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED));
        assertThat(orders.get(intake.accept(order(channel, unique("R"), sku, 50).build()).orderId()).openHolds()).isEmpty();

        OrderCheckSettings.CheckSettings changed = settings.update(HoldReason.AMOUNT_OVER_THRESHOLD, Map.of("thresholdYen", "30000"));
        assertThat(changed.settings()).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo("30000");
            assertThat(v.defaultValue()).isEqualTo("100000");
        });
        assertThat(audit.search("order_check", HoldReason.AMOUNT_OVER_THRESHOLD, null, 0, 10).items()).isNotEmpty();
        Order held = orders.get(intake.accept(order(channel, unique("R"), sku, 50).build()).orderId());
        assertThat(open(held, HoldReason.AMOUNT_OVER_THRESHOLD).detail()).contains("¥50,000").contains("¥30,000");

        settings.update(HoldReason.AMOUNT_OVER_THRESHOLD, Map.of("enabled", "false"));
        assertThat(orders.get(intake.accept(order(channel, unique("R"), sku, 50).build()).orderId()).openHolds()).isEmpty();

        assertThatThrownBy(() -> settings.update(HoldReason.AMOUNT_OVER_THRESHOLD, Map.of("thresholdYen", "many", "x", "1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.ichigen.shared.FieldError::field)
                        .containsExactlyInAnyOrder("settings.thresholdYen", "settings.x"));
    }

    @Test
    void bankTransferWaitsForPaymentWithStockReservedAndGoesOnWhenPaid() {
        IntakeResult r = intake.accept(order(channel, unique("R"), sku, 2).payment(PaymentMethod.BANK_TRANSFER, null).build());
        Order waiting = orders.get(r.orderId());
        assertThat(waiting.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(waiting.paymentStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(open(waiting, HoldReason.PAYMENT_PENDING).detail()).contains("銀行振込の入金待ち").contains("¥2,000");
        assertThat(waiting.allocation().state()).isEqualTo(AllocationState.ALLOCATED);

        Order paid = orders.updatePayment(r.orderId(), PaymentStatus.PAID, "入金確認 6/2");

        assertThat(paid.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(paid.holds()).singleElement().satisfies(h -> assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED));
        assertThat(orders.history(r.orderId())).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo("PAYMENT");
            assertThat(h.after()).isEqualTo("入金済");
        });
    }

    @Test
    void codNeedsNoPaymentAndAFailedPaymentIsAHold() {
        assertThat(intake.accept(order(channel, unique("R"), sku, 1).payment(PaymentMethod.COD, null).build()).status())
                .isEqualTo(OrderStatus.READY_TO_SHIP);
        IntakeResult failed = intake.accept(order(channel, unique("R"), sku, 1)
                .payment(PaymentMethod.CARD, PaymentStatus.FAILED).build());
        assertThat(failed.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(openCodes(orders.get(failed.orderId()))).containsExactly(HoldReason.PAYMENT_FAILED);
    }

    @Test
    void channelTotalThatDiffersFromOursIsKeptAndHeldUntilItAgrees() {
        String number = unique("R");
        IntakeResult r = intake.accept(order(channel, number, sku, 2).channelGrandTotal(2500L).build());
        Order held = orders.get(r.orderId());
        assertThat(held.totals().grandTotal()).isEqualTo(2000);
        assertThat(held.totals().channelGrandTotal()).isEqualTo(2500L);
        assertThat(open(held, HoldReason.TOTAL_MISMATCH).detail()).contains("¥2,500").contains("¥2,000");

        IntakeResult fixed = intake.accept(order(channel, number, sku, 2).channelGrandTotal(2000L).build());
        assertThat(fixed.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        assertThat(fixed.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
    }

    @Test
    void sameCustomerSameGoodsSameAddressWithinTheWindowIsALikelyDuplicate() {
        Customer same = new Customer("田中 一郎", null, "ichiro.tanaka@example.jp", "090-5555-0001");
        Instant t = Instant.parse("2025-07-01T01:00:00Z");
        IntakeResult first = intake.accept(order(channel, unique("R"), sku, 3).customer(same).orderedAt(t).build());
        assertThat(orders.get(first.orderId()).openHolds()).isEmpty();

        // the phone written differently, the address in full-width digits: still the same
        IntakeResult second = intake.accept(order(channel, unique("R"), sku, 3).orderedAt(t.plus(Duration.ofHours(2)))
                .customer(new Customer("田中 一郎", null, "other@example.jp", "09055550001"))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田１－１", null)).build());
        Hold dup = open(orders.get(second.orderId()), HoldReason.LIKELY_DUPLICATE);
        assertThat(dup.detail()).contains("受注 " + first.orderId());
        // once the first one is cancelled, a re-check finds no duplicate any more
        orders.cancel(first.orderId(), "二重注文");
        assertThat(orders.recheck(second.orderId()).holds()).singleElement()
                .satisfies(h -> assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED));
        IntakeResult third = intake.accept(order(channel, unique("R"), sku, 3).customer(same).orderedAt(t).build());
        assertThat(open(orders.get(third.orderId()), HoldReason.LIKELY_DUPLICATE).detail()).contains("受注 " + second.orderId());

        // other goods, or outside the window, or another customer: no
        assertThat(orders.get(intake.accept(order(channel, unique("R"), sku, 4).customer(same).orderedAt(t).build())
                .orderId()).openHolds()).isEmpty();
        assertThat(orders.get(intake.accept(order(channel, unique("R"), sku, 3).customer(same)
                .orderedAt(t.plus(Duration.ofHours(30))).build()).orderId()).openHolds()).isEmpty();
    }

    @Test
    void doubtfulQuantitiesAndPricesAreHeld() {
        String number = unique("R");
        IntakeResult many = intake.accept(order(channel, number, sku, 120).build());
        assertThat(open(orders.get(many.orderId()), HoldReason.INVALID_QUANTITY).detail()).contains("× 120");
        assertThat(intake.accept(order(channel, number, sku, 12).build()).status()).isEqualTo(OrderStatus.READY_TO_SHIP);

        IntakeResult free = intake.accept(NewOrder.builder(channel, unique("R")).orderedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .line(NewOrderLine.ofSku(sku, "おまけ", 1, 0, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, null).build());
        assertThat(open(orders.get(free.orderId()), HoldReason.INVALID_PRICE).detail()).contains("単価が0円");
    }

    @Test
    void aPersonPutsAnOrderOnHoldAndOnlyAPersonReleasesIt() {
        IntakeResult r = intake.accept(order(channel, unique("R"), sku, 1).build());
        Order held = orders.placeHold(r.orderId(), "CUSTOMER_CALL", "お客様から住所変更の電話あり");
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        Hold h = open(held, "CUSTOMER_CALL");
        assertThat(h.source()).isEqualTo(HoldSource.PERSON);
        assertThat(orders.recheck(r.orderId()).status()).isEqualTo(OrderStatus.ON_HOLD); // checks do not touch it
        assertThat(orders.releaseHold(r.orderId(), h.id(), "住所変更済み").status()).isEqualTo(OrderStatus.READY_TO_SHIP);
    }
}
