package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The order REST API: intake answers, validation, roles, detail, list/search/counts, actions, check settings. */
@IchigenIntegrationTest
class OrderApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OrderManagement orders;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    long channel;
    Sku sku;

    @BeforeEach
    void setUp() {
        OrderFixtures fx = new OrderFixtures(jdbc, warehouses, inventory);
        admin = Api.admin(port);
        channel = fx.channel();
        sku = fx.product("API");
        fx.receive(sku, "EAST", 100);
    }

    private Map<String, Object> body(String number, int quantity) {
        Map<String, Object> line = new HashMap<>(Map.of("lineKey", "L1", "sku", sku.value(), "name", "テスト商品",
                "quantity", quantity, "unitPrice", 1000, "taxRate", 10));
        Map<String, Object> b = new HashMap<>();
        b.put("channel", channel);
        b.put("channelOrderNumber", number);
        b.put("orderName", "#" + number);
        b.put("orderedAt", "2025-06-01T10:00:00+09:00");
        b.put("paymentMethod", "CARD");
        b.put("customer", Map.of("name", "山田 花子", "kana", "ヤマダ ハナコ", "email", number + "@example.jp",
                "phone", "03-" + String.format("%04d", Math.floorMod(number.hashCode(), 10000)) + "-0000"));
        b.put("ordererAddress", Map.of("postalCode", "100-0001", "prefecture", "東京都", "city", "千代田区", "street", "千代田1-1"));
        b.put("lines", new ArrayList<>(List.of(line)));
        return b;
    }

    private String token(String role) {
        Api.Response r = admin.post("/api/v1/tokens", Map.of("name", unique("t-" + role.toLowerCase()), "role", role));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("secret").asString();
    }

    private static List<String> fields(Api.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void createsAnOrderThenAnswersUnchangedForTheSameJsonAndUpdatedForChanges() {
        String number = unique("W");
        Api.Response created = admin.post("/api/v1/orders", body(number, 2));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode order = created.json().get("order");
        long id = order.get("id").asLong();
        assertThat(created.json().get("result").asString()).isEqualTo("CREATED");
        assertThat(order.get("status").asString()).isEqualTo("READY_TO_SHIP");
        assertThat(order.get("statusLabel").asString()).isEqualTo("出荷待ち");
        Api.Response location = admin.get("/api/v1/orders/" + id);
        assertThat(location.status()).isEqualTo(200);

        Api.Response same = admin.post("/api/v1/orders", body(number, 2));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("result").asString()).isEqualTo("UNCHANGED");
        assertThat(same.json().get("order").get("id").asLong()).isEqualTo(id);

        Map<String, Object> changed = body(number, 3);
        changed.put("remarks", "赤いリボンで");
        Api.Response updated = admin.post("/api/v1/orders", changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("result").asString()).isEqualTo("UPDATED");
        List<String> changedFields = new ArrayList<>();
        updated.json().get("changes").forEach(c -> changedFields.add(c.get("field").asString()));
        assertThat(changedFields).containsExactlyInAnyOrder("lines[L1].quantity", "remarks");
        assertThat(updated.json().get("order").get("status").asString()).isEqualTo("ON_HOLD");
    }

    @Test
    void aChangeOfAShippedOrderIsA409ProblemWithTheChanges() {
        String number = unique("W");
        long id = admin.post("/api/v1/orders", body(number, 1)).json().get("order").get("id").asLong();
        orders.markShipped(id); // what fulfillment will call

        Api.Response conflict = admin.post("/api/v1/orders", body(number, 5));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).contains("application/problem+json");
        JsonNode p = conflict.json();
        assertThat(p.get("result").asString()).isEqualTo("CONFLICT");
        assertThat(p.get("orderId").asLong()).isEqualTo(id);
        assertThat(p.get("changes").get(0).get("field").asString()).isEqualTo("lines[L1].quantity");
        JsonNode detail = admin.get("/api/v1/orders/" + id).json();
        assertThat(detail.get("status").asString()).isEqualTo("SHIPPED");
        assertThat(detail.get("lines").get(0).get("quantity").asLong()).isEqualTo(1);
        assertThat(detail.get("holds").get(0).get("id").asLong()).isEqualTo(p.get("holdId").asLong());
        assertThat(detail.get("holds").get(0).get("code").asString()).isEqualTo("CHANNEL_CHANGE_AFTER_SHIPMENT");
    }

    @Test
    void validationErrorsNameEachJsonField() {
        Map<String, Object> bad = body(unique("W"), 1);
        bad.remove("orderedAt");
        bad.put("paymentMethod", "BITCOIN");
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) bad.get("lines");
        lines.add(Map.of("lineKey", "L2", "sku", "bad sku!", "quantity", 1, "unitPrice", 100, "taxRate", "x"));
        lines.add(Map.of("lineKey", "L3", "sku", sku.value(), "quantity", 0, "unitPrice", 100, "taxRate", 8));

        Api.Response r = admin.post("/api/v1/orders", bad);

        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(fields(r)).contains("orderedAt", "paymentMethod", "lines[1].sku", "lines[1].taxRate", "lines[2].quantity");

        Map<String, Object> typo = body(unique("W"), 1);
        typo.put("lines", List.of(Map.of("sku", sku.value(), "quantity", "two", "unitPrice", 100, "taxRate", 10)));
        Api.Response type = admin.post("/api/v1/orders", typo);
        assertThat(type.status()).isEqualTo(422);
        assertThat(fields(type)).containsExactly("lines[0].quantity");

        Map<String, Object> noChannel = body(unique("W"), 1);
        noChannel.put("channel", 987654321L);
        assertThat(fields(admin.post("/api/v1/orders", noChannel))).containsExactly("channel");
    }

    @Test
    void warehouseMayReadButNotTakeInOrChangeOrdersAndStrangersMayDoNothing() {
        long id = admin.post("/api/v1/orders", body(unique("W"), 1)).json().get("order").get("id").asLong();
        Api warehouse = admin.withToken(token("WAREHOUSE"));
        Api operator = admin.withToken(token("OPERATOR"));
        Api stranger = admin.withToken(null);

        assertThat(warehouse.get("/api/v1/orders/" + id).status()).isEqualTo(200);
        assertThat(warehouse.get("/api/v1/orders?channel=" + channel).status()).isEqualTo(200);
        assertThat(warehouse.post("/api/v1/orders", body(unique("W"), 1)).status()).isEqualTo(403);
        assertThat(warehouse.post("/api/v1/orders/" + id + "/cancel", Map.of()).status()).isEqualTo(403);
        assertThat(warehouse.get("/api/v1/orders/check-settings").status()).isEqualTo(403);
        assertThat(stranger.get("/api/v1/orders/" + id).status()).isEqualTo(401);
        assertThat(stranger.post("/api/v1/orders", body(unique("W"), 1)).status()).isEqualTo(401);
        assertThat(operator.post("/api/v1/orders", body(unique("W"), 1)).status()).isEqualTo(201);
    }

    @Test
    void theDetailShowsLinesWithAllocationHoldsWithTheirCheckTheTaxSummaryAndTheHistory() {
        Map<String, Object> b = body(unique("W"), 1);
        b.put("remarks", "不在時は宅配ボックスへ");
        b.put("lines", List.of(Map.of("lineKey", "A", "sku", sku.value(), "name", "お茶", "quantity", 1, "unitPrice", 100, "taxRate", 8),
                Map.of("lineKey", "B", "sku", sku.value(), "name", "お茶", "quantity", 1, "unitPrice", 100, "taxRate", 8),
                Map.of("lineKey", "C", "sku", sku.value(), "name", "お茶", "quantity", 1, "unitPrice", 100, "taxRate", 8)));
        b.put("charges", Map.of("shippingFee", 550));
        b.put("pointsUsed", 50);
        b.put("delivery", Map.of("date", "2025-06-05", "timeSlot", "14時～16時"));
        long id = admin.post("/api/v1/orders", b).json().get("order").get("id").asLong();

        JsonNode o = admin.get("/api/v1/orders/" + id).json();

        assertThat(o.get("status").asString()).isEqualTo("ON_HOLD");
        JsonNode hold = o.get("holds").get(0);
        assertThat(hold.get("code").asString()).isEqualTo("REMARKS_PRESENT");
        assertThat(hold.get("source").asString()).isEqualTo("CHECK");
        assertThat(hold.get("sourceRef").asString()).isEqualTo("REMARKS_PRESENT");
        assertThat(hold.get("open").asBoolean()).isTrue();
        // 8%: ⌊300 × 8/108⌋ = 22 (not 3 × 7 = 21); 10%: the shipping fee ⌊550 × 10/110⌋ = 50
        JsonNode taxes = o.get("taxSummary");
        assertThat(taxes.size()).isEqualTo(2);
        assertThat(taxes.get(0).get("rate").asInt()).isEqualTo(10);
        assertThat(taxes.get(0).get("tax").asLong()).isEqualTo(50);
        assertThat(taxes.get(1).get("rate").asInt()).isEqualTo(8);
        assertThat(taxes.get(1).get("taxableAmount").asLong()).isEqualTo(300);
        assertThat(taxes.get(1).get("tax").asLong()).isEqualTo(22);
        assertThat(o.get("totals").get("grandTotal").asLong()).isEqualTo(850);
        assertThat(o.get("totals").get("amountToCollect").asLong()).isEqualTo(800);
        assertThat(o.get("lines").get(0).get("allocation").get("state").asString()).isEqualTo("RESERVED");
        assertThat(o.get("lines").get(0).get("allocation").get("warehouse").asString()).isEqualTo("EAST");
        assertThat(o.get("delivery").get("timeSlot").asString()).isEqualTo("14-16");
        assertThat(o.get("delivery").get("timeSlotText").asString()).isEqualTo("14時～16時");
        List<String> kinds = new ArrayList<>();
        o.get("history").forEach(h -> kinds.add(h.get("kind").asString()));
        assertThat(kinds).contains("CREATED", "HOLD_RAISED", "ALLOCATED", "STATUS");
        assertThat(admin.get("/api/v1/orders/999999999").status()).isEqualTo(404);
    }

    @Test
    void findsByTheChannelsNumberSearchesFiltersByStatusAndCounts() {
        String number = unique("W");
        Map<String, Object> b = body(number, 1);
        b.put("customer", Map.of("name", "小林 さくら", "kana", "コバヤシ サクラ", "phone", "045-111-2233", "email", "sakura@example.jp"));
        long id = admin.post("/api/v1/orders", b).json().get("order").get("id").asLong();

        JsonNode byNumber = admin.get("/api/v1/orders?channel=" + channel + "&channelOrderNumber=" + number).json();
        assertThat(byNumber.get("total").asLong()).isEqualTo(1);
        assertThat(byNumber.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(admin.get("/api/v1/orders?channel=" + channel + "&channelOrderNumber=nope").json().get("total").asLong()).isZero();
        for (String q : List.of("0451112233", "こばやし", "%E5%B0%8F%E6%9E%97")) { // 小林
            assertThat(admin.get("/api/v1/orders?channel=" + channel + "&q=" + q).json().get("items").get(0).get("id").asLong())
                    .as(q).isEqualTo(id);
        }
        assertThat(admin.get("/api/v1/orders?channel=" + channel + "&status=ON_HOLD").json().get("total").asLong()).isZero();
        assertThat(admin.get("/api/v1/orders?channel=" + channel + "&status=READY_TO_SHIP").json().get("total").asLong()).isEqualTo(1);
        Api.Response badStatus = admin.get("/api/v1/orders?status=LOST");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(fields(badStatus)).containsExactly("status");

        JsonNode counts = admin.get("/api/v1/orders/counts").json();
        assertThat(counts.get("byStatus").get("READY_TO_SHIP").asLong()).isPositive();
        assertThat(counts.get("labels").get("ON_HOLD").asString()).isEqualTo("確認待ち");
        List<String> mine = new ArrayList<>();
        counts.get("byChannel").forEach(c -> {
            if (c.get("channel").asLong() == channel) {
                mine.add(c.get("status").asString() + "=" + c.get("count").asLong());
            }
        });
        assertThat(mine).containsExactly("READY_TO_SHIP=1");
    }

    @Test
    void releasesHoldsCancelsRechecksAndRecordsPaymentsOverRest() {
        Map<String, Object> b = body(unique("W"), 1);
        b.put("remarks", "日曜は不在");
        b.put("paymentMethod", "BANK_TRANSFER");
        long id = admin.post("/api/v1/orders", b).json().get("order").get("id").asLong();
        JsonNode o = admin.get("/api/v1/orders/" + id).json();
        assertThat(o.get("status").asString()).isEqualTo("ON_HOLD");
        long remarksHold = 0;
        for (JsonNode h : o.get("holds")) {
            if (h.get("code").asString().equals("REMARKS_PRESENT")) {
                remarksHold = h.get("id").asLong();
            }
        }

        Api.Response noNote = admin.post("/api/v1/orders/" + id + "/holds/" + remarksHold + "/release", Map.of());
        assertThat(noNote.status()).isEqualTo(422);
        Api.Response released = admin.post("/api/v1/orders/" + id + "/holds/" + remarksHold + "/release", Map.of("note", "確認済"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(admin.post("/api/v1/orders/" + id + "/holds/" + remarksHold + "/release", Map.of("note", "x")).status())
                .isEqualTo(409);

        Api.Response paid = admin.post("/api/v1/orders/" + id + "/payment", Map.of("status", "PAID", "note", "振込確認"));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("READY_TO_SHIP");
        assertThat(paid.json().get("payment").get("statusLabel").asString()).isEqualTo("入金済");

        Api.Response held = admin.post("/api/v1/orders/" + id + "/holds", Map.of("detail", "住所確認中"));
        assertThat(held.json().get("status").asString()).isEqualTo("ON_HOLD");
        assertThat(admin.post("/api/v1/orders/" + id + "/recheck", Map.of()).json().get("status").asString()).isEqualTo("ON_HOLD");

        Api.Response cancelled = admin.post("/api/v1/orders/" + id + "/cancel", Map.of("reason", "お客様都合"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("allocation").get("state").asString()).isEqualTo("RELEASED");
    }

    @Test
    void checkSettingsAreListedAndChangedByAdminsAndOperators() {
        Api.Response list = admin.get("/api/v1/orders/check-settings");
        assertThat(list.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.json().forEach(c -> names.add(c.get("check").asString()));
        assertThat(names).contains("AMOUNT_OVER_THRESHOLD", "REMARKS_PRESENT", "UNMAPPED_ITEM", "PAYMENT_PENDING",
                "TOTAL_MISMATCH", "LIKELY_DUPLICATE", "LINE_PLAUSIBILITY");

        Api.Response changed = admin.put("/api/v1/orders/check-settings/LIKELY_DUPLICATE", Map.of("windowHours", 48));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("settings").get(0).get("value").asString()).isEqualTo("48");
        Api.Response restored = admin.put("/api/v1/orders/check-settings/LIKELY_DUPLICATE", Map.of("windowHours", 24));
        assertThat(restored.status()).isEqualTo(200);
        Api.Response unknownKey = admin.put("/api/v1/orders/check-settings/LIKELY_DUPLICATE", Map.of("speed", 1));
        assertThat(unknownKey.status()).isEqualTo(422);
        assertThat(fields(unknownKey)).containsExactly("settings.speed");
        assertThat(admin.put("/api/v1/orders/check-settings/NO_SUCH_CHECK", Map.of("enabled", false)).status()).isEqualTo(404);
    }

    @Test
    void theOpenApiDescriptionDocumentsTheOrderEndpoints() {
        String doc = admin.get("/v3/api-docs").text();
        assertThat(doc).contains("/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/holds/{holdId}/release",
                "/api/v1/orders/counts", "/api/v1/orders/check-settings/{check}");
    }
}
