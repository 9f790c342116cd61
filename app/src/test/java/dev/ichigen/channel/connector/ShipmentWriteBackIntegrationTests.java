package dev.ichigen.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelHealth;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.ShipmentWriteBackJob;
import dev.ichigen.channel.ShipmentWriteBackJob.Status;
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.fulfillment.ShipmentShipped;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * 発送連絡 end to end through the real connector code against Shopify and Rakuten sandbox stores: a
 * {@link ShipmentShipped} committed by a transaction (what {@code Shipments.ship} publishes) becomes one write-back job
 * per order, the worker tells each store, the stores show the orders shipped with the tracking numbers; re-delivery,
 * 5xx and 429 add nothing twice; refusals and platforms without write-back are visible.
 */
@IchigenIntegrationTest
class ShipmentWriteBackIntegrationTests {

    private static final AtomicLong SHIPMENT_IDS = new AtomicLong(9_700_000_000L + ThreadLocalRandom.current().nextInt(1_000_000));
    static ShopifySandbox shopify;
    static RakutenSandbox rakuten;

    @LocalServerPort
    int port;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @BeforeAll
    static void startSandboxes() {
        shopify = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 41, "writeback.myshopify.com",
                "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), 4104L).start();
        rakuten = (RakutenSandbox) new RakutenSandbox("127.0.0.1", 0, Clock.systemUTC(), 42, "SP42_" + UUID.randomUUID(),
                "SL42_" + UUID.randomUUID(), "400042").start();
        shopify.seed(List.of(SandboxListing.of("WB-TOWEL", "", "今治タオル", 1800, 1000),
                SandboxListing.of("WB-CUP", "", "波佐見焼 マグ", 2400, 1000)));
        rakuten.seed(List.of(SandboxListing.of("wb-towel", "", "今治タオル", 1800, 1000)));
    }

    @AfterAll
    static void stopSandboxes() {
        shopify.stop();
        rakuten.stop();
    }

    @BeforeEach
    void noFaults() {
        shopify.faults().clear();
        rakuten.faults().clear();
    }

    @Test
    void aMergedShipmentOfOrdersFromShopifyAndRakutenIsShippedOnBothStoresWithTheTrackingNumbers() {
        SalesChannel sh = channels.register(new NewChannel(Platform.SHOPIFY, code(), "Shopify 発送連絡", shopify.credentials()));
        SalesChannel rk = channels.register(new NewChannel(Platform.RAKUTEN, code(), "楽天 発送連絡", rakuten.credentials()));
        SandboxOrder onShopify = shopify.placeOrder(List.of(new Pick("WB-TOWEL", 1), new Pick("WB-CUP", 2)));
        SandboxOrder onRakuten = rakuten.placeOrder(List.of(new Pick("wb-towel", 2)));
        assertThat(rakuten.order(onRakuten.id()).orElseThrow().status()).isEqualTo("100"); // 注文確認待ち

        // one shipment (同梱) of both orders, two parcels (個口) with Yamato
        String first = tracking();
        String second = tracking();
        ShipmentShipped shipped = new ShipmentShipped(SHIPMENT_IDS.incrementAndGet(), "S-WB-" + UUID.randomUUID(),
                List.of(new ShipmentShipped.ShippedOrder(1, sh.id(), onShopify.id()),
                        new ShipmentShipped.ShippedOrder(2, rk.id(), onRakuten.id())),
                "yamato", "takkyubin", List.of(first, second));
        publish(shipped);

        await(() -> job(sh.id(), onShopify.id()).status() == Status.DONE && job(rk.id(), onRakuten.id()).status() == Status.DONE,
                "both write-backs done");
        SandboxOrder shopifyNow = shopify.order(onShopify.id()).orElseThrow();
        assertThat(shopifyNow.status()).isEqualTo("fulfilled");
        assertThat(shopifyNow.shipments()).singleElement().satisfies(s -> {
            assertThat(s.trackingNumber()).isEqualTo(first);
            assertThat(s.carrier()).isEqualTo("Yamato (JA)");
        });
        SandboxOrder rakutenNow = rakuten.order(onRakuten.id()).orElseThrow();
        assertThat(rakutenNow.status()).isEqualTo("500"); // 発送済 (confirmed first: 100 → 300 → 500)
        assertThat(rakutenNow.shipments()).extracting(SandboxOrder.Shipment::trackingNumber).containsExactlyInAnyOrder(first, second);
        assertThat(rakutenNow.shipments()).extracting(SandboxOrder.Shipment::carrier).containsOnly("1001"); // ヤマト運輸

        // the event delivered again (crash before completion): no new job, nothing sent twice
        publish(shipped);
        assertThat(connections.shipmentWriteBacks(rk.id(), 100)).hasSize(1);
        assertThat(connections.shipmentWriteBacks(sh.id(), 100)).hasSize(1);
        // a job sent again (e.g. the answer was lost) finds the numbers already there
        ShipmentWriteBackJob done = job(rk.id(), onRakuten.id());
        assertThat(done.attempts()).isEqualTo(1);
        Connectors.Bound bound = connectors.bind(rk.id());
        bound.connector().pushShipment(bound.context(), new SalesChannelConnector.ShipmentNotice(onRakuten.id(), "yamato",
                List.of(first, second), java.time.LocalDate.now()));
        Connectors.Bound boundShopify = connectors.bind(sh.id());
        boundShopify.connector().pushShipment(boundShopify.context(), new SalesChannelConnector.ShipmentNotice(onShopify.id(),
                "yamato", List.of(first), java.time.LocalDate.now()));
        assertThat(rakuten.order(onRakuten.id()).orElseThrow().shipments()).hasSize(2);
        assertThat(shopify.order(onShopify.id()).orElseThrow().shipments()).hasSize(1);

        // a second shipment of the same Shopify order (already fulfilled there) is success, not failure
        publish(new ShipmentShipped(SHIPMENT_IDS.incrementAndGet(), "S-WB-" + UUID.randomUUID(),
                List.of(new ShipmentShipped.ShippedOrder(1, sh.id(), onShopify.id())), "sagawa", "hikyaku", List.of(tracking())));
        await(() -> connections.shipmentWriteBacks(sh.id(), 100).stream().allMatch(j -> j.status() == Status.DONE)
                && connections.shipmentWriteBacks(sh.id(), 100).size() == 2, "second Shopify job done");
        assertThat(connections.health(sh.id()).pendingShipmentWriteBacks()).isZero();
        assertThat(connections.health(sh.id()).failedShipmentWriteBacks()).isZero();
    }

    @Autowired
    Connectors connectors;

    @Test
    void serverErrorsAndRateLimitsAreRetriedLaterAndNothingIsDuplicated() {
        SalesChannel rk = channels.register(new NewChannel(Platform.RAKUTEN, code(), "楽天 障害", rakuten.credentials()));
        SalesChannel sh = channels.register(new NewChannel(Platform.SHOPIFY, code(), "Shopify 障害", shopify.credentials()));
        SandboxOrder onRakuten = rakuten.placeOrder(List.of(new Pick("wb-towel", 1)));
        SandboxOrder onShopify = shopify.placeOrder(List.of(new Pick("WB-CUP", 1)));
        // more 5xx than one call's retries (4 attempts): the job's first run fails, a later run succeeds
        rakuten.faults().add("POST /es/2\\.0/order/updateOrderShipping/?", SandboxFaults.Kind.SERVER_ERROR, 5, 0, 1, 0, 0);
        shopify.faults().add("POST .*/fulfillments\\.json", SandboxFaults.Kind.RATE_LIMITED, 5, 0, 1, 0, 1);
        String number = tracking();
        publish(new ShipmentShipped(SHIPMENT_IDS.incrementAndGet(), "S-WB-" + UUID.randomUUID(),
                List.of(new ShipmentShipped.ShippedOrder(3, rk.id(), onRakuten.id()),
                        new ShipmentShipped.ShippedOrder(4, sh.id(), onShopify.id())),
                "japanpost", "yupack", List.of(number)));

        // the failure is visible while it lasts: attempts, last error, health
        await(() -> job(rk.id(), onRakuten.id()).attempts() >= 1, "first Rakuten attempt failed");
        ShipmentWriteBackJob failedOnce = job(rk.id(), onRakuten.id());
        if (failedOnce.status() == Status.PENDING) {
            assertThat(failedOnce.lastError()).contains("SERVER_ERROR");
        }
        ChannelHealth health = connections.health(rk.id());
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.SERVER_ERROR);

        await(() -> job(rk.id(), onRakuten.id()).status() == Status.DONE && job(sh.id(), onShopify.id()).status() == Status.DONE,
                "both done after retries");
        assertThat(job(rk.id(), onRakuten.id()).attempts()).isEqualTo(2);
        assertThat(job(sh.id(), onShopify.id()).attempts()).isEqualTo(2);
        assertThat(rakuten.order(onRakuten.id()).orElseThrow().shipments()).singleElement().satisfies(s -> {
            assertThat(s.trackingNumber()).isEqualTo(number);
            assertThat(s.carrier()).isEqualTo("1003"); // 日本郵便
        });
        assertThat(shopify.order(onShopify.id()).orElseThrow().shipments()).singleElement()
                .satisfies(s -> assertThat(s.trackingNumber()).isEqualTo(number));
    }

    @Test
    void refusalsAndPlatformsWithoutWriteBackAreVisibleAndNotRetriedForever() {
        SalesChannel rk = channels.register(new NewChannel(Platform.RAKUTEN, code(), "楽天 拒否", rakuten.credentials()));
        SalesChannel own = channels.register(new NewChannel(Platform.CUSTOM, code(), "自社サイト", Map.of()));
        String unknown = "400042-20260101-" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        publish(new ShipmentShipped(SHIPMENT_IDS.incrementAndGet(), "S-WB-" + UUID.randomUUID(),
                List.of(new ShipmentShipped.ShippedOrder(5, rk.id(), unknown), new ShipmentShipped.ShippedOrder(6, own.id(), "WEB-1")),
                "yamato", "takkyubin", List.of(tracking())));

        await(() -> job(rk.id(), unknown).status() == Status.FAILED && job(own.id(), "WEB-1").status() == Status.NOT_SUPPORTED,
                "failed and not supported");
        assertThat(job(rk.id(), unknown).lastError()).contains("REJECTED");
        ChannelHealth health = connections.health(rk.id());
        assertThat(health.failedShipmentWriteBacks()).isEqualTo(1);
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.REJECTED);

        Api.Response list = Api.admin(port).get("/api/v1/channels/" + rk.id() + "/shipment-write-backs");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).contains(unknown, "FAILED");
        Api.Response h = Api.admin(port).get("/api/v1/channels/" + rk.id() + "/health");
        assertThat(h.text()).contains("\"failedShipmentWriteBacks\":1");
        long id = job(rk.id(), unknown).id();
        assertThat(Api.admin(port).post("/api/v1/channels/" + rk.id() + "/shipment-write-backs/" + id + "/retry", Map.of()).status())
                .isEqualTo(202);
        await(() -> job(rk.id(), unknown).attempts() == 2 && job(rk.id(), unknown).status() == Status.FAILED, "retried once, refused again");
        assertThat(Api.admin(port).post("/api/v1/channels/" + rk.id() + "/shipment-write-backs/999999999/retry", Map.of()).status())
                .isEqualTo(409);
    }

    @Autowired
    dev.ichigen.order.OrderIntake intake;

    @Autowired
    dev.ichigen.fulfillment.Shipments shipments;

    @Autowired
    dev.ichigen.fulfillment.ShipmentLabels labels;

    @Autowired
    dev.ichigen.fulfillment.FulfillmentSettingsStore settings;

    @Autowired
    dev.ichigen.inventory.InventoryManagement inventory;

    @Autowired
    dev.ichigen.inventory.WarehouseManagement warehouses;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /**
     * The whole way: a Shopify and a Rakuten sandbox order taken in (order intake, as the connectors do), through
     * fulfillment (出荷指示 → 出荷検品 → 送り状データ → 発行済みデータ → 出荷確定, as FulfillmentLifecycleScenarioTests),
     * and both sandbox stores show them shipped with the tracking numbers the carrier issued.
     */
    @Test
    void ordersFromBothSandboxStoresGoThroughFulfillmentAndTheStoresShowThemShipped() {
        var fx = new dev.ichigen.fulfillment.FulfillmentFixtures(jdbc, warehouses, inventory);
        settings.update(new dev.ichigen.fulfillment.FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都",
                "千代田区", "千代田1-1", null, "yamato", "takkyubin", "0123456789", null, "01", null));
        String jan = dev.ichigen.fulfillment.FulfillmentFixtures.jan();
        dev.ichigen.shared.Sku sku = fx.product("WBE2E", jan, "AMBIENT");
        SalesChannel sh = channels.register(new NewChannel(Platform.SHOPIFY, code(), "Shopify 出荷", shopify.credentials()));
        SalesChannel rk = channels.register(new NewChannel(Platform.RAKUTEN, code(), "楽天 出荷", rakuten.credentials()));
        SandboxOrder onShopify = shopify.placeOrder(List.of(new Pick("WB-TOWEL", 1)));
        SandboxOrder onRakuten = rakuten.placeOrder(List.of(new Pick("wb-towel", 1)));

        Map<SalesChannel, String> numbers = new java.util.LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>();
        for (var c : List.of(Map.entry(sh, onShopify.id()), Map.entry(rk, onRakuten.id()))) {
            var order = dev.ichigen.order.NewOrder.builder(c.getKey().id(), c.getValue())
                    .orderedAt(java.time.Instant.now())
                    .customer(new dev.ichigen.order.Customer("佐藤 花子", "サトウ ハナコ", null,
                            dev.ichigen.fulfillment.FulfillmentFixtures.phone()))
                    .ordererAddress(new dev.ichigen.order.Address("530-0001", "大阪府", "大阪市北区",
                            "梅田" + ThreadLocalRandom.current().nextInt(1, 9) + "-" + ThreadLocalRandom.current().nextInt(1, 99), null))
                    .line(dev.ichigen.order.NewOrderLine.ofSku(sku, "出荷テスト商品", 1, 1000, dev.ichigen.shared.TaxRate.STANDARD_10))
                    .payment(dev.ichigen.order.PaymentMethod.CARD, dev.ichigen.order.PaymentStatus.AUTHORIZED).build();
            long orderId = intake.accept(order).orderId();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !shipments.ofOrder(orderId).isEmpty());
            var s = shipments.ofOrder(orderId).getFirst();
            assertThat(shipments.scan(s.key(), jan).packed()).isTrue();
            keys.add(s.key());
            numbers.put(c.getKey(), dev.ichigen.fulfillment.FulfillmentFixtures.trackingRandom());
        }
        var export = labels.export("yamato-b2", dev.ichigen.fulfillment.ShipmentStatus.PACKED);
        assertThat(export.exportedKeys()).containsAll(keys);
        java.nio.charset.Charset sjis = java.nio.charset.Charset.forName("windows-31j");
        String header = new String(export.files().getFirst().content(), sjis).split("\r\n")[0];
        StringBuilder issued = new StringBuilder(header).append("\r\n");
        List<String> tracking = List.copyOf(numbers.values());
        for (int i = 0; i < keys.size(); i++) {
            String[] cells = new String[95];
            java.util.Arrays.fill(cells, "");
            cells[0] = keys.get(i);
            cells[3] = tracking.get(i);
            issued.append(String.join(",", cells)).append("\r\n");
        }
        var imported = labels.importTracking("yamato-b2", dev.ichigen.shared.csv.CsvSource.of(issued.toString().getBytes(sjis)));
        assertThat(imported.errors()).isEmpty();
        keys.forEach(shipments::ship);

        await(() -> shopify.order(onShopify.id()).orElseThrow().status().equals("fulfilled")
                && rakuten.order(onRakuten.id()).orElseThrow().status().equals("500"), "both stores show the orders shipped");
        assertThat(shopify.order(onShopify.id()).orElseThrow().shipments()).extracting(SandboxOrder.Shipment::trackingNumber)
                .containsExactly(numbers.get(sh));
        assertThat(rakuten.order(onRakuten.id()).orElseThrow().shipments()).extracting(SandboxOrder.Shipment::trackingNumber)
                .containsExactly(numbers.get(rk));
        assertThat(job(sh.id(), onShopify.id()).status()).isEqualTo(Status.DONE);
        assertThat(job(rk.id(), onRakuten.id()).status()).isEqualTo(Status.DONE);
    }

    // ------------------------------------------------------------------ helpers

    private void publish(ShipmentShipped event) {
        tx.executeWithoutResult(status -> events.publishEvent(event));
    }

    private ShipmentWriteBackJob job(long channelId, String channelOrderNumber) {
        List<ShipmentWriteBackJob> jobs = connections.shipmentWriteBacks(channelId, 100).stream()
                .filter(j -> j.channelOrderNumber().equals(channelOrderNumber)).toList();
        return jobs.isEmpty() ? new ShipmentWriteBackJob(0, channelId, channelOrderNumber, 0, null, List.of(), Status.PENDING, 0,
                null, null, null, null) : jobs.getFirst();
    }

    private static String tracking() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    private static String code() {
        return "WB" + UUID.randomUUID().toString().substring(0, 8);
    }
}
