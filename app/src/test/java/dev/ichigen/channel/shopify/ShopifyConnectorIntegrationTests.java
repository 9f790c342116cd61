package dev.ichigen.channel.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishPolicy;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.AllocationState;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Shopify connector end to end against Shopify sandbox stores (real loopback HTTP servers speaking Shopify's
 * shapes): webhooks in, polling, stock out, faults, credentials — through the whole application.
 */
@IchigenIntegrationTest
class ShopifyConnectorIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static ShopifySandbox shopA;
    static ShopifySandbox shopB;

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

    @BeforeAll
    static void startSandboxes() {
        shopA = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 11, "shop-a.myshopify.com",
                "shpat_a_" + UUID.randomUUID(), "secret-a-" + UUID.randomUUID(), 1001L).start();
        shopB = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 12, "shop-b.myshopify.com",
                "shpat_b_" + UUID.randomUUID(), "secret-b-" + UUID.randomUUID(), 2002L).start();
    }

    @AfterAll
    static void stopSandboxes() {
        shopA.stop();
        shopB.stop();
    }

    @BeforeEach
    void warehouse() {
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("SHOPIFY-WH"))) {
            warehouses.create(new NewWarehouse("SHOPIFY-WH", "Shopify テスト倉庫", 5, true));
        }
        shopA.faults().clear();
        shopB.faults().clear();
    }

    // ------------------------------------------------------------------ webhooks

    @Test
    void aSignedWebhookTakesTheOrderInAndAReplayWritesNothing() {
        Sku sku = product("WH");
        inventory.receive(sku, "SHOPIFY-WH", 10, StockReference.NONE, null);
        SalesChannel channel = connect(shopA);
        list(channel, shopA, sku, 10);

        SandboxOrder placed = shopA.placeOrder(List.of(new Pick(sku.value(), 2)));
        Order order = awaitOrder(channel.id(), placed.id());
        assertThat(order.orderName()).startsWith("#");
        assertThat(order.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo(sku);
            assertThat(l.quantity()).isEqualTo(2);
        });
        assertThat(order.allocation().state()).isEqualTo(AllocationState.ALLOCATED);

        ShopifySandbox.WebhookDelivery delivery = shopA.deliveries().stream()
                .filter(d -> d.orderId().equals(placed.id()) && d.topic().equals("orders/create")).findFirst().orElseThrow();
        long receipts = count("channel_webhook_receipt where channel_id = " + channel.id());
        HttpResponse<String> replay = webhook(channel.id(), delivery.body(),
                ShopifySandbox.signature(delivery.body(), secret(shopA)), delivery.webhookId(), "orders/create");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("duplicate");
        assertThat(count("channel_webhook_receipt where channel_id = " + channel.id())).isEqualTo(receipts);
        assertThat(orders.get(order.id()).updatedAt()).isEqualTo(order.updatedAt());
    }

    @Test
    void aWrongOrMissingSignatureIs401AndNothingIsStored() {
        SalesChannel channel = connect(shopA);
        String id = randomOrderId();
        byte[] body = payload(id, "UNKNOWN-ITEM");
        long receipts = count("channel_webhook_receipt");

        HttpResponse<String> wrong = webhook(channel.id(), body, ShopifySandbox.signature(body, "not-the-secret"),
                UUID.randomUUID().toString(), "orders/create");
        HttpResponse<String> missing = webhook(channel.id(), body, null, UUID.randomUUID().toString(), "orders/create");
        HttpResponse<String> garbage = webhook(channel.id(), body, "%%%", UUID.randomUUID().toString(), "orders/create");
        // signed with the right secret, but the body was changed on the way
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"quantity\":1", "\"quantity\":9")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> changed = webhook(channel.id(), tampered, ShopifySandbox.signature(body, secret(shopA)),
                UUID.randomUUID().toString(), "orders/create");

        assertThat(List.of(wrong.statusCode(), missing.statusCode(), garbage.statusCode(), changed.statusCode()))
                .containsOnly(401);
        assertThat(orders.find(channel.id(), id)).isEmpty();
        assertThat(count("channel_webhook_receipt")).isEqualTo(receipts);
        assertThat(connections.calls(channel.id(), 10)).first().satisfies(c -> {
            assertThat(c.httpStatus()).isEqualTo(401);
            assertThat(c.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        });
    }

    @Test
    void malformedJsonOrAnOrderWithoutIdIs400AndNothingIsStored() {
        SalesChannel channel = connect(shopA);
        long receipts = count("channel_webhook_receipt");
        long ordersBefore = count("sales_order where channel_id = " + channel.id());
        byte[] truncated = "{\"id\": 820982911946154999, \"line_items\": [".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> malformed = webhook(channel.id(), truncated, ShopifySandbox.signature(truncated, secret(shopA)),
                UUID.randomUUID().toString(), "orders/create");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");

        ObjectNode noId = (ObjectNode) ShopifyOrderMapper.parse(payload(randomOrderId(), "X"));
        noId.remove("id");
        byte[] body = ShopifyOrderMapper.JSON.writeValueAsBytes(noId);
        HttpResponse<String> missing = webhook(channel.id(), body, ShopifySandbox.signature(body, secret(shopA)),
                UUID.randomUUID().toString(), "orders/create");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("id: missing");

        // an oversized body (over 5 MiB) is refused from its Content-Length, before a byte of it is read: the
        // request below announces 6 MiB and sends none of it, and still gets its answer
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String head = "POST /api/v1/webhooks/shopify/" + channel.id() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nX-Shopify-Topic: orders/create\r\n"
                    + "X-Shopify-Hmac-Sha256: x\r\nContent-Length: " + (6 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 ");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        assertThat(count("channel_webhook_receipt")).isEqualTo(receipts);
        assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(ordersBefore);
        assertThat(connections.health(channel.id()).lastFailureCause()).isEqualTo(FailureCause.MALFORMED_RESPONSE);
    }

    @Test
    void anUnknownItemIsTakenInWithAnUnmappedHold() {
        SalesChannel channel = connect(shopA);
        String id = randomOrderId();
        byte[] body = payload(id, "NOT-LISTED-" + SEQ.incrementAndGet());
        HttpResponse<String> answer = webhook(channel.id(), body, ShopifySandbox.signature(body, secret(shopA)),
                UUID.randomUUID().toString(), "orders/create");
        assertThat(answer.statusCode()).isEqualTo(200);
        Order order = orders.find(channel.id(), id).orElseThrow();
        assertThat(order.channelOrderNumber()).isEqualTo(id);
        assertThat(order.openHolds()).extracting(h -> h.code()).contains("UNMAPPED_ITEM");
        assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
    }

    @Test
    void aCancellationWebhookCancelsTheOrderAndReleasesItsStock() {
        Sku sku = product("CX");
        inventory.receive(sku, "SHOPIFY-WH", 5, StockReference.NONE, null);
        SalesChannel channel = connect(shopA);
        list(channel, shopA, sku, 5);
        SandboxOrder placed = shopA.placeOrder(List.of(new Pick(sku.value(), 1)));
        awaitOrder(channel.id(), placed.id());
        assertThat(inventory.stock(sku).available()).isEqualTo(4);

        Api.Response cancel = new Api(0, "").send(HttpRequest.newBuilder(URI.create(shopA.baseUrl() + "/_sandbox/orders/"
                + placed.id() + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cancel.status()).isEqualTo(200);
        await(() -> orders.find(channel.id(), placed.id()).orElseThrow().status() == OrderStatus.CANCELLED, "cancelled");
        assertThat(inventory.stock(sku).available()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ polling

    @Test
    void pollingCatchesAnOrderWhoseWebhookWasLost() {
        Sku sku = product("PL");
        inventory.receive(sku, "SHOPIFY-WH", 10, StockReference.NONE, null);
        ShopifySandbox shop = fresh("poll");
        try {
            SalesChannel channel = connect(shop);
            list(channel, shop, sku, 10);
            shop.webhookUrl(null); // the webhooks get lost
            SandboxOrder first = shop.placeOrder(List.of(new Pick(sku.value(), 1)));
            SandboxOrder second = shop.placeOrder(List.of(new Pick(sku.value(), 3)));
            assertThat(orders.find(channel.id(), first.id())).isEmpty();

            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(2);
            assertThat(orders.find(channel.id(), first.id())).isPresent();
            assertThat(orders.find(channel.id(), second.id()).orElseThrow().lines().getFirst().quantity()).isEqualTo(3);
            // again: the overlap re-reads them, nothing new
            assertThat(connections.importOrdersNow(channel.id()).taken()).isZero();
            assertThat(connections.health(channel.id()).lastOrderImportAt()).isNotNull();
        } finally {
            shop.stop();
        }
    }

    @Test
    void pollingFollowsPagesAndCatchesUpAfterDowntime() {
        // no stock here: the 260 orders wait as backorders instead of crowding the shared 出荷待ち list of other tests
        Sku sku = product("PG");
        ShopifySandbox shop = fresh("pages");
        try {
            SalesChannel channel = connect(shop);
            // stock sync off for this channel, so the store keeps showing its own 400 units
            publishable.setChannelPolicy(channel.id(), new PublishPolicy(false, 0, null, 100, null));
            list(channel, shop, sku, 400);
            shop.webhookUrl(null);
            for (int i = 0; i < 260; i++) { // more than one page of 250
                assertThat(shop.placeOrder(List.of(new Pick(sku.value(), 1)))).isNotNull();
            }
            assertThat(connections.importOrdersNow(channel.id()).taken()).isEqualTo(260);
            assertThat(count("sales_order where channel_id = " + channel.id())).isEqualTo(260);
        } finally {
            shop.stop();
        }
    }

    // ------------------------------------------------------------------ stock

    @Test
    void anOrderReservingStockReachesTheStoreWithinSeconds() {
        Sku sku = product("ST");
        inventory.receive(sku, "SHOPIFY-WH", 7, StockReference.NONE, null);
        SalesChannel channel = connect(shopA);
        list(channel, shopA, sku, 7);

        long started = System.nanoTime();
        inventory.reserve("TEST-" + UUID.randomUUID(), "1", sku, 3, null);
        await(() -> shopA.stock(sku.value(), "").orElseThrow() == 4, "store shows 4");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        // the status is written right after the store answered
        await(() -> connections.stockSyncStatus(channel.id(), 100).stream()
                .anyMatch(s -> s.sku().equals(sku.value()) && Long.valueOf(4).equals(s.lastPushedQuantity()) && !s.pending()),
                "status shows 4 pushed");
        // health is written right after the SKU statuses
        await(() -> connections.health(channel.id()).lastStockPushAt() != null, "health shows the push");
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithNothingLostOrDuplicated() {
        Sku sku = product("RL");
        inventory.receive(sku, "SHOPIFY-WH", 20, StockReference.NONE, null);
        SalesChannel channel = connect(shopB);
        list(channel, shopB, sku, 20);
        String graphql = "POST /admin/api/.*/graphql\\.json";
        shopB.faults().add(graphql, SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 1);
        shopB.faults().add(graphql, SandboxFaults.Kind.SERVER_ERROR, 1, 0, 1, 0, 0);
        shopB.faults().add(graphql, SandboxFaults.Kind.MALFORMED, 1, 0, 1, 0, 0);

        inventory.adjust(sku, "SHOPIFY-WH", -5, "破損");
        await(() -> shopB.stock(sku.value(), "").orElseThrow() == 15, "store shows 15");
        await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                "outbox rows delivered");
        List<ChannelCall> calls = connections.calls(channel.id(), 20).stream()
                .filter(c -> c.operation().equals("inventory.set")).toList();
        assertThat(calls).extracting(ChannelCall::cause).contains(FailureCause.RATE_LIMITED, FailureCause.SERVER_ERROR,
                FailureCause.MALFORMED_RESPONSE);
        assertThat(calls).extracting(ChannelCall::outcome).contains("RETRY", "OK").doesNotContain("FAILED");

        // a failure that outlasts the retries: visible in health and status, pushed once the store recovers
        shopB.faults().add(graphql, SandboxFaults.Kind.SERVER_ERROR, 6, 0, 1, 0, 0);
        inventory.adjust(sku, "SHOPIFY-WH", -1, "破損");
        await(() -> {
            ChannelHealth h = connections.health(channel.id());
            return h.lastFailureCause() == FailureCause.SERVER_ERROR && h.failing() && h.lastFailureError().contains("500");
        }, "failure in health");
        await(() -> shopB.stock(sku.value(), "").orElseThrow() == 14, "store shows 14 after recovering");
        await(() -> !connections.health(channel.id()).failing(), "healthy again");
        await(() -> count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()) == 0,
                "outbox rows delivered");
    }

    @Test
    void anUnknownInventoryItemFailsAloneAndStaysPending() {
        Sku good = product("UK");
        Sku bad = product("UK");
        inventory.receive(good, "SHOPIFY-WH", 4, StockReference.NONE, null);
        inventory.receive(bad, "SHOPIFY-WH", 4, StockReference.NONE, null);
        SalesChannel channel = connect(shopA);
        list(channel, shopA, good, 4);
        listings.map(channel.id(), bad.value(), "", bad, "999999999"); // an inventory item Shopify does not have

        inventory.adjust(good, "SHOPIFY-WH", -1, "破損");
        inventory.adjust(bad, "SHOPIFY-WH", -1, "破損");
        await(() -> shopA.stock(good.value(), "").orElseThrow() == 3, "good item pushed");
        await(() -> connections.stockSyncStatus(channel.id(), 100).stream()
                .anyMatch(s -> s.sku().equals(bad.value()) && s.pending() && s.lastError() != null), "bad item pending");
        assertThat(connections.stockSyncStatus(channel.id(), 100)).filteredOn(s -> s.sku().equals(bad.value()))
                .singleElement().satisfies(s -> assertThat(s.lastError()).contains("INVALID_INVENTORY_ITEM"));
        assertThat(count("publishable_quantity_event where delivered_at is null and channel_id = " + channel.id()
                + " and sku = '" + bad.value() + "'")).isPositive();
    }

    // ------------------------------------------------------------------ credentials

    @Test
    void badCredentialsShowAsBadCredentialsInHealth() {
        Map<String, String> wrong = new LinkedHashMap<>(shopA.credentials());
        wrong.put("accessToken", "shpat_expired");
        SalesChannel channel = channels.register(new NewChannel(Platform.SHOPIFY, code(), "期限切れ", wrong));
        ConnectionTest test = connections.testConnection(channel.id());
        assertThat(test.ok()).isFalse();
        assertThat(test.cause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        ChannelHealth health = connections.health(channel.id());
        assertThat(health.lastFailureCause()).isEqualTo(FailureCause.BAD_CREDENTIALS);
        assertThat(health.failing()).isTrue();

        assertThat(connections.testConnection(connect(shopA).id()).ok()).isTrue();

        Api.Response overApi = Api.admin(port).get("/api/v1/channels/" + channel.id() + "/health");
        assertThat(overApi.status()).isEqualTo(200);
        assertThat(overApi.json().get("lastFailureCause").asString()).isEqualTo("BAD_CREDENTIALS");
        assertThat(overApi.json().get("failing").asBoolean()).isTrue();
        Api.Response calls = Api.admin(port).get("/api/v1/channels/" + channel.id() + "/calls");
        assertThat(calls.status()).isEqualTo(200);
        assertThat(calls.json().get(0).get("httpStatus").asInt()).isEqualTo(401);
        assertThat(calls.text()).doesNotContain("shpat_expired").doesNotContain(secret(shopA));
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void ordersForTheLastUnitsOnTwoStoresAllocateExactlyWhatIsThereAndEveryStoreShowsTheRest() {
        Sku sku = product("E2E");
        inventory.receive(sku, "SHOPIFY-WH", 3, StockReference.NONE, null);
        SalesChannel a = connect(shopA);
        SalesChannel b = connect(shopB);
        list(a, shopA, sku, 3);
        list(b, shopB, sku, 3);

        // both stores still show 3: each buyer takes 2 before any sync could happen
        SandboxOrder onA = shopA.placeOrder(List.of(new Pick(sku.value(), 2)));
        SandboxOrder onB = shopB.placeOrder(List.of(new Pick(sku.value(), 2)));
        assertThat(onA).isNotNull();
        assertThat(onB).isNotNull();
        Order fromA = awaitOrder(a.id(), onA.id());
        Order fromB = awaitOrder(b.id(), onB.id());

        List<AllocationState> states = List.of(orders.get(fromA.id()).allocation().state(),
                orders.get(fromB.id()).allocation().state());
        assertThat(states).containsExactlyInAnyOrder(AllocationState.ALLOCATED, AllocationState.BACKORDERED);
        assertThat(inventory.stock(sku).reserved()).isEqualTo(2);
        assertThat(inventory.stock(sku).available()).isEqualTo(1);
        await(() -> shopA.stock(sku.value(), "").orElseThrow() == 1 && shopB.stock(sku.value(), "").orElseThrow() == 1,
                "both stores show 1");
    }

    // ------------------------------------------------------------------ helpers

    private ShopifySandbox fresh(String name) {
        return (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 13, name + ".myshopify.com",
                "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), 3003L).start();
    }

    private SalesChannel connect(ShopifySandbox shop) {
        SalesChannel channel = channels.register(new NewChannel(Platform.SHOPIFY, code(), "Shopify テスト店", shop.credentials()));
        shop.webhookUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + channel.id());
        return channel;
    }

    /** The store lists the SKU with {@code quantity}; the channel listing maps it (SKU + inventory item id). */
    private void list(SalesChannel channel, ShopifySandbox shop, Sku sku, int quantity) {
        shop.seed(List.of(SandboxListing.of(sku.value(), "", "テスト商品 " + sku, 1100, quantity)));
        long item = shop.listing(sku.value(), "").orElseThrow().inventoryItemId();
        listings.map(channel.id(), sku.value(), "", sku, String.valueOf(item));
        // the initial figures: the outbox row written for the new listing is pushed too
        publishable.refreshChannel(channel.id(), true);
    }

    /** A SIMPLE product at ¥1,000 with a unique SKU starting with the platform's prefix. */
    private Sku product(String prefix) {
        return Sku.of(new SalesFixtures(jdbc).product("SHP-" + prefix));
    }

    private static String code() {
        return "shopify-t" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String secret(ShopifySandbox shop) {
        return shop.credentials().get("webhookSecret");
    }

    private static String randomOrderId() {
        return String.valueOf(9_100_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /** The reference payload with another order id and one line of {@code sku}, serialised compactly. */
    private static byte[] payload(String id, String sku) {
        ObjectNode j = ShopifyOrderMapperTests.referenceJson();
        j.put("id", Long.parseLong(id));
        j.putNull("cancelled_at");
        j.put("financial_status", "paid");
        var lines = j.putArray("line_items");
        lines.addObject().put("id", 866550311766439020L).put("variant_id", 808950810L).put("sku", sku)
                .put("name", "テスト").put("quantity", 1).put("price", "1100");
        return ShopifyOrderMapper.JSON.writeValueAsBytes(j);
    }

    private HttpResponse<String> webhook(long channelId, byte[] body, String hmac, String webhookId, String topic) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + channelId))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Webhook-Id", webhookId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (hmac != null) {
            b.header("X-Shopify-Hmac-Sha256", hmac);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Order awaitOrder(long channelId, String number) {
        await(() -> orders.find(channelId, number).isPresent(), "order " + number);
        return orders.find(channelId, number).orElseThrow();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + fromWhere).query(Long.class).single();
    }
}
