package dev.ichigen.channel.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelCall;
import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelHealth;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.ConnectionTest;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.connector.Connectors;
import dev.ichigen.channel.connector.SalesChannelConnector.ShipmentNotice;
import dev.ichigen.channel.connector.SalesChannelConnector.StockPushResult;
import dev.ichigen.channel.connector.SalesChannelConnector.StockUpdate;
import dev.ichigen.channel.sandbox.AmazonSandbox;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

/**
 * The Amazon SP-API connector end to end against Amazon sandbox stores (real loopback HTTP servers speaking Orders v0,
 * Feeds 2021-06-30, Tokens 2021-03-01 and LWA): polling with NextToken paging, PII through the RDT, ORDER_CHANGE
 * relayed to the notification endpoint, stock by JSON_LISTINGS_FEED, confirmShipment, faults and credentials — through
 * the whole application.
 */
@IchigenIntegrationTest
class AmazonConnectorIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static AmazonSandbox store;

    @LocalServerPort
    int port;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelListings listings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    OrderManagement orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Connectors connectors;

    @Autowired
    AmazonConnector connector;

    @BeforeAll
    static void startSandbox() {
        store = fresh(41);
    }

    @AfterAll
    static void stopSandbox() {
        store.stop();
    }

    @BeforeEach
    void warehouse() {
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("AMZ-WH"))) {
            warehouses.create(new NewWarehouse("AMZ-WH", "Amazon テスト倉庫", 5, true));
        }
        store.faults().clear();
    }

    // ------------------------------------------------------------------ orders

    @Test
    void polledOrdersArePagedTakenInOnceWithPiiThroughTheRdtAndPendingOrdersWait() {
        Sku towel = product("TW");
        inventory.receive(towel, "AMZ-WH", 50, StockReference.NONE, null);
        AmazonSandbox s = fresh(42);
        connector.pageSize(2);
        try {
            SalesChannel channel = connect(s);
            s.seed(List.of(new SandboxListing(code(towel), "", "国産タオル 白", 2200, 10, 50, false, 0, 0, 0, null)));
            listings.map(channel.id(), code(towel), "", towel, null);
            List<SandboxOrder> placed = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                placed.add(s.placeOrder(List.of(new Pick(code(towel), 1))));
            }
            List<SandboxOrder> pending = placed.stream().filter(o -> o.status().equals("Pending")).toList();
            List<SandboxOrder> payable = placed.stream().filter(o -> !o.status().equals("Pending")).toList();
            assertThat(payable).isNotEmpty();

            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(payable.size());
            assertThat(s.callCount("getOrders")).isGreaterThanOrEqualTo(4); // 7 orders, pages of 2
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero(); // the overlap re-reads them: nothing new
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(payable.size());
            assertThat(s.callCount("createRestrictedDataToken")).isEqualTo(1); // cached for its hour, used by every getOrders

            for (SandboxOrder p : payable) {
                Order o = orders.find(channel.id(), p.id()).orElseThrow();
                assertThat(o.lines()).extracting(l -> l.sku()).containsExactly(towel);
                assertThat(o.destinations()).singleElement().satisfies(d -> {
                    assertThat(d.name()).isEqualTo(p.recipient().fullName());
                    assertThat(d.address().postalCode()).isEqualTo(p.recipient().postalCode());
                    assertThat(d.address().prefecture()).isEqualTo(p.recipient().prefecture());
                    assertThat(d.address().city()).isEqualTo(p.recipient().city());
                    assertThat(d.phone()).isEqualTo(p.recipient().phone());
                });
                assertThat(o.customer().name()).isEqualTo(p.buyer().fullName());
                assertThat(o.customer().email()).endsWith("@marketplace.amazon.co.jp");
                assertThat(o.charges().shippingFee()).isEqualTo(p.shippingFee());
                assertThat(o.charges().codFee()).isEqualTo(p.codFee());
                assertThat(o.openHolds()).extracting(h -> h.code()).doesNotContain("TOTAL_MISMATCH", "UNMAPPED_ITEM");
            }
            // Pending (convenience store, not paid): not taken in, nothing reserved; paid → taken in by the next poll
            for (SandboxOrder p : pending) {
                assertThat(orders.find(channel.id(), p.id())).isEmpty();
            }
            if (!pending.isEmpty()) {
                s.pay(pending.get(0).id());
                assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
                assertThat(orders.find(channel.id(), pending.get(0).id())).isPresent();
            }
        } finally {
            connector.pageSize(AmazonConnector.MAX_PAGE_SIZE);
            s.stop();
        }
    }

    @Test
    void anUnknownSkuIsTakenInWithAnUnmappedHoldAndACancellationReleasesTheOrder() throws Exception {
        AmazonSandbox s = fresh(43);
        try {
            SalesChannel channel = connect(s);
            String unlisted = "NOT-LISTED-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(unlisted, "", "未連携の商品", 1000, 5)));
            SandboxOrder placed = placePayable(s, unlisted);
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
            Order order = orders.find(channel.id(), placed.id()).orElseThrow();
            assertThat(order.openHolds()).extracting(h -> h.code()).contains("UNMAPPED_ITEM");
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);

            HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/_sandbox/orders/"
                    + placed.id() + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).isLessThan(300);
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
            assertThat(orders.find(channel.id(), placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        } finally {
            s.stop();
        }
    }

    @Test
    void orderChangeNotificationsFetchTheOrderAtOnceAndBadSignaturesAreRefused() throws Exception {
        AmazonSandbox s = fresh(44);
        try {
            SalesChannel channel = connect(s);
            String item = "NOTIFY-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(item, "", "通知テスト", 1500, 20)));
            s.notificationUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/amazon/" + channel.id());
            SandboxOrder placed = placePayable(s, item);
            await(() -> orders.find(channel.id(), placed.id()).isPresent(), "order taken in from ORDER_CHANGE");
            assertThat(s.callCount("getOrder")).isPositive();

            // unsigned / wrongly signed: 401, nothing stored, visible in the call log
            byte[] body = ("{\"NotificationType\":\"ORDER_CHANGE\",\"Payload\":{\"OrderChangeNotification\":{\"SellerId\":\""
                    + s.credentials().get("sellerId") + "\",\"AmazonOrderId\":\"503-0000000-0000001\"}},"
                    + "\"NotificationMetadata\":{\"NotificationId\":\"" + UUID.randomUUID() + "\"}}").getBytes(StandardCharsets.UTF_8);
            assertThat(post(channel.id(), body, null)).isEqualTo(401);
            assertThat(post(channel.id(), body, Base64.getEncoder().encodeToString("wrong".getBytes()))).isEqualTo(401);
            assertThat(connections.calls(channel.id(), 20)).anyMatch(c -> c.operation().equals("notification")
                    && c.cause() == FailureCause.BAD_CREDENTIALS);
            // signed, order unknown to Amazon: skipped; the same NotificationId again: duplicate
            String signature = s.sign(body);
            assertThat(post(channel.id(), body, signature)).isEqualTo(200);
            assertThat(postBody(channel.id(), body, signature)).contains("duplicate");
            // malformed JSON (signed) → 400
            byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
            assertThat(post(channel.id(), garbage, s.sign(garbage))).isEqualTo(400);
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(1);
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ stock

    @Test
    void anOrderReservingStockReachesTheStoreWithinSecondsByJsonListingsFeed() {
        Sku sku = product("ST");
        inventory.receive(sku, "AMZ-WH", 7, StockReference.NONE, null);
        SalesChannel channel = connect(store);
        list(channel, store, sku, 7);
        await(() -> store.stock(code(sku), "").orElseThrow() == 7, "store shows 7");

        long started = System.nanoTime();
        inventory.reserve("TEST-" + UUID.randomUUID(), "1", sku, 3, null);
        await(() -> store.stock(code(sku), "").orElseThrow() == 4, "store shows 4");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        await(() -> connections.stockSyncStatus(channel.id(), 100).stream()
                .anyMatch(st -> st.sku().equals(sku.value()) && Long.valueOf(4).equals(st.lastPushedQuantity()) && !st.pending()),
                "status shows 4 pushed");
        assertThat(store.callCount("createFeed")).isPositive();
        assertThat(store.callCount("getFeed")).isPositive();
    }

    @Test
    void aMessageTheSchemaRefusesIsRejectedBeforeUploadAndAmazonRefusalsFailAlone() {
        AmazonSandbox s = fresh(45);
        try {
            SalesChannel channel = channels.register(new NewChannel(Platform.AMAZON, channelCode(), "Amazon feed", s.credentials()));
            s.seed(List.of(SandboxListing.of("FEED-A", "", "A", 100, 0), SandboxListing.of("FEED-B", "", "B", 100, 0)));
            Connectors.Bound bound = connectors.bind(channel.id());
            // only a bad SKU: refused by the schema before anything is uploaded
            List<StockPushResult> bad = bound.connector().pushStock(bound.context(), List.of(
                    new StockUpdate("X", "", "", null, 1), new StockUpdate("Y", "S".repeat(41), "", null, 1)));
            assertThat(bad).extracting(StockPushResult::ok).containsExactly(false, false);
            assertThat(bad).extracting(StockPushResult::cause).containsOnly(FailureCause.REJECTED);
            assertThat(bad.get(0).error()).contains("schema");
            assertThat(s.callCount("createFeedDocument")).isZero();
            assertThat(s.callCount("createFeed")).isZero();

            // good ones go out in one feed; a SKU Amazon does not know fails alone from the processing report
            List<StockPushResult> mixed = bound.connector().pushStock(bound.context(), List.of(
                    new StockUpdate("A", "FEED-A", "", null, 5), new StockUpdate("Z", "UNKNOWN-SKU", "", null, 2),
                    new StockUpdate("B", "FEED-B", "", null, -3), new StockUpdate("X", "", "", null, 1)));
            assertThat(mixed).extracting(StockPushResult::ok).containsExactly(true, false, true, false);
            assertThat(mixed.get(1).error()).contains("SKU-NOT-FOUND");
            assertThat(s.callCount("createFeed")).isEqualTo(1);
            assertThat(s.stock("FEED-A", "")).contains(5);
            assertThat(s.stock("FEED-B", "")).contains(0); // never a negative quantity
        } finally {
            s.stop();
        }
    }

    @Test
    void rateLimitsServerErrorsAndMalformedAnswersAreRetriedWithNothingLostOrDuplicated() {
        Sku sku = product("RL");
        inventory.receive(sku, "AMZ-WH", 20, StockReference.NONE, null);
        AmazonSandbox s = fresh(46);
        try {
            SalesChannel channel = connect(s);
            list(channel, s, sku, 99); // the store shows 99 until ichigen's 20 arrive
            await(() -> s.stock(code(sku), "").orElseThrow() == 20, "store shows 20");
            s.faults().add("GET /orders/v0/orders$", SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
            s.faults().add("GET /orders/v0/orders/.*/orderItems", SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);
            s.faults().add("GET /orders/v0/orders/.*/orderItems", SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);

            SandboxOrder placed = placePayable(s, code(sku));
            var run = connections.importOrdersNow(channel.id());
            assertThat(run.ok()).as("import: %s", run).isTrue();
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero();
            assertThat(count("sales_order where channel_id = " + channel.id() + " and channel_order_number = '" + placed.id() + "'"))
                    .isEqualTo(1);
            assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("getOrderItems"))
                    .extracting(ChannelCall::outcome).contains("RETRY", "OK").doesNotContain("FAILED");
            assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("getOrders"))
                    .extracting(ChannelCall::cause).contains(FailureCause.RATE_LIMITED);

            s.faults().add("POST /feeds/2021-06-30/feeds", SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
            s.faults().add("POST /feeds/2021-06-30/documents", SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);
            inventory.adjust(sku, "AMZ-WH", -1, "破損"); // 20 − 1 reserved − 1 = 18
            await(() -> s.stock(code(sku), "").orElseThrow() == 18, "store shows 18");
            await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                    "outbox rows delivered");
            assertThat(connections.calls(channel.id(), 80)).filteredOn(c -> c.operation().startsWith("createFeed"))
                    .extracting(ChannelCall::cause).contains(FailureCause.RATE_LIMITED, FailureCause.SERVER_ERROR);
        } finally {
            s.stop();
        }
    }

    @Test
    void aMalformedAnswerOutlastingTheRetriesShowsInHealthAndTheNextPollTakesTheOrder() {
        AmazonSandbox s = fresh(47);
        try {
            SalesChannel channel = connect(s);
            String item = "MAL-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(item, "", "テスト", 1000, 5)));
            SandboxOrder placed = placePayable(s, item);
            s.faults().add("GET /orders/v0/orders/.*/orderItems", SandboxFaults.Kind.MALFORMED, 4, 0, 1, 0, 0);
            var failed = connections.importOrdersNow(channel.id());
            assertThat(failed.ok()).isFalse();
            assertThat(failed.cause()).isEqualTo(FailureCause.MALFORMED_RESPONSE);
            ChannelHealth h = connections.health(channel.id());
            assertThat(h.failing()).isTrue();
            assertThat(h.lastFailureCause()).isEqualTo(FailureCause.MALFORMED_RESPONSE);
            assertThat(orders.find(channel.id(), placed.id())).isEmpty();

            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
            assertThat(orders.find(channel.id(), placed.id())).isPresent();
            assertThat(connections.health(channel.id()).failing()).isFalse();
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ shipment

    @Test
    void confirmShipmentSendsCarrierTrackingAndItemsOnceAndRefusesCancelledOrders() throws Exception {
        AmazonSandbox s = fresh(48);
        try {
            SalesChannel channel = connect(s);
            String item = "SHIP-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(item, "", "出荷テスト", 1200, 10)));
            SandboxOrder placed = placePayable(s, item);
            Connectors.Bound bound = connectors.bind(channel.id());
            ShipmentNotice notice = new ShipmentNotice(placed.id(), "yamato", List.of("123456789016", "123456789020"),
                    LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")));
            bound.connector().pushShipment(bound.context(), notice);
            SandboxOrder shipped = s.order(placed.id()).orElseThrow();
            assertThat(shipped.status()).isEqualTo("Shipped");
            assertThat(shipped.shipments()).singleElement().satisfies(sh -> {
                assertThat(sh.carrier()).isEqualTo("Yamato Transport");
                assertThat(sh.trackingNumber()).isEqualTo("123456789016");
                assertThat(sh.quantities().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(placed.units());
            });
            long confirmations = s.callCount("confirmShipment");
            bound.connector().pushShipment(bound.context(), notice); // a retry after a lost answer: nothing new
            assertThat(s.callCount("confirmShipment")).isEqualTo(confirmations);

            SandboxOrder other = placePayable(s, item);
            HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/_sandbox/orders/" + other.id() + "/cancel"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            try {
                bound.connector().pushShipment(bound.context(), new ShipmentNotice(other.id(), "sagawa", List.of("1"), null));
                throw new AssertionError("a cancelled order must be refused");
            } catch (dev.ichigen.channel.connector.ConnectorException e) {
                assertThat(e.failureCause()).isEqualTo(FailureCause.REJECTED);
                assertThat(e.getMessage()).contains("Canceled");
            }
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ credentials

    @Test
    void badCredentialsShowAsBadCredentialsAndAnExpiredAccessTokenIsRenewed() {
        Map<String, String> wrong = new LinkedHashMap<>(store.credentials());
        wrong.put("refreshToken", "Atzr|wrong-" + UUID.randomUUID());
        SalesChannel channel = channels.register(new NewChannel(Platform.AMAZON, channelCode(), "Amazon 誤り", wrong));
        ConnectionTest test = connections.testConnection(channel.id());
        assertThat(test.ok()).isFalse();
        assertThat(test.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        ChannelHealth health = connections.health(channel.id());
        assertThat(health.failing()).isTrue();
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.BAD_CREDENTIALS);

        Map<String, String> wrongSecret = new LinkedHashMap<>(store.credentials());
        wrongSecret.put("clientSecret", "wrong-" + UUID.randomUUID());
        SalesChannel other = channels.register(new NewChannel(Platform.AMAZON, channelCode(), "Amazon 誤り2", wrongSecret));
        assertThat(connections.testConnection(other.id()).cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);

        SalesChannel good = connect(store);
        assertThat(connections.testConnection(good.id()).ok()).isTrue();
        long tokens = store.callCount("lwa.token");
        store.expireAccessTokens(); // the cached token now answers 403 "expired": one fresh token, the call goes on
        assertThat(connections.testConnection(good.id()).ok()).isTrue();
        assertThat(store.callCount("lwa.token")).isEqualTo(tokens + 1);
        Api.Response calls = Api.admin(port).get("/api/v1/channels/" + channel.id() + "/calls");
        assertThat(calls.text()).doesNotContain(wrong.get("refreshToken")).doesNotContain(wrong.get("clientSecret"));
        Api.Response shown = Api.admin(port).get("/api/v1/channels/" + good.id());
        assertThat(shown.text()).doesNotContain(store.credentials().get("clientSecret"))
                .doesNotContain(store.credentials().get("notificationSecret"));
    }

    @Test
    void anAmazonChannelIsCreatedThroughTheApiAndPassesTheConnectionTest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "amazon");
        body.put("code", channelCode());
        body.put("name", "Amazon API 登録");
        body.put("credentials", store.credentials());
        Api.Response created = Api.admin(port).post("/api/v1/channels", body);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Api.Response test = Api.admin(port).post("/api/v1/channels/" + id + "/connection-test", Map.of());
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("ok").asBoolean()).isTrue();
        assertThat(created.text()).doesNotContain(store.credentials().get("clientSecret"));
    }

    // ------------------------------------------------------------------ helpers

    private static AmazonSandbox fresh(long seed) {
        return (AmazonSandbox) new AmazonSandbox("127.0.0.1", 0, Clock.systemUTC(), seed, "A" + seed + "SELLER" + SEQ.incrementAndGet(),
                "amzn1.application-oa2-client." + UUID.randomUUID(), "secret-" + UUID.randomUUID(),
                "Atzr|refresh-" + UUID.randomUUID()).start();
    }

    /** Places an order and pays it when the sandbox made it a Pending (convenience store) one. */
    private static SandboxOrder placePayable(AmazonSandbox s, String code) {
        SandboxOrder o = s.placeOrder(List.of(new Pick(code, 1)));
        if (o.status().equals("Pending")) {
            s.pay(o.id());
        }
        return o;
    }

    private int post(long channelId, byte[] body, String signature) throws Exception {
        return send(channelId, body, signature).statusCode();
    }

    private String postBody(long channelId, byte[] body, String signature) throws Exception {
        return send(channelId, body, signature).body();
    }

    private HttpResponse<String> send(long channelId, byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/amazon/" + channelId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Ichigen-Signature", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private SalesChannel connect(AmazonSandbox s) {
        return channels.register(new NewChannel(Platform.AMAZON, channelCode(), "Amazon テスト店", s.credentials()));
    }

    private void list(SalesChannel channel, AmazonSandbox s, Sku sku, int quantity) {
        s.seed(List.of(SandboxListing.of(code(sku), "", "テスト商品 " + sku, 1100, quantity)));
        listings.map(channel.id(), code(sku), "", sku, null);
        publishable.refreshChannel(channel.id(), true);
    }

    private static String code(Sku sku) {
        return sku.value();
    }

    /** A SIMPLE product at ¥1,000 with a unique SKU starting with the platform's prefix. */
    private Sku product(String prefix) {
        return Sku.of(new SalesFixtures(jdbc).product("AMZ-" + prefix));
    }

    private static String channelCode() {
        return "amazon-t" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
