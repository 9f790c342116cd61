package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.ichigen.channel.sandbox.SandboxHttp.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ShopifySandboxTests {

    ShopifySandbox shop;
    String api;
    Map<String, String> auth;
    HttpServer receiver;
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    record Received(Map<String, String> headers, byte[] body) {
    }

    @BeforeEach
    void start() throws Exception {
        shop = ShopifySandbox.withDefaults(0, 42);
        shop.start();
        shop.rateLimits(false);
        api = shop.baseUrl() + "/admin/api/2025-07";
        auth = Map.of("X-Shopify-Access-Token", shop.credentials().get("accessToken"));
        // the reference ids: inventory item 808950810 at location 655441491
        shop.seed(List.of(new SandboxListing("IPOD2008PINK", "", "IPod Nano - 8GB", 19900, 10, 40, false, 632910392L,
                808950810L, 808950810L, null), SandboxListing.of("TEA-SENCHA-100", "", "静岡煎茶 100g", 1080, 100),
                SandboxListing.of("SET-TEA-TRIO", "", "お茶 3種セット", 3240, 100)));
    }

    @AfterEach
    void stop() {
        shop.stop();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", ex -> {
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            received.add(new Received(h, ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        shop.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    }

    private void await(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void refusesAWrongAccessTokenWithShopifysErrorShape() {
        Answer a = SandboxHttp.get(api + "/orders.json", Map.of("X-Shopify-Access-Token", "shpat_wrong"));
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("errors").asString()).startsWith("[API] Invalid API key or access token");
        assertThat(SandboxHttp.get(api + "/orders.json", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void listsOrdersWithIdsAboveTwoToThe53AndPagesWithTheLinkHeader() {
        List<SandboxOrder> placed = shop.generateOrders(5);
        assertThat(placed).hasSize(5);
        Answer first = SandboxHttp.get(api + "/orders.json?status=any&limit=2", auth);
        assertThat(first.status()).isEqualTo(200);
        JsonNode orders = first.json().get("orders");
        assertThat(orders).hasSize(2);
        long id = orders.get(0).get("id").asLong();
        assertThat(id).isGreaterThan(1L << 53).isEqualTo(placed.get(0).numericId());
        assertThat(orders.get(0).get("line_items").get(0).get("id").asLong()).isGreaterThan(1L << 53);
        assertThat(orders.get(0).get("customer").get("id").asLong()).isGreaterThan(1L << 53);
        assertThat(orders.get(0).get("total_price").isString()).isTrue();
        assertThat(orders.get(0).get("currency").asString()).isEqualTo("JPY");
        assertThat(orders.get(0).get("shipping_address").get("country_code").asString()).isEqualTo("JP");
        String link = first.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("page_info=");
        String next = link.substring(1, link.indexOf('>'));
        Answer second = SandboxHttp.get(next, auth);
        assertThat(second.json().get("orders")).hasSize(2);
        assertThat(second.json().get("orders").get(0).get("id").asLong()).isEqualTo(placed.get(2).numericId());
        Answer third = SandboxHttp.get(second.header("Link").substring(1, second.header("Link").indexOf('>')), auth);
        assertThat(third.json().get("orders")).hasSize(1);
        assertThat(third.header("Link")).isNull();
        assertThat(SandboxHttp.get(next + "&status=any", auth).status()).isEqualTo(400);
        assertThat(SandboxHttp.get(api + "/orders.json?limit=250", auth).status()).isEqualTo(200);
        assertThat(SandboxHttp.get(api + "/orders.json?limit=251", auth).status()).isEqualTo(400);
        assertThat(SandboxHttp.get(api + "/orders/" + id + ".json", auth).json().get("order").get("id").asLong()).isEqualTo(id);
    }

    @Test
    void inventorySetQuantitiesSetsAbsoluteQuantitiesAndWritesNothingWhenCompareQuantityIsStale() {
        ObjectNode fixture = SandboxHttp.referenceJson("shopify/inventory-set-quantities-graphql-request.json");
        Map<String, Object> body = Map.of("query", fixture.get("query").asString(), "variables", fixture.get("variables"));
        Answer ok = SandboxHttp.postJson(api + "/graphql.json", auth, body);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode result = ok.json().get("data").get("inventorySetQuantities");
        assertThat(result.get("userErrors")).isEmpty();
        assertThat(result.get("inventoryAdjustmentGroup").get("changes").get(0).get("delta").asInt()).isEqualTo(2);
        assertThat(shop.stock("IPOD2008PINK", "")).contains(42);

        Answer stale = SandboxHttp.postJson(api + "/graphql.json", auth, body); // compareQuantity 40, stock is 42 now
        JsonNode errors = stale.json().get("data").get("inventorySetQuantities").get("userErrors");
        assertThat(errors.get(0).get("code").asString()).isEqualTo("COMPARE_QUANTITY_STALE");
        assertThat(stale.json().get("data").get("inventorySetQuantities").get("inventoryAdjustmentGroup").isNull()).isTrue();
        assertThat(shop.stock("IPOD2008PINK", "")).contains(42);

        ObjectNode noCompare = (ObjectNode) fixture.get("variables").deepCopy();
        ((ObjectNode) noCompare.get("input").get("quantities").get(0)).remove("compareQuantity");
        ((ObjectNode) noCompare.get("input").get("quantities").get(0)).put("quantity", 7);
        JsonNode required = SandboxHttp.postJson(api + "/graphql.json", auth, Map.of("query", fixture.get("query").asString(),
                "variables", noCompare)).json().get("data").get("inventorySetQuantities").get("userErrors");
        assertThat(required.get(0).get("code").asString()).isEqualTo("COMPARE_QUANTITY_REQUIRED");
        ((ObjectNode) noCompare.get("input")).put("ignoreCompareQuantity", true);
        SandboxHttp.postJson(api + "/graphql.json", auth, Map.of("query", fixture.get("query").asString(), "variables", noCompare));
        assertThat(shop.stock("IPOD2008PINK", "")).contains(7);
    }

    @Test
    void inventoryLevelsSetAcceptsTheReferenceBodyAndReadsBackForReconciliation() {
        JsonNode body = SandboxHttp.referenceJson("shopify/inventory-levels-set-rest-request.json").get("body");
        Answer a = SandboxHttp.postJson(api + "/inventory_levels/set.json", auth, body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("inventory_level").get("available").asInt()).isEqualTo(42);
        assertThat(a.header("X-Shopify-Shop-Api-Call-Limit")).matches("\\d+/40");
        JsonNode levels = SandboxHttp.get(api + "/inventory_levels.json?inventory_item_ids=808950810", auth).json();
        assertThat(levels.get("inventory_levels").get(0).get("available").asInt()).isEqualTo(42);
        Answer unknown = SandboxHttp.postJson(api + "/inventory_levels/set.json", auth,
                Map.of("location_id", 655441491L, "inventory_item_id", 1L, "available", 3));
        assertThat(unknown.status()).isEqualTo(422);
    }

    @Test
    void webhooksAreSignedWithTheAppSecretAndAFulfillmentMakesTheOrderFulfilled() throws Exception {
        startReceiver();
        SandboxOrder order = shop.placeOrder(List.of(new SandboxOrderGenerator.Pick("TEA-SENCHA-100", 2)));
        await(1);
        Received created = received.get(0);
        assertThat(created.headers().get("X-Shopify-Topic")).isEqualTo("orders/create");
        assertThat(created.headers().get("X-Shopify-Shop-Domain")).isEqualTo("ichigen-sandbox.myshopify.com");
        assertThat(created.headers().get("X-Shopify-API-Version")).isEqualTo("2025-07");
        assertThat(created.headers().get("X-Shopify-Webhook-Id")).isNotBlank();
        assertThat(created.headers().get("X-Shopify-Hmac-Sha256"))
                .isEqualTo(ShopifySandbox.signature(created.body(), "sandbox-shopify-app-secret"));
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).contains("\"id\":" + order.numericId());
        assertThat(shop.stock("TEA-SENCHA-100", "")).contains(98);

        JsonNode fo = SandboxHttp.get(api + "/orders/" + order.id() + "/fulfillment_orders.json", auth).json()
                .get("fulfillment_orders").get(0);
        assertThat(fo.get("status").asString()).isEqualTo("open");
        ObjectNode request = (ObjectNode) SandboxHttp.referenceJson("shopify/fulfillment-create-rest-request.json")
                .get("body_full_fulfilment");
        ((ObjectNode) request.get("fulfillment").get("line_items_by_fulfillment_order").get(0))
                .put("fulfillment_order_id", fo.get("id").asLong());
        Answer created201 = SandboxHttp.postJson(api + "/fulfillments.json", auth, request);
        assertThat(created201.status()).isEqualTo(201);
        assertThat(created201.json().get("fulfillment").get("tracking_number").asString()).isEqualTo("444413758703");
        JsonNode after = SandboxHttp.get(api + "/orders/" + order.id() + ".json", auth).json().get("order");
        assertThat(after.get("fulfillment_status").asString()).isEqualTo("fulfilled");
        await(2);
        assertThat(received.get(1).headers().get("X-Shopify-Topic")).isEqualTo("orders/updated");
        assertThat(received.get(1).headers().get("X-Shopify-Webhook-Id"))
                .isNotEqualTo(created.headers().get("X-Shopify-Webhook-Id"));
        // fulfilling again: the fulfillment order is closed
        assertThat(SandboxHttp.postJson(api + "/fulfillments.json", auth, request).status()).isEqualTo(422);
    }

    @Test
    void injectedWebhookFaultsSendAWrongSignatureOrTheSameWebhookIdTwice() throws Exception {
        startReceiver();
        shop.faults().add("orders/create", SandboxFaults.Kind.WEBHOOK_REPLAY, 1, 0, 1, 0, 0);
        shop.placeOrder(List.of(new SandboxOrderGenerator.Pick("TEA-SENCHA-100", 1)));
        await(2);
        assertThat(received.get(0).headers().get("X-Shopify-Webhook-Id"))
                .isEqualTo(received.get(1).headers().get("X-Shopify-Webhook-Id"));

        shop.faults().add("orders/create", SandboxFaults.Kind.WEBHOOK_BAD_SIGNATURE, 1, 0, 1, 0, 0);
        shop.placeOrder(List.of(new SandboxOrderGenerator.Pick("TEA-SENCHA-100", 1)));
        await(3);
        Received bad = received.get(2);
        assertThat(bad.headers().get("X-Shopify-Hmac-Sha256"))
                .isNotEqualTo(ShopifySandbox.signature(bad.body(), "sandbox-shopify-app-secret"));
    }

    @Test
    void restCallsBeyondTheLeakyBucketAreThrottledWithRetryAfter() {
        shop.rateLimits(true);
        Answer last = null;
        for (int i = 0; i < 60; i++) {
            last = SandboxHttp.get(api + "/orders/count.json", auth);
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("1.0");
        assertThat(last.json().get("errors").asString()).contains("Exceeded 2 calls per second");
    }
}
