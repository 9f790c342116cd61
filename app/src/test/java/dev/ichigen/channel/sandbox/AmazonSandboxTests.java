package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ichigen.channel.sandbox.SandboxHttp.Answer;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class AmazonSandboxTests {

    AmazonSandbox amazon;
    String base;
    Map<String, String> auth;

    @BeforeEach
    void start() {
        // seller id of the reference JSON_LISTINGS_FEED example
        amazon = new AmazonSandbox("127.0.0.1", 0, Clock.systemUTC(), 11, "AXXXXXXXXXXXX", "client", "secret", "Atzr|refresh");
        amazon.start();
        base = amazon.baseUrl();
        Answer token = SandboxHttp.postForm(base + "/auth/o2/token", Map.of(),
                "grant_type=refresh_token&refresh_token=Atzr%7Crefresh&client_id=client&client_secret=secret");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("access_token").asString()).startsWith("Atza|");
        auth = Map.of("x-amz-access-token", token.json().get("access_token").asString());
        amazon.seed(List.of(SandboxListing.of("My-SKU-A", "", "A", 1000, 3), SandboxListing.of("My-SKU-B", "", "B", 1000, 3),
                SandboxListing.of("My-SKU-C", "", "C", 1000, 3), SandboxListing.of("My-SKU-D", "", "D", 1000, 3),
                SandboxListing.of("My-SKU-E", "", "E", 1000, 3), SandboxListing.of("TEA-GYOKURO-50", "", "玉露 50g", 2160, 100)));
    }

    @AfterEach
    void stop() {
        amazon.stop();
    }

    @Test
    void refusesCallsWithoutAValidAccessTokenInSpApisShape() {
        Answer a = SandboxHttp.get(base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2020-01-01T00:00:00Z",
                Map.of("x-amz-access-token", "Atza|nope"));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("errors").get(0).get("code").asString()).isEqualTo("Unauthorized");
        amazon.expireAccessTokens();
        Answer expired = SandboxHttp.get(base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2020-01-01T00:00:00Z", auth);
        assertThat(expired.json().get("errors").get(0).get("details").asString()).contains("expired");
        Answer wrongClient = SandboxHttp.postForm(base + "/auth/o2/token", Map.of(),
                "grant_type=refresh_token&refresh_token=Atzr%7Crefresh&client_id=client&client_secret=wrong");
        assertThat(wrongClient.status()).isEqualTo(401);
        assertThat(wrongClient.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void getOrdersPagesWithNextTokenAndOrderItemsMatchTheGeneratedOrder() {
        List<SandboxOrder> placed = amazon.generateOrders(3);
        String url = base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2020-01-01T00:00:00Z&MaxResultsPerPage=2";
        Answer first = SandboxHttp.get(url, auth);
        assertThat(first.status()).isEqualTo(200);
        JsonNode payload = first.json().get("payload");
        assertThat(payload.get("Orders")).hasSize(2);
        JsonNode order = payload.get("Orders").get(0);
        assertThat(order.get("AmazonOrderId").asString()).matches("\\d{3}-\\d{7}-\\d{7}").isEqualTo(placed.get(0).id());
        assertThat(order.get("MarketplaceId").asString()).isEqualTo("A1VC38T7YXB528");
        String next = payload.get("NextToken").asString();
        JsonNode second = SandboxHttp.get(base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&NextToken=" + next, auth)
                .json().get("payload");
        assertThat(second.get("Orders")).hasSize(1);
        assertThat(second.has("NextToken")).isFalse();

        JsonNode items = SandboxHttp.get(base + "/orders/v0/orders/" + placed.get(0).id() + "/orderItems", auth).json()
                .get("payload").get("OrderItems");
        assertThat(items).hasSize(placed.get(0).lines().size());
        assertThat(items.get(0).get("SellerSKU").asString()).isEqualTo(placed.get(0).lines().get(0).code());
        assertThat(items.get(0).get("QuantityOrdered").asInt()).isEqualTo(placed.get(0).lines().get(0).quantity());

        assertThat(SandboxHttp.get(base + "/orders/v0/orders?CreatedAfter=2020-01-01T00:00:00Z", auth).status()).isEqualTo(400);
        assertThat(SandboxHttp.get(base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528", auth).status()).isEqualTo(400);
    }

    @Test
    void confirmShipmentAnswers204ShipsTheOrderAndQueuesAnOrderChangeNotification() {
        SandboxOrder o = amazon.placeOrder(List.of(new Pick("TEA-GYOKURO-50", 2)));
        assertThat(amazon.pollNotifications(10)).hasSize(1);
        ObjectNode body = (ObjectNode) SandboxHttp.referenceJson("amazon/spapi-confirmShipment-request-sandbox.json")
                .get("body").get("value");
        body.put("marketplaceId", "A1VC38T7YXB528");
        ObjectNode item = (ObjectNode) body.get("packageDetail").get("orderItems").get(0);
        item.put("orderItemId", String.valueOf(o.lines().get(0).lineId())).put("quantity", 2);
        Answer a = SandboxHttp.postJson(base + "/orders/v0/orders/" + o.id() + "/shipmentConfirmation", auth, body);
        assertThat(a.status()).isEqualTo(204);
        assertThat(o.status()).isEqualTo("Shipped");
        List<Map<String, Object>> notes = amazon.pollNotifications(10);
        assertThat(notes).hasSize(1);
        JsonNode n = SandboxHttp.JSON.valueToTree(notes.get(0));
        assertThat(n.get("NotificationType").asString()).isEqualTo("ORDER_CHANGE");
        JsonNode summary = n.get("Payload").get("OrderChangeNotification").get("Summary");
        assertThat(summary.get("OrderStatus").asString()).isEqualTo("Shipped");
        assertThat(summary.get("OrderItems").get(0).get("QuantityShipped").asInt()).isEqualTo(2);
        assertThat(SandboxHttp.postJson(base + "/orders/v0/orders/" + o.id() + "/shipmentConfirmation", auth, body).status())
                .isEqualTo(400); // already shipped
        ((ObjectNode) body.get("packageDetail")).remove("trackingNumber");
        SandboxOrder other = amazon.placeOrder(List.of(new Pick("TEA-GYOKURO-50", 1)));
        assertThat(SandboxHttp.postJson(base + "/orders/v0/orders/" + other.id() + "/shipmentConfirmation", auth, body)
                .status()).isEqualTo(400);
    }

    private JsonNode submitFeed(byte[] document) {
        Answer doc = SandboxHttp.postJson(base + "/feeds/2021-06-30/documents", auth,
                Map.of("contentType", "application/json; charset=UTF-8"));
        assertThat(doc.status()).isEqualTo(201);
        Answer upload = SandboxHttp.send("PUT", doc.json().get("url").asString(), Map.of(), "application/json; charset=UTF-8", document);
        assertThat(upload.status()).isEqualTo(200);
        Answer feed = SandboxHttp.postJson(base + "/feeds/2021-06-30/feeds", auth, Map.of("feedType", "JSON_LISTINGS_FEED",
                "marketplaceIds", List.of("A1VC38T7YXB528"), "inputFeedDocumentId", doc.json().get("feedDocumentId").asString()));
        assertThat(feed.status()).isEqualTo(202);
        JsonNode status = SandboxHttp.get(base + "/feeds/2021-06-30/feeds/" + feed.json().get("feedId").asString(), auth).json();
        String result = status.get("resultFeedDocumentId").asString();
        String url = SandboxHttp.get(base + "/feeds/2021-06-30/documents/" + result, auth).json().get("url").asString();
        JsonNode report = SandboxHttp.get(url, Map.of()).json();
        ((ObjectNode) report).put("_processingStatus", status.get("processingStatus").asString());
        return report;
    }

    @Test
    void aJsonListingsFeedFromTheReferenceExampleUpdatesStockAndReportsInvalidMessages() {
        ObjectNode example = SandboxHttp.referenceJson("amazon/json-listings-feed-example.json");
        ((ArrayNode) example.get("messages")).addObject().put("messageId", 6).put("sku", "My-SKU-B").put("operationType", "PATCH");
        JsonNode report = submitFeed(SandboxHttp.JSON.writeValueAsBytes(example));
        assertThat(report.get("_processingStatus").asString()).isEqualTo("DONE");
        JsonNode summary = report.get("summary");
        assertThat(summary.get("messagesProcessed").asInt()).isEqualTo(6);
        assertThat(summary.get("messagesAccepted").asInt()).isEqualTo(5);
        assertThat(summary.get("messagesInvalid").asInt()).isEqualTo(1);
        assertThat(report.get("issues").get(0).get("messageId").asInt()).isEqualTo(6);
        assertThat(report.get("issues").get(0).get("severity").asString()).isEqualTo("ERROR");
        assertThat(amazon.stock("My-SKU-A", "")).isEmpty(); // DELETE
        assertThat(amazon.stock("My-SKU-B", "")).contains(10); // PARTIAL_UPDATE, DEFAULT channel
        assertThat(amazon.stock("My-SKU-C", "")).contains(3); // UPDATE with an FBA (AMAZON_NA) quantity only
        assertThat(amazon.stock("My-SKU-D", "")).contains(10); // PATCH replace
        assertThat(amazon.stock("My-SKU-E", "")).contains(10); // PATCH merge
    }

    @Test
    void aFeedWhoseHeaderBreaksTheSchemaIsFatalAndChangesNothing() {
        ObjectNode example = SandboxHttp.referenceJson("amazon/json-listings-feed-example.json");
        ((ObjectNode) example.get("header")).put("version", "1.0");
        JsonNode report = submitFeed(SandboxHttp.JSON.writeValueAsBytes(example));
        assertThat(report.get("_processingStatus").asString()).isEqualTo("FATAL");
        assertThat(report.get("issues").get(0).get("message").asString()).contains("/header/version");
        assertThat(amazon.stock("My-SKU-A", "")).contains(3);
        assertThat(submitFeed("{\"header\":".getBytes(StandardCharsets.UTF_8)).get("_processingStatus").asString())
                .isEqualTo("FATAL");
    }

    @Test
    void getOrdersIsThrottledAfterItsBurstOfTwenty() {
        String url = base + "/orders/v0/orders?MarketplaceIds=A1VC38T7YXB528&CreatedAfter=2020-01-01T00:00:00Z";
        for (int i = 0; i < 20; i++) {
            assertThat(SandboxHttp.get(url, auth).status()).isEqualTo(200);
        }
        Answer throttled = SandboxHttp.get(url, auth);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("errors").get(0).get("code").asString()).isEqualTo("QuotaExceeded");
        assertThat(amazon.callCount("getOrders")).isEqualTo(21);
    }
}
