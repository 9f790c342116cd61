package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

/** 同梱 (merge groups) and 分割 (shipment parts), and the carrier a person assigns. */
@IchigenIntegrationTest
class ShipmentGroupingIntegrationTests {

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    ShipmentGrouping grouping;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    OrderFixtures fx;
    long channel;
    long otherChannel;
    Sku a;
    Sku b;
    String phone;

    @BeforeEach
    void setUp() {
        fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        otherChannel = fx.channel();
        a = fx.product("MRG-A");
        b = fx.product("MRG-B");
        fx.receive(a, "EAST", 20);
        fx.receive(b, "EAST", 20);
        phone = "090" + String.format("%08d", Math.floorMod(unique("p").hashCode(), 100_000_000));
    }

    /** An order of one customer (this test's phone) to one address in Osaka. */
    private NewOrder.Builder order(long channelId, Sku sku, long quantity, String street) {
        return NewOrder.builder(channelId, unique("M"))
                .orderedAt(Instant.parse("2025-07-01T01:00:00Z"))
                .customer(new Customer("佐藤 花子", "サトウ ハナコ", null, phone))
                .ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", street, null))
                .line(NewOrderLine.ofSku(sku, "商品", quantity, 1000, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
    }

    private long take(NewOrder.Builder b) {
        return intake.accept(b.build()).orderId();
    }

    @Test
    void proposesAndMergesOrdersOfOneCustomerToOneAddressAcrossChannels() {
        long first = take(order(channel, a, 1, "梅田1-1-1"));
        // the same address written differently (全角 digits, ー for the hyphen) is the same place
        long second = take(order(otherChannel, b, 2, "梅田１ー１ー１"));
        long elsewhere = take(order(channel, a, 3, "梅田2-2-2"));

        List<MergeCandidate> candidates = grouping.candidates(500);
        MergeCandidate mine = candidates.stream().filter(c -> c.orders().stream().anyMatch(o -> o.id() == first)).findFirst()
                .orElseThrow();
        assertThat(mine.orders()).extracting(OrderSummary::id).containsExactlyInAnyOrder(first, second);
        assertThat(mine.groupId()).isNull();
        assertThat(candidates).noneMatch(c -> c.orders().stream().anyMatch(o -> o.id() == elsewhere));

        MergeGroup group = grouping.merge(List.of(first, second), false);
        assertThat(group.orders()).extracting(OrderSummary::id).containsExactly(first, second);
        assertThat(group.readyToShip()).isTrue();
        assertThat(grouping.groupOf(second)).map(MergeGroup::id).contains(group.id());
        // each order keeps its own channel identity
        assertThat(orders.get(first).channelId()).isEqualTo(channel);
        assertThat(orders.get(second).channelId()).isEqualTo(otherChannel);
        assertThat(orders.history(first)).anyMatch(h -> h.kind().equals("MERGED"));
        // merged orders are no candidates any more
        assertThat(grouping.candidates(500)).noneMatch(c -> c.orders().stream().anyMatch(o -> o.id() == first));

        // a later order of the same customer is proposed to join the group, and joins it
        long third = take(order(channel, b, 5, "梅田1-1-1"));
        MergeCandidate join = grouping.candidates(500).stream()
                .filter(c -> c.orders().stream().anyMatch(o -> o.id() == third)).findFirst().orElseThrow();
        assertThat(join.groupId()).isEqualTo(group.id());
        assertThat(join.orders()).extracting(OrderSummary::id).containsExactlyInAnyOrder(first, second, third);
        MergeGroup bigger = grouping.merge(List.of(third, first), false);
        assertThat(bigger.id()).isEqualTo(group.id());
        assertThat(bigger.orders()).extracting(OrderSummary::id).containsExactly(first, second, third);
    }

    @Test
    void refusesToMergeOrdersThatCannotShareAParcel() {
        long here = take(order(channel, a, 1, "梅田3-3-3"));
        long there = take(order(channel, a, 1, "梅田4-4-4"));
        long cancelled = take(order(channel, b, 1, "梅田3-3-3"));
        orders.cancel(cancelled, "テスト");

        assertThatThrownBy(() -> grouping.merge(List.of(here, there), false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("注文者・送付先・住所が").hasMessageContaining(String.valueOf(there));
        assertThatThrownBy(() -> grouping.merge(List.of(here, cancelled), false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("キャンセル");
        assertThatThrownBy(() -> grouping.merge(List.of(here), false)).isInstanceOf(InvalidInputException.class);
        assertThat(grouping.groupOf(here)).isEmpty();
    }

    @Test
    void anOrderWhoseAddressChangesOrThatIsCancelledLeavesItsGroup() throws Exception {
        NewOrder.Builder firstOrder = order(channel, a, 1, "梅田5-5-5");
        long first = take(firstOrder);
        long second = take(order(channel, b, 1, "梅田5-5-5"));
        long third = take(order(channel, b, 2, "梅田5-5-5"));
        MergeGroup group = grouping.merge(List.of(first, second, third), false);

        // the channel changes the first order's address: after commit it leaves the group
        intake.accept(firstOrder.ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", "梅田9-9-9", null)).build());
        awaitGroup(first, null);
        assertThat(grouping.group(group.id()).orElseThrow().orders()).extracting(OrderSummary::id).containsExactly(second, third);
        assertThat(orders.history(first)).anyMatch(h -> h.kind().equals("UNMERGED") && h.note().contains("住所"));

        // cancelling the second leaves a group of one: dissolved
        orders.cancel(second, "テスト");
        awaitGroup(third, null);
        assertThat(grouping.group(group.id())).isEmpty();
        assertThat(grouping.groupOf(second)).isEmpty();
    }

    @Test
    void aPersonTakesAnOrderOutOfItsGroup() {
        long first = take(order(channel, a, 1, "梅田6-6-6"));
        long second = take(order(channel, b, 1, "梅田6-6-6"));
        long third = take(order(channel, a, 2, "梅田6-6-6"));
        MergeGroup group = grouping.merge(List.of(first, second, third), false);

        grouping.unmerge(second, "別送希望");

        assertThat(grouping.groupOf(second)).isEmpty();
        assertThat(grouping.group(group.id()).orElseThrow().orders()).extracting(OrderSummary::id).containsExactly(first, third);
        assertThat(orders.history(second)).anyMatch(h -> h.kind().equals("UNMERGED") && "別送希望".equals(h.note()));
    }

    @Test
    void splitsLinesByHandAndByTemperatureZoneAndBack() {
        Sku chilled = product("MRG-COLD", "CHILLED");
        Sku frozen = product("MRG-ICE", "FROZEN");
        fx.receive(chilled, "EAST", 5);
        fx.receive(frozen, "EAST", 5);
        long id = take(order(channel, a, 1, "梅田7-7-7")
                .line(NewOrderLine.ofSku(frozen, "冷凍品", 1, 2000, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(chilled, "冷蔵品", 1, 1500, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(b, "常温品", 1, 1000, TaxRate.STANDARD_10)));
        Map<Integer, Integer> lines = grouping.shipmentParts(id);
        assertThat(lines).containsOnlyKeys(1, 2, 3, 4).allSatisfy((no, part) -> assertThat(part).isEqualTo(1));

        Map<Integer, Integer> byZone = grouping.splitByTemperatureZone(id);
        // 常温 (lines 1 and 4) stay in part 1, 冷蔵 is part 2, 冷凍 part 3 — in the enum's order
        assertThat(byZone).isEqualTo(Map.of(1, 1, 2, 3, 3, 2, 4, 1));
        assertThat(grouping.shipmentParts(id)).isEqualTo(byZone);
        assertThat(orders.history(id)).anyMatch(h -> h.kind().equals("SPLIT") && h.note().contains("冷凍"));
        // splitting again by zone changes nothing
        assertThat(grouping.splitByTemperatureZone(id)).isEqualTo(byZone);

        assertThat(grouping.unsplit(id).values()).containsOnly(1);
        Map<Integer, Integer> byHand = grouping.splitLines(id, List.of(4));
        assertThat(byHand).containsEntry(4, 2).containsEntry(1, 1).containsEntry(2, 1).containsEntry(3, 1);

        assertThatThrownBy(() -> grouping.splitLines(id, List.of(1, 2, 3, 4))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("すべての明細");
        assertThatThrownBy(() -> grouping.splitLines(id, List.of(9))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("明細 9");
        // a cancelled order's parts can no longer change
        orders.cancel(id, "テスト");
        assertThatThrownBy(() -> grouping.unsplit(id)).isInstanceOf(ConflictException.class);
        assertThat(grouping.shipmentParts(id)).containsEntry(4, 2);
    }

    @Test
    void aPersonAssignsTheCarrierAndTheChannelDoesNotUndoIt() {
        NewOrder.Builder b = order(channel, a, 1, "梅田8-8-8");
        long id = take(b);

        Order o = orders.assignCarrier(id, "yamato", "takkyubin");

        assertThat(o.shippingPlan().carrier()).isEqualTo("yamato");
        assertThat(o.shippingPlan().service()).isEqualTo("takkyubin");
        assertThat(orders.history(id)).anyMatch(h -> "shippingPlan.carrier".equals(h.field()) && "yamato".equals(h.after()));
        // the channel sends the order again with a changed remark: the carrier stays
        intake.accept(b.remarks("午前中希望").build());
        assertThat(orders.get(id).shippingPlan().carrier()).isEqualTo("yamato");
        assertThatThrownBy(() -> orders.assignCarrier(id, " ", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("配送業者");
    }

    @Test
    void mergesSplitsAndAssignsTheCarrierOverRest() {
        long first = take(order(channel, a, 1, "梅田10-1"));
        long second = take(order(otherChannel, b, 1, "梅田10-1"));
        dev.ichigen.support.Api api = dev.ichigen.support.Api.admin(port);

        var candidates = api.get("/api/v1/orders/merge-candidates?limit=500");
        assertThat(candidates.status()).isEqualTo(200);
        assertThat(candidates.text()).contains("\"id\":" + first).contains("\"id\":" + second);

        var merged = api.post("/api/v1/orders/merge-groups", Map.of("orderIds", List.of(first, second)));
        assertThat(merged.status()).as(merged.text()).isEqualTo(201);
        assertThat(merged.json().get("orders")).hasSize(2);
        var units = api.get("/api/v1/orders/" + second + "/shipping-units");
        assertThat(units.json().get("mergeGroup").get("id").asLong()).isEqualTo(merged.json().get("id").asLong());

        var refused = api.post("/api/v1/orders/" + first + "/split", Map.of("lineNos", List.of(1)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("lineNos");

        var unmerged = api.delete("/api/v1/orders/" + first + "/merge-group");
        assertThat(unmerged.status()).isEqualTo(200);
        assertThat(unmerged.json().get("mergeGroup").isNull()).isTrue();

        var carrier = api.put("/api/v1/orders/" + first + "/carrier", Map.of("carrier", "sagawa", "service", "hikyaku"));
        assertThat(carrier.status()).isEqualTo(200);
        assertThat(carrier.json().get("shippingPlan").get("carrier").asString()).isEqualTo("sagawa");
        assertThat(api.put("/api/v1/orders/" + first + "/carrier", Map.of("service", "x")).status()).isEqualTo(422);
    }

    private Sku product(String prefix, String zone) {
        String sku = unique(prefix).toUpperCase(java.util.Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :name, 1000, 'REDUCED_8', true, :zone, false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("name", "温度帯 " + sku).param("zone", zone).param("now", now).update();
        return Sku.of(sku);
    }

    /** Waits (≤ 10 s) until the after-commit listener has settled the order's group membership. */
    private void awaitGroup(long orderId, Long expected) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            Long actual = grouping.groupOf(orderId).map(MergeGroup::id).orElse(null);
            if (java.util.Objects.equals(actual, expected)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(grouping.groupOf(orderId).map(MergeGroup::id).orElse(null)).isEqualTo(expected);
    }
}
