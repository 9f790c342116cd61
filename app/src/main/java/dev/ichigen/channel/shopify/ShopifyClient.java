package dev.ichigen.channel.shopify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.connector.ChannelHttp;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import tools.jackson.databind.JsonNode;

/**
 * Shopify Admin API calls for one channel: REST {@code orders.json} (cursor pagination with the {@code Link} header),
 * REST {@code orders/count.json} (connection test) and the GraphQL {@code inventorySetQuantities} mutation. Base URL:
 * {@code credentials.endpoint} (a sandbox) or {@code https://<shopDomain>}; API version {@code credentials.apiVersion}
 * or {@value #DEFAULT_API_VERSION}. Auth header {@code X-Shopify-Access-Token}. Rate-limit buckets: {@code rest}
 * (leaky bucket of 40, 2/s — Shopify's standard-plan REST limit) and {@code graphql} (cost-based: 1000 points restoring
 * 50/s; one mutation costs about 10).
 */
final class ShopifyClient {

    static final String DEFAULT_API_VERSION = "2025-07";
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    static final String SET_QUANTITIES = "mutation InventorySet($input: InventorySetQuantitiesInput!) { "
            + "inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason changes { name delta } } "
            + "userErrors { code field message } } }";

    private final ConnectorContext ctx;
    private final String base;

    ShopifyClient(ConnectorContext ctx) {
        this.ctx = ctx;
        String endpoint = ctx.credentials().get("endpoint")
                .orElseGet(() -> "https://" + ctx.credentials().require("shopDomain"));
        String version = ctx.credentials().get("apiVersion").orElse(DEFAULT_API_VERSION);
        this.base = endpoint.replaceAll("/+$", "") + "/admin/api/" + version;
    }

    /** A page of orders: the raw order objects and the next page's URL ({@code null} = last page). */
    record OrdersPage(List<JsonNode> orders, String next) {
    }

    /** {@code GET orders.json?status=any&updated_at_min=…&limit=250}, or the {@code next} URL of a previous page. */
    OrdersPage orders(String updatedAtMin, String pageUrl) {
        String url = pageUrl != null ? pageUrl
                : base + "/orders.json?status=any&limit=250&updated_at_min=" + URLEncoder.encode(updatedAtMin, StandardCharsets.UTF_8);
        if (pageUrl != null && !pageUrl.startsWith(base)) {
            throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, "next page link points elsewhere");
        }
        return ctx.http().call(request("orders.list", HttpMethod.GET, url, null, "rest"), answer -> {
            JsonNode body = json(answer);
            JsonNode orders = body.path("orders");
            if (!orders.isArray()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, null, "orders.json: no orders array", null);
            }
            List<JsonNode> list = new ArrayList<>();
            orders.forEach(list::add);
            String link = answer.header("Link");
            String next = null;
            if (link != null) {
                Matcher m = NEXT_LINK.matcher(link);
                if (m.find()) {
                    next = m.group(1);
                }
            }
            return new OrdersPage(list, next);
        });
    }

    /** {@code GET orders/count.json}: an authenticated read costing one REST call. */
    long orderCount() {
        return ctx.http().call(request("orders.count", HttpMethod.GET, base + "/orders/count.json?status=any", null, "rest"),
                answer -> {
                    JsonNode count = json(answer).path("count");
                    if (!count.canConvertToLong()) {
                        throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, null, "orders/count.json: no count", null);
                    }
                    return count.asLong();
                });
    }

    /** One quantity to set: inventory item id, location id, absolute {@code available}. */
    record Quantity(String inventoryItemId, String locationId, long quantity) {
    }

    /** A user error of the mutation: which input index (or -1) and its code and message. */
    record UserError(int index, String code, String message) {
    }

    /**
     * {@code inventorySetQuantities} with absolute {@code available} quantities and {@code ignoreCompareQuantity: true}:
     * ichigen's stock is the truth, what the shop shows is overwritten (no compare-and-set). Answers the user errors;
     * Shopify writes nothing when there is any (all or nothing).
     */
    List<UserError> setQuantities(List<Quantity> quantities, String reference) {
        List<Map<String, Object>> qs = new ArrayList<>();
        for (Quantity q : quantities) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("inventoryItemId", "gid://shopify/InventoryItem/" + q.inventoryItemId());
            m.put("locationId", "gid://shopify/Location/" + q.locationId());
            m.put("quantity", q.quantity());
            qs.add(m);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("ignoreCompareQuantity", true);
        input.put("referenceDocumentUri", reference);
        input.put("quantities", qs);
        byte[] body = ShopifyOrderMapper.JSON.writeValueAsBytes(Map.of("query", SET_QUANTITIES, "variables", Map.of("input", input)));
        return ctx.http().call(request("inventory.set", HttpMethod.POST, base + "/graphql.json", body, "graphql"), answer -> {
            JsonNode json = json(answer);
            JsonNode errors = json.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                String code = errors.get(0).path("extensions").path("code").asString("");
                String message = errors.get(0).path("message").asString("GraphQL error");
                if (code.equals("THROTTLED")) {
                    throw new ConnectorException(FailureCause.RATE_LIMITED, 200, "GraphQL THROTTLED", java.time.Duration.ofSeconds(1));
                }
                if (code.equals("ACCESS_DENIED")) {
                    throw new ConnectorException(FailureCause.BAD_CREDENTIALS, 200, "GraphQL ACCESS_DENIED", null);
                }
                throw new ConnectorException(FailureCause.REJECTED, 200, "GraphQL: " + message, null);
            }
            JsonNode result = json.path("data").path("inventorySetQuantities");
            if (!result.isObject()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, 200, "GraphQL: no inventorySetQuantities", null);
            }
            List<UserError> userErrors = new ArrayList<>();
            for (JsonNode e : result.path("userErrors")) {
                int index = -1;
                JsonNode field = e.path("field");
                // field: ["input", "quantities", "<index>", "inventoryItemId"]
                if (field.isArray() && field.size() >= 3 && "quantities".equals(field.get(1).asString(""))) {
                    try {
                        index = Integer.parseInt(field.get(2).asString(""));
                    } catch (NumberFormatException ex) {
                        index = -1;
                    }
                }
                userErrors.add(new UserError(index, e.path("code").asString(""), e.path("message").asString("")));
            }
            return userErrors;
        });
    }

    /** {@code GET orders/{id}.json}: the order object (its {@code fulfillments} carry the tracking numbers sent). */
    JsonNode order(String orderId) {
        return ctx.http().call(request("orders.get", HttpMethod.GET, base + "/orders/" + orderId + ".json", null, "rest"),
                answer -> {
                    JsonNode order = json(answer).path("order");
                    if (!order.isObject()) {
                        throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "orders/{id}.json: no order", null);
                    }
                    return order;
                });
    }

    /** {@code GET orders/{id}/fulfillment_orders.json}: the order's fulfillment orders (id, status). */
    List<JsonNode> fulfillmentOrders(String orderId) {
        return ctx.http().call(request("fulfillment_orders.list", HttpMethod.GET,
                base + "/orders/" + orderId + "/fulfillment_orders.json", null, "rest"), answer -> {
                    JsonNode list = json(answer).path("fulfillment_orders");
                    if (!list.isArray()) {
                        throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(),
                                "fulfillment_orders.json: no fulfillment_orders array", null);
                    }
                    List<JsonNode> result = new ArrayList<>();
                    list.forEach(result::add);
                    return result;
                });
    }

    /**
     * {@code POST fulfillments.json} for whole fulfillment orders (every remaining line) with one {@code tracking_info}
     * (reference: shopify/fulfillment-create-rest-request.json); the customer is notified by Shopify.
     */
    void createFulfillment(List<String> fulfillmentOrderIds, String company, String number, String url) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String id : fulfillmentOrderIds) {
            groups.add(Map.of("fulfillment_order_id", Long.parseLong(id)));
        }
        Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("company", company);
        tracking.put("number", number);
        if (url != null) {
            tracking.put("url", url);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("line_items_by_fulfillment_order", groups);
        f.put("tracking_info", tracking);
        f.put("notify_customer", true);
        byte[] body = ShopifyOrderMapper.JSON.writeValueAsBytes(Map.of("fulfillment", f));
        ctx.http().call(request("fulfillments.create", HttpMethod.POST, base + "/fulfillments.json", body, "rest"), answer -> {
            json(answer);
            return null;
        });
    }

    private ChannelHttp.Request request(String operation, HttpMethod method, String url, byte[] body, String bucket) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shopify-Access-Token", ctx.credentials().require("accessToken"));
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new ChannelHttp.Request(ctx.channelId(), operation, method, url, headers, body, ctx.limiter(bucket));
    }

    private static JsonNode json(ChannelHttp.Answer answer) {
        try {
            JsonNode node = ShopifyOrderMapper.JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "answer is not a JSON object", null);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), "unreadable JSON answer", null);
        }
    }
}
