package dev.ichigen.fulfillment;

import static dev.ichigen.fulfillment.FulfillmentFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.platform.BusinessCalendar;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/** 出荷指示, 出荷検品, 送り状データ, 送り状番号 and 出荷確定 against the whole app. */
@IchigenIntegrationTest
class ShipmentIntegrationTests {

    static final Charset CP932 = Charset.forName("windows-31j");

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    ShipmentGrouping grouping;

    @Autowired
    Shipments shipments;

    @Autowired
    FulfillmentSettingsStore settings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    BusinessCalendar calendar;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    FulfillmentFixtures fx;
    Api api;
    long channel;
    String phone;

    @BeforeEach
    void setUp() {
        fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        api = Api.admin(port);
        channel = fx.channel();
        phone = FulfillmentFixtures.phone();
        settings.update(new FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都", "千代田区", "千代田1-1", null,
                "yamato", "takkyubin", "0123456789", null, "01", null));
    }

    private long take(dev.ichigen.order.NewOrder.Builder b) {
        long id = intake.accept(b.build()).orderId();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        return id;
    }

    /** The open shipments of an order once the after-commit listener has run. */
    /**
     * The open shipments of an order once there are {@code count} of them — the very list that met the condition (the
     * listeners may re-make instructions at any moment, so reading again afterwards could see another state).
     */
    private List<Shipment> awaitOpen(long orderId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> open(orderId), l -> l.size() == count);
    }

    private List<Shipment> open(long orderId) {
        return shipments.ofOrder(orderId).stream().filter(s -> s.status().open()).toList();
    }

    @Test
    void aReadyOrderGetsExactlyOneShippingInstruction() {
        String jan = FulfillmentFixtures.jan();
        Sku sku = fx.product("SHP", jan, "AMBIENT");
        long id = take(order(channel, phone, "梅田1-1-1", sku, 2));

        Shipment s = awaitOpen(id, 1).getFirst();
        assertThat(s.key()).matches("S\\d{6,}");
        assertThat(s.status()).isEqualTo(ShipmentStatus.INSTRUCTED);
        assertThat(s.orderIds()).containsExactly(id);
        assertThat(s.carrier()).isEqualTo("yamato");
        assertThat(s.service()).isEqualTo("takkyubin");
        assertThat(s.cool()).isEqualTo("NONE");
        assertThat(s.codAmount()).isZero();
        assertThat(s.warehouse()).isEqualTo("EAST");
        assertThat(s.plannedShipDate()).isEqualTo(calendar.addBusinessDays(LocalDate.now(ZoneId.of("Asia/Tokyo")), 1));
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(sku.value());
            assertThat(l.jan()).isEqualTo(jan);
            assertThat(l.quantity()).isEqualTo(2);
        });

        // asking again — the event re-delivered, a person's click — changes nothing
        assertThat(shipments.instructIfReady(id)).extracting(Shipment::id).containsExactly(s.id());
        assertThat(shipments.instruct(List.of(id))).extracting(Shipment::id).containsExactly(s.id());
        assertThat(shipments.ofOrder(id)).hasSize(1);
        assertThat(api.get("/api/v1/shipments/" + s.key()).json().get("orderIds").get(0).asLong()).isEqualTo(id);
    }

    @Test
    void aMergeGroupLeavesAsOneShipmentWithItsCashOnDelivery() {
        Sku a = fx.product("SHP-MA", FulfillmentFixtures.jan(), "AMBIENT");
        Sku b = fx.product("SHP-MB", FulfillmentFixtures.jan(), "AMBIENT");
        long first = take(order(channel, phone, "梅田2-2-2", a, 1));
        long second = take(order(fx.channel(), phone, "梅田2-2-2", b, 3).payment(PaymentMethod.COD, null));
        awaitOpen(first, 1);
        awaitOpen(second, 1);

        grouping.merge(List.of(first, second), false);
        // after the merge commits, the instructions are re-made by themselves: one parcel with both orders
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> open(first),
                l -> l.size() == 1 && l.getFirst().orderIds().size() == 2);
        List<Shipment> made = shipments.instruct(List.of(first));

        assertThat(made).singleElement().satisfies(s -> {
            assertThat(s.orderIds()).containsExactlyInAnyOrder(first, second);
            assertThat(s.mergeGroupId()).isNotNull();
            assertThat(s.lines()).extracting(Shipment.Line::sku).containsExactlyInAnyOrder(a.value(), b.value());
            assertThat(s.codAmount()).isEqualTo(orders.get(second).totals().amountToCollect()).isPositive();
        });
        // the single-order shipments made before the merge are voided, never two open parcels for one order
        assertThat(shipments.ofOrder(first)).filteredOn(s -> s.status().open()).hasSize(1);
        assertThat(shipments.ofOrder(second)).filteredOn(s -> s.status() == ShipmentStatus.CANCELLED).hasSize(1);
    }

    @Test
    void splitPartsBecomeTwoShipmentsAndTheFrozenOneIsCool() {
        Sku ambient = fx.product("SHP-A", FulfillmentFixtures.jan(), "AMBIENT");
        Sku frozen = fx.product("SHP-F", FulfillmentFixtures.jan(), "FROZEN");
        long id = take(order(channel, phone, "梅田3-3-3", ambient, 1)
                .line(NewOrderLine.ofSku(frozen, "冷凍品", 2, 1000, TaxRate.STANDARD_10)));
        Shipment before = awaitOpen(id, 1).getFirst();
        assertThat(before.cool()).isEqualTo("FROZEN");

        grouping.splitByTemperatureZone(id);
        awaitOpen(id, 2);
        List<Shipment> parts = shipments.instruct(List.of(id));

        assertThat(parts).hasSize(2);
        assertThat(parts).extracting(Shipment::cool).containsExactlyInAnyOrder("NONE", "FROZEN");
        assertThat(parts).allSatisfy(s -> assertThat(s.lines()).hasSize(1));
        assertThat(shipments.get(before.key()).status()).isEqualTo(ShipmentStatus.CANCELLED);
    }

    @Test
    void cancellingTheOrderVoidsItsShipment() {
        Sku sku = fx.product("SHP-C", FulfillmentFixtures.jan(), "AMBIENT");
        long id = take(order(channel, phone, "梅田4-4-4", sku, 1));
        Shipment s = awaitOpen(id, 1).getFirst();

        orders.cancel(id, "お客様都合");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shipments.get(s.key()).status() == ShipmentStatus.CANCELLED);
        assertThat(shipments.get(s.key()).cancelReason()).contains("受注キャンセル");
        assertThatThrownBy(() -> shipments.instruct(List.of(id))).isInstanceOf(ConflictException.class).hasMessageContaining("キャンセル");
    }

    @Test
    void packVerificationRefusesWrongSurplusAndMissingItems() {
        String janA = FulfillmentFixtures.jan();
        Sku a = fx.product("SHP-PA", janA, "AMBIENT");
        Sku noJan = fx.product("SHP-PB", null, "AMBIENT");
        long id = take(order(channel, phone, "梅田5-5-5", a, 2).line(NewOrderLine.ofSku(noJan, "JANなし", 1, 500, TaxRate.STANDARD_10)));
        Shipment s = awaitOpen(id, 1).getFirst();
        String path = "/api/v1/shipments/" + s.key();

        // wrong item: a JAN of another product
        Api.Response wrong = api.post(path + "/scans", Map.of("code", FulfillmentFixtures.jan()));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.text()).contains("誤品");

        assertThat(api.post(path + "/scans", Map.of("code", janA)).status()).isEqualTo(200);
        // missing: finishing now names what is short
        Api.Response missing = api.post(path + "/pack", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text()).contains("不足").contains(a.value()).contains(noJan.value());

        assertThat(api.post(path + "/scans", Map.of("code", janA)).json().get("packed").asBoolean()).isFalse();
        // surplus: a third piece of a line of two
        Api.Response surplus = api.post(path + "/scans", Map.of("code", janA));
        assertThat(surplus.status()).isEqualTo(409);
        assertThat(surplus.text()).contains("数量超過");

        // no JAN: the SKU is scanned; the last piece completes the shipment
        Api.Response last = api.post(path + "/scans", Map.of("code", noJan.value()));
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("packed").asBoolean()).isTrue();
        assertThat(shipments.get(s.key()).status()).isEqualTo(ShipmentStatus.PACKED);
        assertThat(api.post(path + "/scans", Map.of("code", janA)).status()).isEqualTo(409);
    }

    @Test
    void exportsLabelsImportsTrackingAndShipsTheOrders() {
        Sku sku = fx.product("SHP-L", FulfillmentFixtures.jan(), "AMBIENT");
        long id = take(order(channel, phone, "梅田6-6-6", sku, 3));
        Shipment s = awaitOpen(id, 1).getFirst();
        long onHandBefore = inventory.stock(sku).onHand();
        s.lines().forEach(l -> {
            for (int i = 0; i < l.quantity(); i++) {
                shipments.scan(s.key(), l.jan());
            }
        });
        assertThat(shipments.get(s.key()).status()).isEqualTo(ShipmentStatus.PACKED);
        assertThatThrownBy(() -> shipments.ship(s.key())).isInstanceOf(ConflictException.class).hasMessageContaining("送り状番号");

        // label data for ヤマト B2クラウド
        Api.Response file = api.post("/api/v1/shipment-labels/yamato-b2?status=PACKED", Map.of());
        assertThat(file.status()).isEqualTo(200);
        String csv = new String(file.bytes(), CP932);
        String[] rows = csv.split("\r\n");
        String row = Arrays.stream(rows).filter(r -> r.startsWith(s.key() + ",") || r.startsWith("\"" + s.key() + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError(s.key() + " not in " + csv));
        assertThat(row).contains("佐藤 花子").contains("530-0001").contains("いちげん商店").contains("0123456789");

        // issued data back: one good row, one with a wrong check digit, one unknown key
        String good = FulfillmentFixtures.trackingRandom();
        String bad = good.substring(0, 11) + ((good.charAt(11) - '0' + 1) % 10);
        String header = rows[0];
        String issued = header + "\r\n" + issuedRow(s.key(), good) + issuedRow(s.key(), bad) + issuedRow("S999999999", FulfillmentFixtures.trackingRandom());
        Api.Response imported = api.postBytes("/api/v1/shipment-tracking/yamato-b2", FulfillmentFixtures.MULTIPART,
                FulfillmentFixtures.multipart("issued.csv", issued.getBytes(CP932)));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().get("attached").asInt()).isEqualTo(1);
        assertThat(imported.json().get("errors")).hasSize(2);
        assertThat(imported.text()).contains("3行目").contains(bad).contains("S999999999");
        assertThat(shipments.get(s.key()).tracking()).extracting(Shipment.Tracking::trackingNumber).containsExactly(good);
        // the same file again attaches nothing new
        assertThat(api.postBytes("/api/v1/shipment-tracking/yamato-b2", FulfillmentFixtures.MULTIPART,
                FulfillmentFixtures.multipart("issued.csv", issued.getBytes(CP932))).json().get("attached").asInt()).isZero();

        // shipped: the order ships and its stock leaves the warehouse
        Api.Response shipped = api.post("/api/v1/shipments/" + s.key() + "/ship", Map.of());
        assertThat(shipped.status()).as(shipped.text()).isEqualTo(200);
        assertThat(shipped.json().get("status").asString()).isEqualTo("SHIPPED");
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(inventory.stock(sku).onHand()).isEqualTo(onHandBefore - 3);
        assertThat(inventory.stock(sku).reserved()).isZero();
        assertThat(inventory.checkConsistency().drifts()).noneMatch(d -> d.toString().contains(sku.value()));
        // a shipped shipment takes no more tracking numbers and is not exported again
        assertThat(api.post("/api/v1/shipment-labels/yamato-b2?summary=true", Map.of()).text()).doesNotContain(s.key());
    }

    @Test
    void leavingAMergeGroupGivesEachOrderItsOwnShipmentAgain() {
        Sku a = fx.product("SHP-UA", FulfillmentFixtures.jan(), "AMBIENT");
        long first = take(order(channel, phone, "梅田8-8-8", a, 1));
        long second = take(order(channel, phone, "梅田8-8-8", a, 2));
        grouping.merge(List.of(first, second), false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> open(first),
                l -> l.size() == 1 && l.getFirst().orderIds().size() == 2);

        grouping.unmerge(second, "別々に送る");

        // one read of both orders' open shipments per poll, and the assertion on the snapshot that met the condition
        // (re-reading after the wait raced with the listeners re-making the instructions)
        List<List<Shipment>> apart = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> List.of(open(first), open(second)), p -> p.stream()
                        .allMatch(l -> l.size() == 1 && l.getFirst().orderIds().size() == 1));
        assertThat(apart.get(0).getFirst().id()).isNotEqualTo(apart.get(1).getFirst().id());
    }

    @Test
    void aHeldOrderLosesItsUnpackedInstruction() {
        Sku sku = fx.product("SHP-H", FulfillmentFixtures.jan(), "AMBIENT");
        long id = take(order(channel, phone, "梅田9-1-1", sku, 1));
        Shipment s = awaitOpen(id, 1).getFirst();

        orders.placeHold(id, "MANUAL", "お客様に確認中");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shipments.get(s.key()).status() == ShipmentStatus.CANCELLED);
        assertThat(shipments.get(s.key()).cancelReason()).contains("確認待ち");
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> settings.update(new FulfillmentSettings(null, null, null, null, null, null, null, "fedex", null,
                "12", null, "1", null))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(dev.ichigen.shared.FieldError::field)
                        .contains("defaultCarrier", "yamatoCustomerCode", "yamatoFreightNumber"));
    }

    private static String issuedRow(String key, String number) {
        String[] cells = new String[95];
        Arrays.fill(cells, "");
        cells[0] = key;
        cells[3] = number;
        return String.join(",", cells) + "\r\n";
    }
}
