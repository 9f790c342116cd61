package dev.ichigen.channel.rakuten;

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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
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
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.AllocationState;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

/**
 * The Rakuten connector end to end against Rakuten sandbox shops (real loopback HTTP servers speaking RMS's shapes):
 * searchOrder/getOrder polling, -9999 amounts, stock by bulk-upsert, faults, credentials and the license key's expiry —
 * through the whole application.
 */
@IchigenIntegrationTest
class RakutenConnectorIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static RakutenSandbox shop;

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
        shop = fresh(21);
    }

    @AfterAll
    static void stopSandbox() {
        shop.stop();
    }

    @BeforeEach
    void warehouse() {
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("RAKUTEN-WH"))) {
            warehouses.create(new NewWarehouse("RAKUTEN-WH", "楽天 テスト倉庫", 5, true));
        }
        shop.faults().clear();
    }

    // ------------------------------------------------------------------ orders

    @Test
    void polledOrdersAreTakenInOnceWithJapaneseAddressesTaxRatesAndPoints() {
        Sku towel = product("TW");
        Sku coffee = product("CF");
        inventory.receive(towel, "RAKUTEN-WH", 20, StockReference.NONE, null);
        inventory.receive(coffee, "RAKUTEN-WH", 20, StockReference.NONE, null);
        RakutenSandbox s = fresh(22);
        try {
            SalesChannel channel = connect(s);
            String towelCode = code(towel);
            s.seed(List.of(new SandboxListing(towelCode, "white", "国産タオル 白", 2200, 10, 20, false, 0, 0, 0, null),
                    new SandboxListing(code(coffee), "", "ドリップコーヒー", 1040, 8, 20, false, 0, 0, 0, null)));
            listings.map(channel.id(), towelCode, "white", towel, null);
            listings.map(channel.id(), code(coffee), "", coffee, null);

            List<SandboxOrder> placed = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                placed.add(s.placeOrder(List.of(new Pick(towelCode + ":white", 1), new Pick(code(coffee), 1))));
            }
            assertThat(placed).doesNotContainNull();
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(12);
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero(); // the overlap re-reads them: nothing new
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(12);

            for (SandboxOrder p : placed) {
                Order o = orders.find(channel.id(), p.id()).orElseThrow();
                assertThat(o.lines()).extracting(l -> l.sku()).containsExactly(towel, coffee);
                assertThat(o.lines()).extracting(l -> l.taxRate()).containsExactly(TaxRate.STANDARD_10, TaxRate.REDUCED_8);
                assertThat(o.destinations()).singleElement().satisfies(d -> {
                    assertThat(d.name()).isEqualTo(p.recipient().familyName() + " " + p.recipient().givenName());
                    assertThat(d.address().postalCode()).isEqualTo(p.recipient().postalCode());
                    assertThat(d.address().prefecture()).isEqualTo(p.recipient().prefecture());
                    assertThat(d.phone()).isEqualTo(String.join("-", p.recipient().phoneParts()));
                });
                assertThat(o.customer().name()).isEqualTo(p.buyer().familyName() + " " + p.buyer().givenName());
                assertThat(o.totals().pointsUsed()).isEqualTo(p.pointsUsed());
                // coupons, points, fees and wrapping add up to the mall's own total: never a TOTAL_MISMATCH hold
                assertThat(o.openHolds()).extracting(h -> h.code()).doesNotContain("TOTAL_MISMATCH", "UNMAPPED_ITEM");
            }
        } finally {
            s.stop();
        }
    }

    @Test
    void moreThan100OrdersAreReadIn100sAndTheCursorCatchesUpAfterDowntime() {
        Sku sku = product("CU"); // no stock: the orders wait as backorders instead of crowding 出荷待ち
        RakutenSandbox s = fresh(23);
        try {
            SalesChannel channel = connect(s);
            publishable.setChannelPolicy(channel.id(), new dev.ichigen.inventory.PublishPolicy(false, 0, null, 100, null));
            s.seed(List.of(SandboxListing.of(code(sku), "", "テスト", 500, 500)));
            listings.map(channel.id(), code(sku), "", sku, null);
            assertThat(connections.importOrdersNow(channel.id()).ok()).isTrue();

            // RMS is down for longer than the retries last: the run fails, the cause shows, nothing is skipped
            s.faults().add("POST /es/2\\.0/order/searchOrder/?", SandboxFaults.Kind.UNAVAILABLE, 4, 0, 1, 0, 0);
            for (int i = 0; i < 130; i++) {
                assertThat(s.placeOrder(List.of(new Pick(code(sku), 1)))).isNotNull();
            }
            var failed = connections.importOrdersNow(channel.id());
            assertThat(failed.ok()).isFalse();
            assertThat(failed.cause()).isEqualTo(FailureCause.SERVER_ERROR);
            assertThat(connections.health(channel.id()).failing()).isTrue();

            long getOrders = s.callCount("getOrder");
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(130);
            assertThat(s.callCount("getOrder") - getOrders).isEqualTo(2); // ≤ 100 numbers a call
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(130);
            assertThat(connections.health(channel.id()).failing()).isFalse();
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero();
        } finally {
            s.stop();
        }
    }

    @Test
    void anUnknownItemIsTakenInWithAnUnmappedHold() {
        RakutenSandbox s = fresh(24);
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

    @Test
    void amountsNotFixedHoldTheOrderUntilRmsFixesThem() throws Exception {
        Sku sku = product("IS");
        inventory.receive(sku, "RAKUTEN-WH", 500, StockReference.NONE, null);
        RakutenSandbox s = fresh(25);
        try {
            SalesChannel channel = connect(s);
            s.seed(List.of(SandboxListing.of(code(sku), "", "テスト", 1000, 500)));
            listings.map(channel.id(), code(sku), "", sku, null);
            SandboxOrder island = null;
            for (int i = 0; i < 400 && island == null; i++) { // the sandbox sends some buyers to remote islands (離島)
                SandboxOrder o = s.placeOrder(List.of(new Pick(code(sku), 1)));
                if (o.recipient().remoteIsland()) {
                    island = o;
                }
            }
            assertThat(island).as("an order to a remote island").isNotNull();
            connections.importOrdersNow(channel.id());
            Order held = orders.find(channel.id(), island.id()).orElseThrow();
            assertThat(held.openHolds()).extracting(h -> h.code()).contains(AmountNotFixedCheck.CODE)
                    .doesNotContain("TOTAL_MISMATCH");
            assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
            assertThat(held.charges().shippingFee()).isZero(); // -9999 never summed
            assertThat(held.allocation().state()).isEqualTo(AllocationState.ALLOCATED); // its stock is reserved

            // the shop confirms the order in RMS: postage fixed; the next poll re-reads the waiting order
            HttpResponse<String> confirm = rms(s, "/es/2.0/order/confirmOrder/", "{\"orderNumberList\":[\"" + island.id() + "\"]}");
            assertThat(confirm.statusCode()).isEqualTo(200);
            connections.importOrdersNow(channel.id());
            Order fixed = orders.find(channel.id(), island.id()).orElseThrow();
            assertThat(fixed.openHolds()).extracting(h -> h.code()).doesNotContain(AmountNotFixedCheck.CODE, "TOTAL_MISMATCH");
            assertThat(fixed.charges().shippingFee()).isEqualTo(island.shippingFee());
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ stock

    @Test
    void anOrderReservingStockReachesTheShopWithinSeconds() {
        Sku sku = product("ST");
        inventory.receive(sku, "RAKUTEN-WH", 7, StockReference.NONE, null);
        SalesChannel channel = connect(shop);
        list(channel, shop, sku, "red", 7);

        long started = System.nanoTime();
        inventory.reserve("TEST-" + UUID.randomUUID(), "1", sku, 3, null);
        await(() -> shop.stock(code(sku), "red").orElseThrow() == 4, "shop shows 4");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        await(() -> connections.stockSyncStatus(channel.id(), 100).stream()
                .anyMatch(st -> st.sku().equals(sku.value()) && Long.valueOf(4).equals(st.lastPushedQuantity()) && !st.pending()),
                "status shows 4 pushed");
    }

    @Test
    void fourHundredFiftySkusGoOutInTwoCallsOfAtMost400() {
        RakutenSandbox s = fresh(26);
        try {
            // no credentials yet: the outbox rows wait, then one pass pushes all of them
            SalesChannel channel = channels.register(new NewChannel(Platform.RAKUTEN, channelCode(), "楽天 450", Map.of()));
            List<Sku> skus = new ArrayList<>();
            List<SandboxListing> seeded = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                Sku sku = product("B" + i);
                skus.add(sku);
                seeded.add(SandboxListing.of(code(sku), "", "テスト", 100, 0));
            }
            s.seed(seeded);
            for (Sku sku : skus) {
                inventory.receive(sku, "RAKUTEN-WH", 3, StockReference.NONE, null);
                listings.map(channel.id(), code(sku), "", sku, null);
            }
            publishable.refreshChannel(channel.id(), true);
            long before = okUpserts(s);
            channels.replaceCredentials(channel.id(), s.credentials());
            connections.syncStockNow();
            await(() -> skus.stream().allMatch(k -> s.stock(code(k), "").orElseThrow() == 3), "450 SKUs show 3", 30);
            await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                    "outbox rows delivered", 30);
            // the stock sync claims outbox rows in passes of 1000 (several rows per SKU here), each pass in calls of ≤ 400
            assertThat(okUpserts(s) - before).isGreaterThanOrEqualTo(2);

            // the connector itself, handed 450 updates at once: exactly 2 calls (400 + 50), at most 1 a second
            Connectors.Bound bound = connectors.bind(channel.id());
            List<StockUpdate> updates = skus.stream().map(k -> new StockUpdate(k.value(), code(k), "", null, 5)).toList();
            long written = okUpserts(s);
            long all = s.callCount("inventories.bulk-upsert");
            long started = System.nanoTime();
            assertThat(bound.connector().pushStock(bound.context(), updates)).hasSize(450).allMatch(StockPushResult::ok);
            assertThat(okUpserts(s) - written).isEqualTo(2);
            // a 429 (network jitter around RMS's 1 s) is retried; the limiter keeps them rare
            assertThat(s.callCount("inventories.bulk-upsert") - all).isLessThanOrEqualTo(3);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            assertThat(skus).allSatisfy(k -> assertThat(s.stock(code(k), "")).contains(5));
        } finally {
            s.stop();
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithNothingLostOrDuplicated() {
        Sku sku = product("RL");
        inventory.receive(sku, "RAKUTEN-WH", 20, StockReference.NONE, null);
        SalesChannel channel = connect(shop);
        list(channel, shop, sku, "", 99); // the shop shows 99 until ichigen's 20 arrive
        await(() -> shop.stock(code(sku), "").orElseThrow() == 20, "shop shows 20");
        String getOrder = "POST /es/2\\.0/order/getOrder/?";
        shop.faults().add(getOrder, SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
        shop.faults().add(getOrder, SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);

        SandboxOrder placed = shop.placeOrder(List.of(new Pick(code(sku), 2)));
        assertThat(connections.importOrdersNow(channel.id()).ok()).isTrue();
        assertThat(connections.importOrdersNow(channel.id()).taken()).isZero();
        assertThat(count("sales_order where channel_id = " + channel.id() + " and channel_order_number = '" + placed.id() + "'"))
                .isEqualTo(1);
        assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("getOrder"))
                .extracting(ChannelCall::outcome).contains("RETRY", "OK").doesNotContain("FAILED");

        String upsert = "POST /es/2\\.0/inventories/bulk-upsert";
        shop.faults().add(upsert, SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
        shop.faults().add(upsert, SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);
        inventory.adjust(sku, "RAKUTEN-WH", -1, "破損"); // 20 − 2 reserved − 1 = 17
        await(() -> shop.stock(code(sku), "").orElseThrow() == 17, "shop shows 17");
        await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                "outbox rows delivered");
        assertThat(connections.calls(channel.id(), 50)).filteredOn(c -> c.operation().equals("inventories.bulk-upsert"))
                .extracting(ChannelCall::cause).contains(FailureCause.RATE_LIMITED, FailureCause.SERVER_ERROR);
    }

    // ------------------------------------------------------------------ credentials and the license key

    @Test
    void badCredentialsShowAsBadCredentials() {
        Map<String, String> wrong = new LinkedHashMap<>(shop.credentials());
        wrong.put("licenseKey", "SL_wrong_" + UUID.randomUUID());
        SalesChannel channel = channels.register(new NewChannel(Platform.RAKUTEN, channelCode(), "楽天 誤り", wrong));
        ConnectionTest test = connections.testConnection(channel.id());
        assertThat(test.ok()).isFalse();
        assertThat(test.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        ChannelHealth health = connections.health(channel.id());
        assertThat(health.failing()).isTrue();
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        assertThat(connections.testConnection(connect(shop).id()).ok()).isTrue();
        Api.Response calls = Api.admin(port).get("/api/v1/channels/" + channel.id() + "/calls");
        assertThat(calls.text()).doesNotContain(wrong.get("licenseKey")).doesNotContain(wrong.get("serviceSecret"));
    }

    @Test
    void theLicenseKeyExpiryIsWarned14DaysAheadAndAnExpiredKeyIsBadCredentials() {
        LocalDate today = LocalDate.now(TOKYO);
        SalesChannel soon = connect(shop, today.plusDays(10));
        SalesChannel later = connect(shop, today.plusDays(60));
        assertThat(connections.health(soon.id()).credentialsExpiring()).isTrue();
        assertThat(connections.health(soon.id()).credentialsExpireOn()).isEqualTo(today.plusDays(10));
        assertThat(connections.health(later.id()).credentialsExpiring()).isFalse();
        assertThat(connections.expiring()).extracting(ChannelHealth::channelId).contains(soon.id()).doesNotContain(later.id());
        Api.Response overApi = Api.admin(port).get("/api/v1/channels/" + soon.id() + "/health");
        assertThat(overApi.json().get("credentialsExpiring").asBoolean()).isTrue();

        RakutenSandbox s = fresh(27);
        try {
            s.licenseKeyExpiresOn(today.minusDays(1)); // RMS refuses the key from the day after
            SalesChannel expired = connect(s, today.minusDays(1));
            ConnectionTest test = connections.testConnection(expired.id());
            assertThat(test.ok()).isFalse();
            assertThat(test.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
            assertThat(test.message()).contains("license key expired on " + today.minusDays(1));
            ChannelHealth h = connections.health(expired.id());
            assertThat(h.lastFailureCause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
            assertThat(h.lastFailureError()).contains("expired");
            assertThat(h.credentialsExpiring()).isTrue();
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void ordersForTheLastUnitsOnRakutenAndShopifyAllocateExactlyWhatIsThereAndBothStoresShowTheRest() {
        Sku sku = product("E2E");
        inventory.receive(sku, "RAKUTEN-WH", 3, StockReference.NONE, null);
        ShopifySandbox shopify = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 28,
                "rakuten-e2e.myshopify.com", "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), 4004L).start();
        try {
            SalesChannel r = connect(shop);
            list(r, shop, sku, "", 3);
            SalesChannel sh = channels.register(new NewChannel(Platform.SHOPIFY, channelCode(), "Shopify E2E", shopify.credentials()));
            shopify.webhookUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + sh.id());
            shopify.seed(List.of(SandboxListing.of(sku.value(), "", "テスト商品", 1100, 3)));
            listings.map(sh.id(), sku.value(), "", sku, String.valueOf(shopify.listing(sku.value(), "").orElseThrow().inventoryItemId()));
            publishable.refreshChannel(sh.id(), true);

            // both stores show 3: each buyer takes 2 before any sync could happen
            SandboxOrder onRakuten = shop.placeOrder(List.of(new Pick(code(sku), 2)));
            SandboxOrder onShopify = shopify.placeOrder(List.of(new Pick(sku.value(), 2)));
            assertThat(onRakuten).isNotNull();
            assertThat(onShopify).isNotNull();
            await(() -> orders.find(sh.id(), onShopify.id()).isPresent(), "Shopify order");
            connections.importOrdersNow(r.id());
            Order fromRakuten = orders.find(r.id(), onRakuten.id()).orElseThrow();
            Order fromShopify = orders.find(sh.id(), onShopify.id()).orElseThrow();
            assertThat(List.of(orders.get(fromRakuten.id()).allocation().state(), orders.get(fromShopify.id()).allocation().state()))
                    .containsExactlyInAnyOrder(AllocationState.ALLOCATED, AllocationState.BACKORDERED);
            assertThat(inventory.stock(sku).available()).isEqualTo(1);
            await(() -> shop.stock(code(sku), "").orElseThrow() == 1 && shopify.stock(sku.value(), "").orElseThrow() == 1,
                    "both stores show 1");
            // and ichigen itself told both stores so (each store took its own 2 off on its own as well)
            for (SalesChannel c : List.of(r, sh)) {
                await(() -> connections.stockSyncStatus(c.id(), 100).stream().anyMatch(st -> st.sku().equals(sku.value())
                        && Long.valueOf(1).equals(st.lastPushedQuantity()) && !st.pending()), "1 pushed to " + c.code());
            }
        } finally {
            shopify.stop();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static RakutenSandbox fresh(long seed) {
        return (RakutenSandbox) new RakutenSandbox("127.0.0.1", 0, Clock.systemUTC(), seed, "SP" + seed + "_" + UUID.randomUUID(),
                "SL" + seed + "_" + UUID.randomUUID(), String.valueOf(400_000 + seed)).start();
    }

    private SalesChannel connect(RakutenSandbox s) {
        return channels.register(new NewChannel(Platform.RAKUTEN, channelCode(), "楽天 テスト店", s.credentials()));
    }

    private SalesChannel connect(RakutenSandbox s, LocalDate expiresOn) {
        Map<String, String> c = new LinkedHashMap<>(s.credentials());
        c.put("licenseKeyExpiresOn", expiresOn.toString());
        return channels.register(new NewChannel(Platform.RAKUTEN, channelCode(), "楽天 期限", c));
    }

    /** The shop lists the SKU (manageNumber = the SKU in lower case, RMS lower-cases it); the channel listing maps it. */
    private void list(SalesChannel channel, RakutenSandbox s, Sku sku, String variant, int quantity) {
        s.seed(List.of(SandboxListing.of(code(sku), variant, "テスト商品 " + sku, 1100, quantity)));
        listings.map(channel.id(), code(sku), variant, sku, null);
        publishable.refreshChannel(channel.id(), true);
    }

    private static String code(Sku sku) {
        return sku.value().toLowerCase(Locale.ROOT);
    }

    /** A SIMPLE product at ¥1,000 with a unique SKU starting with the platform's prefix. */
    private Sku product(String prefix) {
        return Sku.of(new SalesFixtures(jdbc).product("RAK-" + prefix));
    }

    private static String channelCode() {
        return "rakuten-t" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A call to the sandbox's RMS API as the shop's own staff would make it (ESA auth). */
    private static HttpResponse<String> rms(RakutenSandbox s, String path, String json) throws Exception {
        Map<String, String> c = s.credentials();
        String esa = Base64.getEncoder().encodeToString((c.get("serviceSecret") + ":" + c.get("licenseKey"))
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).header("Authorization", "ESA " + esa)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long okUpserts(RakutenSandbox s) {
        return s.calls().stream().filter(c -> c.endpoint().equals("inventories.bulk-upsert") && c.status() == 204).count();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
