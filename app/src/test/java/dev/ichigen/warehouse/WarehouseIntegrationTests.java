package dev.ichigen.warehouse;

import static dev.ichigen.fulfillment.FulfillmentFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.LocationStockLevel;
import dev.ichigen.inventory.MovementType;
import dev.ichigen.inventory.NewLocation;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockDrift;
import dev.ichigen.inventory.StockMovement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * 入荷 (purchase orders, receipts with inspection, lots and put-away), stock per location and lot, FEFO pick
 * assignment with the channel's minimum shelf life, lot expiry, and batch pick lists — against the whole app.
 */
@IchigenIntegrationTest
class WarehouseIntegrationTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    Shipments shipments;

    @Autowired
    PickPlanning planning;

    @Autowired
    ShelfLifeSettings shelfLife;

    @LocalServerPort
    int port;

    FulfillmentFixtures fx;
    Api api;
    long channel;

    @BeforeEach
    void setUp() {
        fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        api = Api.admin(port);
        channel = fx.channel();
    }

    // ---------------------------------------------------------------- helpers

    private Sku product(boolean lotManaged) {
        String sku = FulfillmentFixtures.unique(lotManaged ? "LOT" : "WMS").toUpperCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, :name, 1000, 'STANDARD_10', true, 'AMBIENT', :lot, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", FulfillmentFixtures.jan()).param("name", "倉庫テスト " + sku).param("lot", lotManaged)
                .param("now", now).update();
        return Sku.of(sku);
    }

    private void listing(Sku sku) {
        jdbc.sql("insert into channel_listing (channel_id, item_code, sub_code, sku, created_at) values (:c, :i, '', :s, :now)")
                .param("c", channel).param("i", sku.value().toLowerCase(Locale.ROOT)).param("s", sku.value())
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    /** A new location in EAST at {@code walkOrder}; returns its code. */
    private String location(int walkOrder) {
        String code = FulfillmentFixtures.unique("L").toUpperCase(Locale.ROOT).replace("-", "");
        code = code.length() > 40 ? code.substring(0, 40) : code;
        warehouses.addLocation("EAST", new NewLocation(code, "A", "1", String.valueOf(walkOrder), walkOrder));
        return code;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String sku, String jan, Integer poLineNo, Long expectedQuantity, Long countedQuantity, Long damagedQuantity,
            String damageReason, String lotNo, LocalDate expiryDate, String location) {
    }

    private static Line good(Sku sku, long q, String location) {
        return new Line(sku.value(), null, null, null, q, null, null, null, null, location);
    }

    private static Line lot(Sku sku, long q, String lotNo, LocalDate expiry, String location) {
        return new Line(sku.value(), null, null, null, q, null, null, lotNo, expiry, location);
    }

    private Api.Response receive(String key, String po, List<Line> lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("receiptKey", key);
        if (po != null) {
            body.put("purchaseOrder", po);
        } else {
            body.put("warehouse", "EAST");
        }
        body.put("lines", lines);
        return api.post("/api/v1/receipts", body);
    }

    private void receiveOk(List<Line> lines) {
        Api.Response r = receive(FulfillmentFixtures.unique("R"), null, lines);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    private long onHand(Sku sku) {
        return inventory.stock(sku).warehouses().stream().filter(l -> l.warehouse().equals("EAST")).mapToLong(l -> l.onHand()).sum();
    }

    private long available(Sku sku) {
        return inventory.stock(sku).warehouses().stream().filter(l -> l.warehouse().equals("EAST")).mapToLong(l -> l.available()).sum();
    }

    private List<StockDrift> drifts(Sku... skus) {
        List<String> mine = java.util.Arrays.stream(skus).map(Sku::value).toList();
        return inventory.checkConsistency().drifts().stream().filter(d -> mine.contains(d.sku().value())).toList();
    }

    /** Places an order, waits for its shipment and its pick planning; returns the shipment. */
    private Shipment shipmentFor(Sku sku, long quantity) {
        long id = intake.accept(order(channel, FulfillmentFixtures.phone(), "梅田1-1-1", sku, quantity).build()).orderId();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shipments.ofOrder(id).stream().anyMatch(s -> s.status().open()));
        Shipment s = shipments.ofOrder(id).stream().filter(x -> x.status().open()).findFirst().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from shipment_pick_status where shipment_id = :s")
                .param("s", s.id()).query(Long.class).single() == 1);
        return s;
    }

    // ---------------------------------------------------------------- receiving

    @Test
    void receiptAgainstPurchaseOrderWithPartialAndDamagedQuantitiesUpdatesPoLedgerAndChannel() {
        Sku sku = product(false);
        Sku other = product(false);
        listing(sku);
        String shelf = location(100);
        Api.Response created = api.post("/api/v1/purchase-orders", Map.of("supplier", "山田食品", "warehouse", "EAST",
                "expectedDate", TODAY.plusDays(3).toString(),
                "lines", List.of(Map.of("sku", sku.value(), "quantity", 10), Map.of("sku", other.value(), "quantity", 5))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String po = created.json().get("number").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("OPEN");

        // 6 counted, 2 of them damaged: 4 good go into stock at the shelf
        String key1 = FulfillmentFixtures.unique("DN");
        Api.Response first = receive(key1, po, List.of(new Line(sku.value(), null, null, null, 6L, 2L, "箱潰れ", null, null, shelf)));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode line = first.json().get("lines").get(0);
        assertThat(line.get("expectedQuantity").asLong()).isEqualTo(10);
        assertThat(line.get("damagedQuantity").asLong()).isEqualTo(2);
        assertThat(line.get("goodQuantity").asLong()).isEqualTo(4);
        assertThat(line.get("variance").asLong()).isEqualTo(-4);

        PurchaseOrder after1 = api.get("/api/v1/purchase-orders/" + po).status() == 200 ? purchaseOrder(po) : null;
        assertThat(after1.status()).isEqualTo(PurchaseOrderStatus.PARTIALLY_RECEIVED);
        assertThat(after1.lines().getFirst().receivedQuantity()).isEqualTo(4);
        assertThat(after1.lines().getFirst().damagedQuantity()).isEqualTo(2);
        assertThat(onHand(sku)).isEqualTo(4);
        StockMovement m = inventory.movements(sku, 0, 10).items().getFirst();
        assertThat(m.type()).isEqualTo(MovementType.RECEIPT);
        assertThat(m.onHandDelta()).isEqualTo(4);
        assertThat(m.referenceType()).isEqualTo("RECEIPT");
        assertThat(m.referenceId()).isEqualTo(key1);
        assertThat(publishable.of(channel, sku).available()).isEqualTo(4);
        assertThat(jdbc.sql("select quantity from publishable_quantity_event where channel_id = :c and sku = :s order by id desc limit 1")
                .param("c", channel).param("s", sku.value()).query(Long.class).single()).isEqualTo(4);
        assertThat(inventory.locationStock(sku)).singleElement().satisfies(l -> {
            assertThat(l.location()).isEqualTo(shelf);
            assertThat(l.onHand()).isEqualTo(4);
        });

        // the rest of both lines arrives: RECEIVED
        Api.Response second = receive(FulfillmentFixtures.unique("DN"), po,
                List.of(good(sku, 6, shelf), good(other, 5, null)));
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(purchaseOrder(po).status()).isEqualTo(PurchaseOrderStatus.RECEIVED);
        assertThat(onHand(sku)).isEqualTo(10);
        assertThat(publishable.of(channel, sku).available()).isEqualTo(10);
        assertThat(inventory.locationStock(other)).singleElement().satisfies(l -> assertThat(l.location()).isNull()); // 未棚入れ
        assertThat(drifts(sku, other)).isEmpty();

        // closed: no more receipts
        assertThat(api.post("/api/v1/purchase-orders/" + po + "/close", Map.of()).json().get("status").asString()).isEqualTo("CLOSED");
        assertThat(receive(FulfillmentFixtures.unique("DN"), po, List.of(good(sku, 1, null))).status()).isEqualTo(409);
    }

    private PurchaseOrder purchaseOrder(String number) {
        return new PurchaseOrdersView(api).get(number);
    }

    /** Reads a PO through the REST API into the module's record. */
    record PurchaseOrdersView(Api api) {
        PurchaseOrder get(String number) {
            JsonNode n = api.get("/api/v1/purchase-orders/" + number).json();
            List<PurchaseOrder.Line> lines = new ArrayList<>();
            n.get("lines").forEach(l -> lines.add(new PurchaseOrder.Line(l.get("lineNo").asInt(), l.get("sku").asString(),
                    l.get("quantity").asLong(), l.get("receivedQuantity").asLong(), l.get("damagedQuantity").asLong())));
            return new PurchaseOrder(n.get("id").asLong(), n.get("number").asString(), n.get("supplier").asString(),
                    n.get("warehouse").asString(), null, PurchaseOrderStatus.valueOf(n.get("status").asString()), null, lines, null, null);
        }
    }

    @Test
    void lotManagedLineWithoutLotOrExpiryIsRejectedNamingLineAndFieldAndNothingIsWritten() {
        Sku plain = product(false);
        Sku lotted = product(true);
        String key = FulfillmentFixtures.unique("R");
        Api.Response r = receive(key, null, List.of(good(plain, 3, null), good(lotted, 2, null)));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(fields(r)).containsExactlyInAnyOrder("lines[1].lotNo", "lines[1].expiryDate");
        assertThat(r.text()).contains(lotted.value()).contains("lot-managed");
        assertThat(api.get("/api/v1/receipts/" + key).status()).isEqualTo(404);
        assertThat(onHand(plain)).isZero();
        assertThat(inventory.movements(plain, 0, 10).items()).isEmpty();

        // an expiry date in the past is refused too; a lot for a product that is not lot-managed as well
        Api.Response past = receive(key, null, List.of(lot(lotted, 2, "L1", TODAY.minusDays(1), null), lot(plain, 1, "X", TODAY, null)));
        assertThat(past.status()).isEqualTo(422);
        assertThat(fields(past)).containsExactlyInAnyOrder("lines[0].expiryDate", "lines[1].lotNo");
        assertThat(onHand(lotted)).isZero();
    }

    private static List<String> fields(Api.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void receiptPostedAgainWithTheSameKeyIsNotCountedTwice() {
        Sku sku = product(false);
        Api.Response po = api.post("/api/v1/purchase-orders", Map.of("supplier", "S", "warehouse", "EAST",
                "lines", List.of(Map.of("sku", sku.value(), "quantity", 8))));
        String number = po.json().get("number").asString();
        String key = FulfillmentFixtures.unique("DN");
        assertThat(receive(key, number, List.of(good(sku, 5, null))).status()).isEqualTo(201);
        Api.Response again = receive(key, number, List.of(good(sku, 5, null)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("alreadyPosted").asBoolean()).isTrue();
        assertThat(onHand(sku)).isEqualTo(5);
        assertThat(inventory.movements(sku, 0, 10).items()).hasSize(1);
        assertThat(purchaseOrder(number).lines().getFirst().receivedQuantity()).isEqualTo(5);
        assertThat(purchaseOrder(number).status()).isEqualTo(PurchaseOrderStatus.PARTIALLY_RECEIVED);
    }

    @Test
    void receiptByScannedJanFindsTheProduct() {
        Sku sku = product(false);
        String jan = jdbc.sql("select gtin from product where sku = :s").param("s", sku.value()).query(String.class).single();
        Api.Response r = receive(FulfillmentFixtures.unique("R"), null,
                List.of(new Line(null, jan, null, 2L, 2L, null, null, null, null, null)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("lines").get(0).get("sku").asString()).isEqualTo(sku.value());
        assertThat(onHand(sku)).isEqualTo(2);
    }

    // ---------------------------------------------------------------- FEFO

    @Test
    void fefoPicksTheEarliestExpiringValidLotSkippingExpiredOnesAndSpansLots() {
        Sku sku = product(true);
        String near = location(210);
        String far = location(220);
        receiveOk(List.of(lot(sku, 3, "OLD", TODAY.plusDays(2), near), lot(sku, 2, "SOON", TODAY.plusDays(10), far),
                lot(sku, 5, "LATER", TODAY.plusDays(30), near)));
        // OLD has expired since it was received (the daily expiry job has not run yet)
        jdbc.sql("update stock_lot set expiry_date = :d where sku = :s and lot_no = 'OLD'").param("d", TODAY.minusDays(1))
                .param("s", sku.value()).update();

        Shipment s = shipmentFor(sku, 4);
        JsonNode plan = api.get("/api/v1/shipments/" + s.key() + "/picks").json();
        assertThat(plan.get("complete").asBoolean()).isTrue();
        JsonNode picks = plan.get("lines").get(0).get("picks");
        assertThat(picks).hasSize(2);
        // walk order: 'near' (210) holds LATER, 'far' (220) holds SOON
        assertThat(picks.get(0).get("location").asString()).isEqualTo(near);
        assertThat(picks.get(0).get("lotNo").asString()).isEqualTo("LATER");
        assertThat(picks.get(0).get("quantity").asLong()).isEqualTo(2);
        assertThat(picks.get(1).get("lotNo").asString()).isEqualTo("SOON");
        assertThat(picks.get(1).get("quantity").asLong()).isEqualTo(2);

        // shipping takes exactly the assigned lots out of their locations
        orders.markShipped(s.orderIds().getFirst());
        Map<String, Long> left = new HashMap<>();
        for (LocationStockLevel l : inventory.locationStock(sku)) {
            left.merge(l.lotNo(), l.onHand(), Long::sum);
        }
        assertThat(left).containsEntry("OLD", 3L).containsEntry("LATER", 3L).doesNotContainKey("SOON"); // empty rows are not listed
        assertThat(drifts(sku)).isEmpty();
    }

    @Test
    void aLotUnderTheChannelsMinimumShelfLifeIsSkippedAndAnUncoveredShipmentIsFlagged() {
        assertThat(api.put("/api/v1/channels/" + channel + "/min-shelf-life", Map.of("minDays", 20)).status()).isEqualTo(200);
        Sku sku = product(true);
        String shelf = location(300);
        receiveOk(List.of(lot(sku, 5, "SHORT", TODAY.plusDays(10), shelf), lot(sku, 5, "LONG", TODAY.plusDays(40), shelf)));

        Shipment ok = shipmentFor(sku, 3);
        PickPlan plan = planning.plan(ok.key());
        assertThat(plan.complete()).isTrue();
        assertThat(plan.lines().getFirst().picks()).singleElement().satisfies(p -> {
            assertThat(p.lotNo()).isEqualTo("LONG");
            assertThat(p.quantity()).isEqualTo(3);
        });

        // 2 LONG are left; 4 more cannot be covered by lots with 20 days left: flagged, not assigned from SHORT
        Shipment flagged = shipmentFor(sku, 4);
        PickPlan short4 = planning.plan(flagged.key());
        assertThat(short4.complete()).isFalse();
        assertThat(short4.message()).contains("引当不足").contains(sku.value());
        assertThat(short4.lines().getFirst().picks()).allSatisfy(p -> assertThat(p.lotNo()).isEqualTo("LONG"));
        assertThat(short4.lines().getFirst().shortfalls()).singleElement().satisfies(f -> assertThat(f.missing()).isEqualTo(2));
        PickList list = planning.pickList(List.of(ok.key(), flagged.key()), null);
        assertThat(list.flagged()).singleElement().satisfies(f -> assertThat(f.shipment()).isEqualTo(flagged.key()));
        assertThat(shelfLife.minDays(channel)).contains(20);
    }

    @Test
    void expiredStockLeavesAvailableStockThroughTheLedgerAndChannelsSeeIt() {
        Sku sku = product(true);
        listing(sku);
        String shelf = location(400);
        receiveOk(List.of(lot(sku, 5, "E1", TODAY.plusDays(1), shelf), lot(sku, 3, "E2", TODAY.plusDays(100), shelf)));
        assertThat(publishable.of(channel, sku).available()).isEqualTo(8);
        jdbc.sql("update stock_lot set expiry_date = :d where sku = :s and lot_no = 'E1'").param("d", TODAY.minusDays(1))
                .param("s", sku.value()).update();

        assertThat(inventory.expireLots(TODAY)).isGreaterThanOrEqualTo(5);
        assertThat(available(sku)).isEqualTo(3);
        assertThat(onHand(sku)).isEqualTo(3);
        assertThat(publishable.of(channel, sku).available()).isEqualTo(3);
        assertThat(jdbc.sql("select quantity from publishable_quantity_event where channel_id = :c and sku = :s order by id desc limit 1")
                .param("c", channel).param("s", sku.value()).query(Long.class).single()).isEqualTo(3);
        StockMovement m = inventory.movements(sku, 0, 10).items().getFirst();
        assertThat(m.type()).isEqualTo(MovementType.EXPIRED);
        assertThat(m.onHandDelta()).isEqualTo(-5);
        assertThat(inventory.locationStock(sku)).filteredOn(l -> "E1".equals(l.lotNo())).singleElement().satisfies(l -> {
            assertThat(l.onHand()).isZero();
            assertThat(l.expired()).isEqualTo(5);
        });
        assertThat(drifts(sku)).isEmpty();
        assertThat(inventory.expireLots(TODAY)).isZero(); // nothing left to expire
    }

    @Test
    void locationSumsEqualInventoryTotalsThroughAdjustmentsTransfersAndShipments() {
        Sku sku = product(false);
        String a = location(510);
        String b = location(520);
        receiveOk(List.of(good(sku, 4, a), good(sku, 6, b)));
        inventory.adjust(sku, "EAST", -3, "破損");
        inventory.adjust(sku, "EAST", 2, "発見");
        inventory.transfer(sku, "EAST", "WEST", 2, "移動");
        Shipment s = shipmentFor(sku, 3);
        PickPlan plan = planning.plan(s.key());
        assertThat(plan.complete()).isTrue();
        orders.markShipped(s.orderIds().getFirst());

        Map<String, Long> perWarehouse = new HashMap<>();
        for (LocationStockLevel l : inventory.locationStock(sku)) {
            perWarehouse.merge(l.warehouse(), l.onHand(), Long::sum);
        }
        inventory.stock(sku).warehouses().forEach(l -> assertThat(perWarehouse.getOrDefault(l.warehouse(), 0L))
                .as(l.warehouse()).isEqualTo(l.onHand()));
        assertThat(perWarehouse).containsEntry("EAST", 4L).containsEntry("WEST", 2L);
        assertThat(drifts(sku)).isEmpty();
    }

    @Test
    void batchPickListIsSortedByLocationWalkOrderAndSumsQuantities() {
        Sku x = product(false);
        Sku y = product(false);
        Sku z = product(false);
        String late = location(630);
        String early = location(610);
        String middle = location(620);
        receiveOk(List.of(good(x, 10, late), good(y, 10, early), good(z, 10, middle)));
        Shipment s1 = shipmentFor(x, 1);
        Shipment s2 = shipmentFor(y, 2);
        Shipment s3 = shipmentFor(z, 3);
        Shipment s4 = shipmentFor(x, 4);

        JsonNode list = api.get("/api/v1/pick-lists?shipments=" + String.join(",", s1.key(), s2.key(), s3.key(), s4.key())).json();
        JsonNode rows = list.get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("location").asString()).isEqualTo(early);
        assertThat(rows.get(0).get("sku").asString()).isEqualTo(y.value());
        assertThat(rows.get(1).get("location").asString()).isEqualTo(middle);
        assertThat(rows.get(2).get("location").asString()).isEqualTo(late);
        assertThat(rows.get(2).get("quantity").asLong()).isEqualTo(5);
        assertThat(rows.get(2).get("shipments")).hasSize(2);
        assertThat(list.get("flagged")).isEmpty();
    }

    // ---------------------------------------------------------------- stocktake

    @Test
    void stocktakeApprovalPostsCountedVariancesThroughTheLedger() {
        Sku plain = product(false);
        Sku lotted = product(true);
        listing(plain);
        String shelf = location(800);
        receiveOk(List.of(good(plain, 10, shelf), lot(lotted, 4, "ST1", TODAY.plusDays(90), shelf)));

        Api.Response started = api.post("/api/v1/stocktakes", Map.of("warehouse", "EAST", "locations", List.of(shelf)));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        long id = started.json().get("id").asLong();
        assertThat(started.json().get("lines")).hasSize(2);

        // a lot-managed count without lot is refused naming the count and field
        Api.Response bad = api.post("/api/v1/stocktakes/" + id + "/counts",
                Map.of("counts", List.of(Map.of("location", shelf, "sku", lotted.value(), "counted", 4))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fields(bad)).containsExactly("counts[0].lotNo");

        Api.Response counted = api.post("/api/v1/stocktakes/" + id + "/counts", Map.of("counts", List.of(
                Map.of("location", shelf, "sku", plain.value(), "counted", 7),
                Map.of("location", shelf, "sku", lotted.value(), "lotNo", "ST1", "counted", 5))));
        assertThat(counted.status()).as(counted.text()).isEqualTo(200);
        Map<String, Long> variance = new HashMap<>();
        counted.json().get("lines").forEach(l -> variance.put(l.get("sku").asString(), l.get("variance").asLong()));
        assertThat(variance).containsEntry(plain.value(), -3L).containsEntry(lotted.value(), 1L);
        assertThat(onHand(plain)).isEqualTo(10); // nothing posted before approval

        Api.Response approved = api.post("/api/v1/stocktakes/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(onHand(plain)).isEqualTo(7);
        assertThat(onHand(lotted)).isEqualTo(5);
        assertThat(publishable.of(channel, plain).available()).isEqualTo(7);
        StockMovement m = inventory.movements(plain, 0, 1).items().getFirst();
        assertThat(m.type()).isEqualTo(MovementType.STOCKTAKE_CORRECTION);
        assertThat(m.onHandDelta()).isEqualTo(-3);
        assertThat(m.referenceType()).isEqualTo("STOCKTAKE");
        assertThat(drifts(plain, lotted)).isEmpty();
        // approving twice posts nothing more
        assertThat(api.post("/api/v1/stocktakes/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(onHand(plain)).isEqualTo(7);
    }
}
