package dev.ichigen.channel.rakuten;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.connector.ChannelHttp;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import tools.jackson.databind.JsonNode;

/**
 * RMS WEB SERVICE calls for one channel: 楽天ペイ受注API {@code searchOrder} / {@code getOrder} and 在庫API 2.0
 * {@code inventories/bulk-upsert}. Base URL {@code credentials.endpoint} (a sandbox) or {@value #RMS_BASE}. Auth header
 * {@code ESA base64(serviceSecret:licenseKey)} (reference: rakuten/*.json). Rate-limit buckets {@code order} and
 * {@code inventory} (bulk-upsert: 1 request per second per shop).
 */
final class RakutenClient {

    static final String RMS_BASE = "https://api.rms.rakuten.co.jp";
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** {@code yyyy-MM-ddTHH:mm:ss+0900}: RMS wants the offset without a colon. */
    static final DateTimeFormatter RMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    /** getOrder {@code version}: 7 and later carry {@code SkuModelList} (the variantId of the stock key). */
    static final int GET_ORDER_VERSION = 7;

    private final ConnectorContext ctx;
    private final String base;

    RakutenClient(ConnectorContext ctx) {
        this.ctx = ctx;
        this.base = ctx.credentials().get("endpoint").orElse(RMS_BASE).replaceAll("/+$", "");
    }

    /** A page of searchOrder: order numbers (oldest first) and the page count. */
    record SearchPage(List<String> orderNumbers, int totalPages) {
    }

    /** searchOrder by 注文日時 (dateType 1) within [from, to] (≤ 63 days), sorted by 注文日時 ascending. */
    SearchPage searchOrder(Instant from, Instant to, int page, int perPage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dateType", 1);
        body.put("startDatetime", rms(from));
        body.put("endDatetime", rms(to));
        body.put("PaginationRequestModel", Map.of("requestRecordsAmount", perPage, "requestPage", page, "SortModelList",
                List.of(Map.of("sortColumn", 1, "sortDirection", 1))));
        return ctx.http().call(request("searchOrder", base + "/es/2.0/order/searchOrder/", body, "order"), answer -> {
            JsonNode json = json(answer);
            JsonNode numbers = RakutenOrderMapper.ci(json, "orderNumberList");
            if (!numbers.isArray() && !numbers.isNull() && !numbers.isMissingNode()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "searchOrder: orderNumberList is not a list", null);
            }
            List<String> list = new ArrayList<>();
            numbers.forEach(n -> list.add(n.asString()));
            int pages = RakutenOrderMapper.ci(RakutenOrderMapper.ci(json, "PaginationResponseModel"), "totalPages").asInt(1);
            return new SearchPage(list, pages);
        });
    }

    /** getOrder for ≤ 100 numbers; answers the OrderModels (numbers RMS does not know are left out). */
    List<JsonNode> getOrder(List<String> numbers) {
        if (numbers.size() > 100) {
            throw new IllegalArgumentException("getOrder takes at most 100 order numbers");
        }
        Map<String, Object> body = Map.of("orderNumberList", numbers, "version", GET_ORDER_VERSION);
        return ctx.http().call(request("getOrder", base + "/es/2.0/order/getOrder/", body, "order"), answer -> {
            JsonNode models = RakutenOrderMapper.ci(json(answer), "OrderModelList");
            if (!models.isArray()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "getOrder: no OrderModelList", null);
            }
            List<JsonNode> list = new ArrayList<>();
            models.forEach(list::add);
            return list;
        });
    }

    /** One stock entry: manageNumber, variantId, absolute quantity. */
    record Inventory(String manageNumber, String variantId, long quantity) {
    }

    /** inventories/bulk-upsert, mode ABSOLUTE, 1–400 entries; 204 = all written (RMS writes nothing on any error). */
    void bulkUpsert(List<Inventory> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Inventory e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("manageNumber", e.manageNumber());
            m.put("variantId", e.variantId());
            m.put("mode", "ABSOLUTE");
            m.put("quantity", e.quantity());
            list.add(m);
        }
        ctx.http().call(request("inventories.bulk-upsert", base + "/es/2.0/inventories/bulk-upsert",
                Map.of("inventories", list), "inventory"), answer -> null);
    }

    /** confirmOrder (注文確認): 100 注文確認待ち → 300 発送待ち; answers the ERROR messages (empty = confirmed). */
    List<String> confirmOrder(List<String> numbers) {
        return ctx.http().call(request("confirmOrder", base + "/es/2.0/order/confirmOrder/", Map.of("orderNumberList", numbers),
                "order"), answer -> errors(json(answer)));
    }

    /** One shipping record to add: 配送会社 code, お問い合わせ番号, 発送日. */
    record Shipping(String deliveryCompany, String shippingNumber, java.time.LocalDate shippingDate) {
    }

    /**
     * updateOrderShipping: ADDS the records (no {@code shippingDetailId}) to one 送付先 (basket), ≤ 20 a call
     * (reference: rakuten/rms-updateOrderShipping-request.json); answers the ERROR messages.
     */
    List<String> updateOrderShipping(String orderNumber, long basketId, List<Shipping> records) {
        if (records.size() > 20) {
            throw new IllegalArgumentException("updateOrderShipping takes at most 20 records per basket");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Shipping r : records) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deliveryCompany", r.deliveryCompany());
            m.put("shippingNumber", r.shippingNumber());
            m.put("shippingDate", r.shippingDate().toString());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderNumber", orderNumber);
        body.put("BasketidModelList", List.of(Map.of("basketId", basketId, "ShippingModelList", list)));
        return ctx.http().call(request("updateOrderShipping", base + "/es/2.0/order/updateOrderShipping/", body, "order"),
                answer -> errors(json(answer)));
    }

    private static List<String> errors(JsonNode json) {
        List<String> errors = new ArrayList<>();
        for (JsonNode m : RakutenOrderMapper.ci(json, "MessageModelList")) {
            if ("ERROR".equals(RakutenOrderMapper.ci(m, "messageType").asString(""))) {
                errors.add(RakutenOrderMapper.ci(m, "messageCode").asString("") + " "
                        + RakutenOrderMapper.ci(m, "message").asString(""));
            }
        }
        return errors;
    }

    static String rms(Instant t) {
        return RMS_TIME.format(OffsetDateTime.ofInstant(t, TOKYO));
    }

    private ChannelHttp.Request request(String operation, String url, Object body, String bucket) {
        Map<String, String> headers = new LinkedHashMap<>();
        String esa = ctx.credentials().require("serviceSecret") + ":" + ctx.credentials().require("licenseKey");
        headers.put("Authorization", "ESA " + Base64.getEncoder().encodeToString(esa.getBytes(StandardCharsets.UTF_8)));
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new ChannelHttp.Request(ctx.channelId(), operation, HttpMethod.POST, url, headers,
                RakutenOrderMapper.JSON.writeValueAsBytes(body), ctx.limiter(bucket));
    }

    private static JsonNode json(ChannelHttp.Answer answer) {
        try {
            JsonNode node = RakutenOrderMapper.JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "answer is not a JSON object", null);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "unreadable JSON answer", null);
        }
    }
}
