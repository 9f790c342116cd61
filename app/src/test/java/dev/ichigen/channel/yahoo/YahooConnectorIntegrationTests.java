package dev.ichigen.channel.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import dev.ichigen.channel.connector.SalesChannelConnector.StockPushResult;
import dev.ichigen.channel.connector.SalesChannelConnector.StockUpdate;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.YahooSandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

/**
 * The Yahoo!ショッピング connector end to end against Yahoo! sandbox stores (real loopback HTTP servers speaking the
 * orderList/orderInfo/setStock shapes and the Yahoo! ID 連携 token endpoint): polling, mapping, stock by setStock,
 * faults and credentials — through the whole application.
 */
@IchigenIntegrationTest
class YahooConnectorIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();
    static YahooSandbox store;

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

    @BeforeAll
    static void startSandbox() {
        store = fresh(31);
    }

    @AfterAll
    static void stopSandbox() {
        store.stop();
    }

    @BeforeEach
    void warehouse() {
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("YAHOO-WH"))) {
            warehouses.create(new NewWarehouse("YAHOO-WH", "Yahoo テスト倉庫", 5, true));
        }
        store.faults().clear();
    }

    // ------------------------------------------------------------------ orders

    @Test
    void polledOrdersAreTakenInOnceWithOrdererRecipientTaxRatesPointsAndFees() {
        Sku towel = product("TW");
        Sku coffee = product("CF");
        inventory.receive(towel, "YAHOO-WH", 20, StockReference.NONE, null);
        inventory.receive(coffee, "YAHOO-WH", 20, StockReference.NONE, null);
        YahooSandbox s = fresh(32);
        try {
            SalesChannel channel = connect(s);
            String towelCode = code(towel);
            s.seed(List.of(new SandboxListing(towelCode, "white", "国産タオル 白", 2200, 10, 20, false, 0, 0, 0, null),
                    new SandboxListing(code(coffee), "", "ドリップコーヒー", 1040, 8, 20, false, 0, 0, 0, null)));
            listings.map(channel.id(), towelCode, "white", towel, null);
            listings.map(channel.id(), code(coffee), "", coffee, null);

            List<SandboxOrder> placed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                placed.add(s.placeOrder(List.of(new Pick(towelCode + ":white", 1), new Pick(code(coffee), 1))));
            }
            assertThat(placed).doesNotContainNull();
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(6);
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero(); // the overlap re-reads them: nothing new
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(6);
            assertThat(s.callCount("orderInfo")).isEqualTo(12); // one order a call, each poll

            for (SandboxOrder p : placed) {
                Order o = orders.find(channel.id(), p.id()).orElseThrow();
                assertThat(o.lines()).extracting(l -> l.sku()).containsExactly(towel, coffee);
                assertThat(o.lines()).extracting(l -> l.taxRate()).containsExactly(TaxRate.STANDARD_10, TaxRate.REDUCED_8);
                assertThat(o.destinations()).singleElement().satisfies(d -> {
                    assertThat(d.name()).isEqualTo(p.recipient().familyName() + " " + p.recipient().givenName());
                    assertThat(d.address().postalCode()).isEqualTo(p.recipient().postalCode());
                    assertThat(d.address().prefecture()).isEqualTo(p.recipient().prefecture());
                    assertThat(d.phone()).isNotBlank();
                    assertThat(d.phone().replace("-", "")).isEqualTo(p.recipient().phone().replace("-", ""));
                });
                assertThat(o.customer().name()).isEqualTo(p.buyer().familyName() + " " + p.buyer().givenName());
                assertThat(o.customer().email()).isEqualTo(p.buyer().email());
                assertThat(o.totals().pointsUsed()).isEqualTo(p.pointsUsed());
                assertThat(o.charges().shippingFee()).isEqualTo(p.shippingFee());
                assertThat(o.charges().codFee()).isEqualTo(p.codFee());
                // coupons, points, fees and wrapping add up to the store's own total: never a TOTAL_MISMATCH hold
                assertThat(o.openHolds()).extracting(h -> h.code()).doesNotContain("TOTAL_MISMATCH", "UNMAPPED_ITEM");
            }
        } finally {
            s.stop();
        }
    }

    @Test
    void anUnknownItemIsTakenInWithAnUnmappedHold() {
        YahooSandbox s = fresh(34);
        try {
            SalesChannel channel = connect(s);
            String unlisted = "not-listed-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(unlisted, "", "未連携の商品", 1000, 5)));
            SandboxOrder placed = s.placeOrder(List.of(new Pick(unlisted, 1)));
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
            Order order = orders.find(channel.id(), placed.id()).orElseThrow();
            assertThat(order.openHolds()).extracting(h -> h.code()).contains("UNMAPPED_ITEM");
            assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ stock

    @Test
    void anOrderReservingStockReachesTheStoreWithinSeconds() {
        Sku sku = product("ST");
        inventory.receive(sku, "YAHOO-WH", 7, StockReference.NONE, null);
        SalesChannel channel = connect(store);
        list(channel, store, sku, "red", 7);
        await(() -> store.stock(code(sku), "red").orElseThrow() == 7, "store shows 7");

        long started = System.nanoTime();
        inventory.reserve("TEST-" + UUID.randomUUID(), "1", sku, 3, null);
        await(() -> store.stock(code(sku), "red").orElseThrow() == 4, "store shows 4");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        await(() -> connections.stockSyncStatus(channel.id(), 100).stream()
                .anyMatch(st -> st.sku().equals(sku.value()) && Long.valueOf(4).equals(st.lastPushedQuantity()) && !st.pending()),
                "status shows 4 pushed");
    }

    @Test
    void a1050SkuPushGoesOutInTwoCallsOfAtMost1000() {
        YahooSandbox s = fresh(36);
        try {
            SalesChannel channel = channels.register(new NewChannel(Platform.YAHOO, channelCode(), "Yahoo 1050", s.credentials()));
            List<Sku> skus = new ArrayList<>();
            List<SandboxListing> seeded = new ArrayList<>();
            List<StockUpdate> updates = new ArrayList<>();
            for (int i = 0; i < 1050; i++) {
                String item = "bulk-" + SEQ.get() + "-" + i;
                Sku sku = Sku.of("YAH-BULK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT));
                skus.add(sku);
                seeded.add(SandboxListing.of(item, i % 2 == 0 ? "" : "s" + i, "テスト", 100, 0));
                updates.add(new StockUpdate(sku.value(), item, i % 2 == 0 ? "" : "s" + i, null, i % 7));
            }
            s.seed(seeded);
            Connectors.Bound bound = connectors.bind(channel.id());
            long before = s.callCount("setStock");
            List<StockPushResult> results = bound.connector().pushStock(bound.context(), updates);
            assertThat(results).hasSize(1050).allMatch(StockPushResult::ok);
            assertThat(s.callCount("setStock") - before).isEqualTo(2);
            for (int i = 0; i < 1050; i++) {
                assertThat(s.stock(updates.get(i).itemCode(), updates.get(i).subCode())).contains(i % 7);
            }
            // an item code Yahoo! cannot take fails alone; the rest goes out
            List<StockPushResult> mixed = bound.connector().pushStock(bound.context(), List.of(
                    new StockUpdate("X", "bad_code", "", null, 1), updates.get(0)));
            assertThat(mixed).extracting(StockPushResult::ok).containsExactly(false, true);
            assertThat(mixed.get(0).cause()).isEqualTo(FailureCause.REJECTED);
        } finally {
            s.stop();
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithNothingLostOrDuplicated() {
        Sku sku = product("RL");
        inventory.receive(sku, "YAHOO-WH", 20, StockReference.NONE, null);
        SalesChannel channel = connect(store);
        list(channel, store, sku, "", 99); // the store shows 99 until ichigen's 20 arrive
        await(() -> store.stock(code(sku), "").orElseThrow() == 20, "store shows 20");
        String orderInfo = "POST /ShoppingWebService/V1/orderInfo";
        store.faults().add(orderInfo, SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
        store.faults().add(orderInfo, SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);

        SandboxOrder placed = store.placeOrder(List.of(new Pick(code(sku), 2)));
        assertThat(connections.importOrdersNow(channel.id()).ok()).isTrue();
        assertThat(connections.importOrdersNow(channel.id()).taken()).isZero();
        assertThat(count("sales_order where channel_id = " + channel.id() + " and channel_order_number = '" + placed.id() + "'"))
                .isEqualTo(1);
        assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("orderInfo"))
                .extracting(ChannelCall::outcome).contains("RETRY", "OK").doesNotContain("FAILED");

        String setStock = "POST /ShoppingWebService/V1/setStock";
        store.faults().add(setStock, SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
        store.faults().add(setStock, SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);
        inventory.adjust(sku, "YAHOO-WH", -1, "破損"); // 20 − 2 reserved − 1 = 17
        await(() -> store.stock(code(sku), "").orElseThrow() == 17, "store shows 17");
        await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                "outbox rows delivered");
        assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("setStock"))
                .extracting(ChannelCall::cause).contains(FailureCause.RATE_LIMITED, FailureCause.SERVER_ERROR);
    }

    @Test
    void malformedXmlIsMalformedResponseInHealthAndTheNextPollTakesTheOrder() {
        YahooSandbox s = fresh(37);
        try {
            SalesChannel channel = connect(s);
            String item = "mal-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(item, "", "テスト", 1000, 5)));
            SandboxOrder placed = s.placeOrder(List.of(new Pick(item, 1)));
            s.faults().add("POST /ShoppingWebService/V1/orderInfo", SandboxFaults.Kind.MALFORMED, 4, 0, 1, 0, 0);
            var failed = connections.importOrdersNow(channel.id());
            assertThat(failed.ok()).isFalse();
            assertThat(failed.cause()).isEqualTo(FailureCause.MALFORMED_RESPONSE);
            ChannelHealth h = connections.health(channel.id());
            assertThat(h.failing()).isTrue();
            assertThat(h.lastFailureCause()).isEqualTo(FailureCause.MALFORMED_RESPONSE);
            assertThat(orders.find(channel.id(), placed.id())).isEmpty();

            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(1);
            assertThat(orders.find(channel.id(), placed.id())).isPresent();
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ shipment write-back

    @Test
    void shipmentWriteBackSetsShipStatusWithCompanyAndNumbersCompletesTheOrderOnceAndRefusesCancelledOnes() throws Exception {
        YahooSandbox s = fresh(38);
        try {
            SalesChannel channel = connect(s);
            String item = "ship-" + SEQ.incrementAndGet();
            s.seed(List.of(SandboxListing.of(item, "", "出荷テスト", 1000, 10)));
            SandboxOrder placed = s.placeOrder(List.of(new Pick(item, 2)));
            while (placed.payment() == SandboxOrder.Payment.BANK_TRANSFER || placed.payment() == SandboxOrder.Payment.CONVENIENCE_STORE) {
                placed = s.placeOrder(List.of(new Pick(item, 2))); // prepaid and unpaid: 出荷不可 until paid
            }
            String number = placed.id();
            Connectors.Bound bound = connectors.bind(channel.id());
            var notice = new dev.ichigen.channel.connector.SalesChannelConnector.ShipmentNotice(number, "yamato",
                    List.of("123456789016", "123456789020", "123456789031"), java.time.LocalDate.of(2026, 11, 23));
            bound.connector().pushShipment(bound.context(), notice);
            SandboxOrder shipped = s.order(number).orElseThrow();
            assertThat(shipped.shippedAt()).isNotNull();
            assertThat(shipped.status()).isEqualTo("5"); // 完了
            assertThat(shipped.shipments()).singleElement().satisfies(sh -> {
                assertThat(sh.carrier()).isEqualTo("1001");
                assertThat(sh.trackingNumber()).isEqualTo("123456789016");
                assertThat(sh.shippedOn()).isEqualTo(java.time.LocalDate.of(2026, 11, 23));
            });
            long changes = s.callCount("orderShipStatusChange");
            bound.connector().pushShipment(bound.context(), notice); // a retry after a lost answer: nothing new
            assertThat(s.callCount("orderShipStatusChange")).isEqualTo(changes);
            assertThat(s.callCount("orderStatusChange")).isEqualTo(1);

            SandboxOrder other = s.placeOrder(List.of(new Pick(item, 1)));
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    s.baseUrl() + "/_sandbox/orders/" + other.id() + "/cancel")).POST(java.net.http.HttpRequest.BodyPublishers
                    .noBody()).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            try {
                bound.connector().pushShipment(bound.context(), new dev.ichigen.channel.connector.SalesChannelConnector
                        .ShipmentNotice(other.id(), "sagawa", List.of("1"), null));
                throw new AssertionError("a cancelled order must be refused");
            } catch (dev.ichigen.channel.connector.ConnectorException e) {
                assertThat(e.failureCause()).isEqualTo(FailureCause.REJECTED);
                assertThat(e.getMessage()).contains("cancelled");
            }
            assertThat(YahooConnector.shipCompanyCode("sagawa")).isEqualTo("1002");
            assertThat(YahooConnector.shipCompanyCode("japanpost")).isEqualTo("1003");
            assertThat(YahooConnector.shipCompanyCode("seino")).isEqualTo("1000");
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ credentials

    @Test
    void badCredentialsShowAsBadCredentialsAndAnExpiredAccessTokenIsRenewed() {
        Map<String, String> wrong = new LinkedHashMap<>(store.credentials());
        wrong.put("refreshToken", "wrong-" + UUID.randomUUID());
        SalesChannel channel = channels.register(new NewChannel(Platform.YAHOO, channelCode(), "Yahoo 誤り", wrong));
        ConnectionTest test = connections.testConnection(channel.id());
        assertThat(test.ok()).isFalse();
        assertThat(test.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        ChannelHealth health = connections.health(channel.id());
        assertThat(health.failing()).isTrue();
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.BAD_CREDENTIALS);

        Map<String, String> wrongSecret = new LinkedHashMap<>(store.credentials());
        wrongSecret.put("clientSecret", "wrong-" + UUID.randomUUID());
        SalesChannel other = channels.register(new NewChannel(Platform.YAHOO, channelCode(), "Yahoo 誤り2", wrongSecret));
        assertThat(connections.testConnection(other.id()).cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);

        SalesChannel good = connect(store);
        assertThat(connections.testConnection(good.id()).ok()).isTrue();
        store.expireAccessTokens(); // the cached token now answers 401 "expired token": one fresh token, call goes on
        assertThat(connections.testConnection(good.id()).ok()).isTrue();
        Api.Response calls = Api.admin(port).get("/api/v1/channels/" + channel.id() + "/calls");
        assertThat(calls.text()).doesNotContain(wrong.get("refreshToken")).doesNotContain(wrong.get("clientSecret"));
    }

    // ------------------------------------------------------------------ helpers

    private static YahooSandbox fresh(long seed) {
        return (YahooSandbox) new YahooSandbox("127.0.0.1", 0, Clock.systemUTC(), seed, "seller" + seed + "-" + SEQ.incrementAndGet(),
                "client-" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), "refresh-" + UUID.randomUUID()).start();
    }

    private SalesChannel connect(YahooSandbox s) {
        return channels.register(new NewChannel(Platform.YAHOO, channelCode(), "Yahoo テスト店", s.credentials()));
    }

    private void list(SalesChannel channel, YahooSandbox s, Sku sku, String sub, int quantity) {
        s.seed(List.of(SandboxListing.of(code(sku), sub, "テスト商品 " + sku, 1100, quantity)));
        listings.map(channel.id(), code(sku), sub, sku, null);
        publishable.refreshChannel(channel.id(), true);
    }

    private static String code(Sku sku) {
        return sku.value().toLowerCase(Locale.ROOT);
    }

    /** A SIMPLE product at ¥1,000 with a unique SKU starting with the platform's prefix. */
    private Sku product(String prefix) {
        return Sku.of(new SalesFixtures(jdbc).product("YAH-" + prefix));
    }

    private static String channelCode() {
        return "yahoo-t" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
