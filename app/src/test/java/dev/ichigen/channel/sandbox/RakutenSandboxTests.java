package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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

class RakutenSandboxTests {

    /** Inside the reference searchOrder window (2024-06-01 … 06-30), so the reference request finds the orders. */
    static final Clock JUNE_2024 = Clock.fixed(OffsetDateTime.parse("2024-06-15T10:00:00+09:00").toInstant(),
            java.time.ZoneOffset.UTC);

    RakutenSandbox rms;
    String es;
    Map<String, String> auth;

    @BeforeEach
    void start() {
        rms = new RakutenSandbox("127.0.0.1", 0, JUNE_2024, 7, "SP123456_secret", "SL123456_license", "123456");
        rms.start();
        es = rms.baseUrl() + "/es/2.0";
        auth = Map.of("Authorization", "ESA " + Base64.getEncoder().encodeToString(
                "SP123456_secret:SL123456_license".getBytes(StandardCharsets.UTF_8)));
        rms.seed(List.of(SandboxListing.of("mng1234", "sku1", "国産タオル 白", 2200, 10),
                SandboxListing.of("mng1234", "sku2", "国産タオル 紺", 2200, 5), SandboxListing.of("mng5678", "sku5", "湯呑み", 1650, 4),
                new SandboxListing("coffee-10", "", "ドリップコーヒー 10袋", 1040, 8, 200, false, 0, 0, 0, null)));
    }

    @AfterEach
    void stop() {
        rms.stop();
    }

    @Test
    void refusesAWrongOrExpiredLicenseKeyWithES0101() {
        String wrong = "ESA " + Base64.getEncoder().encodeToString("SP123456_secret:SL_other".getBytes(StandardCharsets.UTF_8));
        Answer a = SandboxHttp.postJson(es + "/order/searchOrder/", Map.of("Authorization", wrong), "{}");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("Results").get("errorCode").asString()).isEqualTo("ES01-01");
        rms.licenseKeyExpiresOn(LocalDate.of(2024, 6, 14));
        Answer expired = SandboxHttp.postJson(es + "/order/searchOrder/", auth,
                SandboxHttp.referenceJson("rakuten/rms-searchOrder-request.json"));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("Results").get("message").asString()).isEqualTo("Un-Authorised");
    }

    @Test
    void searchOrderAcceptsTheReferenceRequestAndGetOrderAnswersInTheSkeletonsShape() {
        rms.generateOrders(3);
        ObjectNode search = SandboxHttp.referenceJson("rakuten/rms-searchOrder-request.json");
        Answer found = SandboxHttp.postJson(es + "/order/searchOrder/", auth, search);
        assertThat(found.status()).isEqualTo(200);
        JsonNode numbers = found.json().get("orderNumberList");
        assertThat(numbers).hasSize(3);
        assertThat(numbers.get(0).asString()).matches("123456-20240615-\\d{10}");
        assertThat(found.json().get("PaginationResponseModel").get("totalRecordsAmount").asInt()).isEqualTo(3);

        ObjectNode get = SandboxHttp.referenceJson("rakuten/rms-getOrder-request.json");
        get.set("orderNumberList", numbers);
        Answer detail = SandboxHttp.postJson(es + "/order/getOrder/", auth, get);
        assertThat(detail.status()).isEqualTo(200);
        JsonNode model = detail.json().get("OrderModelList").get(0);
        JsonNode skeleton = SandboxHttp.referenceJson("rakuten/rms-getOrder-response-skeleton.json").get("OrderModelList").get(0);
        assertThat(missingKeys(skeleton, model, "OrderModel")).isEmpty();
        assertThat(model.get("orderProgress").asInt()).isEqualTo(100);
        JsonNode sender = model.get("PackageModelList").get(0).get("SenderModel");
        assertThat(sender.get("zipCode1").asString()).matches("\\d{3}");
        assertThat(sender.get("zipCode2").asString()).matches("\\d{4}");
        JsonNode item = model.get("PackageModelList").get(0).get("ItemModelList").get(0);
        assertThat(item.get("SkuModelList").get(0).get("variantId").asString()).isNotBlank();
        assertThat(item.get("taxRate").asDouble()).isIn(0.1, 0.08);
        SandboxOrder placed = rms.order(numbers.get(0).asString()).orElseThrow();
        assertThat(model.get("OrdererModel").get("familyName").asString()).isEqualTo(placed.buyer().familyName());
        assertThat(item.get("units").asInt()).isEqualTo(placed.lines().get(0).quantity());
    }

    /** Keys of the reference skeleton that the sandbox's answer lacks (recursively, first array element). */
    private static List<String> missingKeys(JsonNode reference, JsonNode actual, String path) {
        List<String> missing = new ArrayList<>();
        for (var e : reference.properties()) {
            if (!actual.has(e.getKey())) {
                missing.add(path + "." + e.getKey());
                continue;
            }
            JsonNode r = e.getValue(), a = actual.get(e.getKey());
            if (r.isObject() && a.isObject()) {
                missing.addAll(missingKeys(r, a, path + "." + e.getKey()));
            } else if (r.isArray() && a.isArray() && !r.isEmpty() && !a.isEmpty() && r.get(0).isObject()) {
                missing.addAll(missingKeys(r.get(0), a.get(0), path + "." + e.getKey() + "[0]"));
            }
        }
        return missing;
    }

    @Test
    void searchOrderEnforcesTheWindowThePageSizeAndTheOffsetFormat() {
        ObjectNode search = SandboxHttp.referenceJson("rakuten/rms-searchOrder-request.json");
        search.put("endDatetime", "2024-08-05T00:00:00+0900"); // 65 days
        assertThat(SandboxHttp.postJson(es + "/order/searchOrder/", auth, search).status()).isEqualTo(400);
        search = SandboxHttp.referenceJson("rakuten/rms-searchOrder-request.json");
        search.put("startDatetime", "2024-06-01T00:00:00+09:00");
        assertThat(SandboxHttp.postJson(es + "/order/searchOrder/", auth, search).status()).isEqualTo(400);
        search = SandboxHttp.referenceJson("rakuten/rms-searchOrder-request.json");
        ((ObjectNode) search.get("PaginationRequestModel")).put("requestRecordsAmount", 1001);
        Answer tooMany = SandboxHttp.postJson(es + "/order/searchOrder/", auth, search);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("MessageModelList").get(0).get("messageType").asString()).isEqualTo("ERROR");
    }

    @Test
    void getOrderTakesAtMostOneHundredOrderNumbers() {
        ObjectNode get = SandboxHttp.referenceJson("rakuten/rms-getOrder-request.json");
        ArrayNode numbers = get.putArray("orderNumberList");
        for (int i = 0; i < 101; i++) {
            numbers.add("123456-20240615-%010d".formatted(i));
        }
        assertThat(SandboxHttp.postJson(es + "/order/getOrder/", auth, get).status()).isEqualTo(400);
    }

    @Test
    void bulkUpsertSetsAbsoluteAndRelativeStockAndKeepsToItsLimits() throws Exception {
        JsonNode request = SandboxHttp.referenceJson("rakuten/rms-inventory-bulk-upsert.json").get("request_example");
        Answer ok = SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, request);
        assertThat(ok.status()).isEqualTo(204);
        assertThat(rms.stock("mng1234", "sku1")).contains(70);
        assertThat(rms.stock("mng1234", "sku2")).contains(8);
        assertThat(rms.stock("mng5678", "sku5")).contains(2);

        Answer tooFast = SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, request); // 1 request/s per shop
        assertThat(tooFast.status()).isEqualTo(429);
        assertThat(rms.stock("mng1234", "sku2")).contains(8);

        rms.rateLimits(false);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            many.add(Map.of("manageNumber", "mng1234", "variantId", "sku1", "mode", "ABSOLUTE", "quantity", 1));
        }
        assertThat(SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, Map.of("inventories", many)).status()).isEqualTo(400);
        assertThat(SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, Map.of("inventories", many.subList(0, 400)))
                .status()).isEqualTo(204);

        Answer outOfRange = SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, Map.of("inventories", List.of(
                Map.of("manageNumber", "mng5678", "variantId", "sku5", "mode", "ABSOLUTE", "quantity", 5),
                Map.of("manageNumber", "mng1234", "variantId", "sku1", "mode", "ABSOLUTE", "quantity", 100_000))));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().get("errors").get(0).get("code").asString()).isEqualTo("IE0003");
        assertThat(outOfRange.json().get("errors").get(0).get("metadata").get("propertyPath").asString())
                .isEqualTo("inventories[1].quantity");
        assertThat(rms.stock("mng5678", "sku5")).contains(2); // nothing written

        Answer unknown = SandboxHttp.postJson(es + "/inventories/bulk-upsert", auth, Map.of("inventories", List.of(
                Map.of("manageNumber", "NOT-LISTED", "variantId", "x", "mode", "ABSOLUTE", "quantity", 3),
                Map.of("manageNumber", "COFFEE-10", "variantId", "coffee-10", "mode", "RELATIVE", "quantity", -5))));
        assertThat(unknown.status()).isEqualTo(204); // unknown keys are not errors; manageNumber is lower-cased
        assertThat(rms.stock("coffee-10", "")).contains(195);

        JsonNode read = SandboxHttp.postJson(es + "/inventories/bulk-get", auth, Map.of("inventories", List.of(
                Map.of("manageNumber", "mng1234", "variantId", "sku2"), Map.of("manageNumber", "nope", "variantId", "x"))))
                .json().get("inventories");
        assertThat(read).hasSize(1);
        assertThat(read.get(0).get("quantity").asInt()).isEqualTo(8);
    }

    @Test
    void confirmationAndShippingRecordsMoveTheOrderTo500AndKeepTwentyRecordsAtMost() {
        SandboxOrder o = rms.placeOrder(List.of(new Pick("coffee-10", 2)));
        Map<String, Object> numbers = Map.of("orderNumberList", List.of(o.id()));
        ObjectNode shipping = SandboxHttp.referenceJson("rakuten/rms-updateOrderShipping-request.json");
        shipping.put("orderNumber", o.id());
        ((ObjectNode) shipping.get("BasketidModelList").get(0)).put("basketId", (Long) o.extra().get("basketId"));
        Answer before = SandboxHttp.postJson(es + "/order/updateOrderShipping/", auth, shipping);
        assertThat(before.status()).isEqualTo(400); // 注文確認待ち: not yet

        assertThat(SandboxHttp.postJson(es + "/order/confirmOrder/", auth, numbers).json().get("MessageModelList").get(0)
                .get("messageType").asString()).isEqualTo("INFO");
        assertThat(o.status()).isEqualTo("300");
        Answer shipped = SandboxHttp.postJson(es + "/order/updateOrderShipping/", auth, shipping);
        assertThat(shipped.status()).isEqualTo(200);
        long detailId = shipped.json().get("MessageModelList").get(0).get("shippingDetailId").asLong();
        JsonNode model = SandboxHttp.postJson(es + "/order/getOrder/", auth, Map.of("orderNumberList", List.of(o.id()),
                "version", 7)).json().get("OrderModelList").get(0);
        assertThat(model.get("orderProgress").asInt()).isEqualTo(500);
        JsonNode record = model.get("PackageModelList").get(0).get("ShippingModelList").get(0);
        assertThat(record.get("shippingNumber").asString()).isEqualTo("444413758703");
        assertThat(record.get("shippingDetailId").asLong()).isEqualTo(detailId);
        assertThat(record.get("deliveryCompanyName").asString()).isEqualTo("ヤマト運輸");

        ObjectNode many = shipping.deepCopy();
        ArrayNode records = ((ObjectNode) many.get("BasketidModelList").get(0)).putArray("ShippingModelList");
        for (int i = 0; i < 20; i++) {
            records.addObject().put("deliveryCompany", "1002").put("shippingNumber", "5125475143" + (10 + i))
                    .put("shippingDate", "2024-06-15");
        }
        assertThat(SandboxHttp.postJson(es + "/order/updateOrderShipping/", auth, many).status()).isEqualTo(400); // 21
    }

    @Test
    void remoteIslandOrdersKeepPostageNotFixedUntilConfirmed() {
        List<SandboxOrder> orders = rms.generateOrders(60);
        SandboxOrder island = orders.stream().filter(o -> o.recipient().remoteIsland()).findFirst().orElseThrow();
        Map<String, Object> request = new HashMap<>(Map.of("orderNumberList", List.of(island.id()), "version", 7));
        JsonNode model = SandboxHttp.postJson(es + "/order/getOrder/", auth, request).json().get("OrderModelList").get(0);
        assertThat(model.get("isolatedIslandFlag").asInt()).isEqualTo(1);
        assertThat(model.get("postagePrice").asInt()).isEqualTo(-9999);
        assertThat(model.get("requestPrice").asInt()).isEqualTo(-9999);
        SandboxHttp.postJson(es + "/order/confirmOrder/", auth, Map.of("orderNumberList", List.of(island.id())));
        model = SandboxHttp.postJson(es + "/order/getOrder/", auth, request).json().get("OrderModelList").get(0);
        assertThat(model.get("postagePrice").asInt()).isEqualTo(island.shippingFee()).isGreaterThanOrEqualTo(1100);
        assertThat(model.get("requestPrice").asInt()).isEqualTo(island.requestedAmount());
    }
}
