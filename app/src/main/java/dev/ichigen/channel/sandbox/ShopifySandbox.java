package dev.ichigen.channel.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults.Kind;
import dev.ichigen.channel.sandbox.SandboxOrder.Line;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;
import tools.jackson.databind.JsonNode;

/**
 * A Shopify shop's Admin API (REST + GraphQL) and its webhooks.
 *
 * <p>Auth: header {@code X-Shopify-Access-Token} = the shop's access token, else 401
 * {@code {"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}}.
 * REST calls share Shopify's leaky bucket (40 requests, 2 per second; header
 * {@code X-Shopify-Shop-Api-Call-Limit}); exceeding it answers 429 with {@code Retry-After: 2.0}.
 *
 * <p>Endpoints ({@code {v}} = API version such as {@code 2025-07}):
 * <ul>
 * <li>{@code GET /admin/api/{v}/orders.json} — {@code status} (open/closed/cancelled/any), {@code created_at_min/max},
 * {@code updated_at_min/max}, {@code since_id}, {@code fulfillment_status}, {@code ids}, {@code limit} (1–250, default 50;
 * more is 400), cursor pagination with {@code page_info} and a {@code Link: <…>; rel="next"} header (with
 * {@code page_info} only {@code limit} may be repeated). {@code GET /orders/{id}.json}, {@code GET /orders/count.json}.</li>
 * <li>{@code GET /orders/{id}/fulfillment_orders.json}, {@code POST /fulfillments.json} (fulfillment-order based, with
 * {@code tracking_info}; reference: shopify/fulfillment-create-rest-request.json) — the order becomes
 * {@code fulfilled} (or {@code partial}) and an {@code orders/updated} webhook follows.</li>
 * <li>{@code POST /orders/{id}/cancel.json} — the merchant cancels.</li>
 * <li>{@code POST /inventory_levels/set.json} (absolute {@code available}; reference: shopify/inventory-levels-set-rest-request.json),
 * {@code GET /inventory_levels.json?inventory_item_ids=…} (≤ 50 ids) for reconciliation.</li>
 * <li>{@code POST /graphql.json} — the {@code inventorySetQuantities} mutation only (reference:
 * shopify/inventory-set-quantities-graphql-request.json): absolute quantities; unless {@code ignoreCompareQuantity},
 * each needs {@code compareQuantity} ({@code COMPARE_QUANTITY_REQUIRED}) and a stale one gives
 * {@code COMPARE_QUANTITY_STALE} with nothing written; from {@code 2026-01} {@code changeFromQuantity} overrides it
 * ({@code CHANGE_FROM_QUANTITY_STALE}); {@code INVALID_INVENTORY_ITEM}, {@code INVALID_LOCATION}, {@code INVALID_NAME}.
 * Input must come as the {@code $input} variable. Cost-based throttling is approximated (10 points a mutation,
 * 1000-point bucket restoring 50/s; throttled = 200 with {@code errors[].extensions.code = THROTTLED}).</li>
 * </ul>
 *
 * <p>Webhooks: {@code orders/create}, {@code orders/updated}, {@code orders/cancelled} are POSTed to the configured
 * URL ({@code PUT /_sandbox/config {"webhookUrl":…}}) with {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw
 * body keyed with the app secret ({@code webhookSecret}), {@code X-Shopify-Webhook-Id} (unique per delivery; a retry or
 * a redelivery keeps it), {@code X-Shopify-Topic}, {@code X-Shopify-Shop-Domain}, {@code X-Shopify-API-Version}. A
 * non-2xx answer is retried ({@code webhookRetries}, default 2, after 1 s and 2 s). Admin: {@code GET /_sandbox/webhooks},
 * {@code POST /_sandbox/webhooks/{id}/redeliver}. Payloads follow shopify/orders-create-webhook-test-payload.json: ids
 * above 2^53 for orders, line items and customers, money as decimal strings ({@code JPY}: whole yen).
 *
 * <p>SPEC-DERIVED / simplified: GraphQL answers the mutation's standard selection whatever was selected; the
 * {@code @idempotent} directive (required from 2026-04) is not enforced; REST list order is by id ascending (there is no
 * {@code rel="previous"} link); province is the prefecture's Japanese name with {@code province_code} {@code JP-nn}; the
 * error bodies of 400/422 follow Shopify's {@code {"errors": …}} convention with sandbox wording.
 */
public final class ShopifySandbox extends SandboxServer {

    static final String API_VERSION = "2025-07";
    private static final String VERSION = "(?<version>\\d{4}-\\d{2}|unstable)";
    private static final long ORDER_ID_BASE = 820_982_911_946_154_508L; // > 2^53, like Shopify's own test payload
    private static final long LINE_ID_BASE = 866_550_311_766_439_020L;
    private static final long CUSTOMER_ID_BASE = 115_310_627_314_723_954L;

    private final String shopDomain;
    private final String accessToken;
    private final String webhookSecret;
    private final long locationId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-shopify-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong fulfillmentIds = new AtomicLong(5_912_000_000L);
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final TokenBucket restBucket = new TokenBucket(40, 2);
    private final TokenBucket graphqlBucket = new TokenBucket(100, 5); // 1000 points / 10 per mutation, 50 points/s
    private volatile String webhookUrl;
    private volatile int webhookRetries = 2;

    /** One webhook delivery (an id keeps its body for redelivery) and what the receiver answered. */
    public record WebhookDelivery(String webhookId, String topic, String orderId, byte[] body, boolean validSignature,
            List<Integer> statuses) {
    }

    public ShopifySandbox(String host, int port, Clock clock, long seed, String shopDomain, String accessToken,
            String webhookSecret, long locationId) {
        super(Platform.SHOPIFY, host, port, clock, seed);
        this.shopDomain = shopDomain;
        this.accessToken = accessToken;
        this.webhookSecret = webhookSecret;
        this.locationId = locationId;
        routes();
    }

    /** A sandbox with default credentials ({@code ichigen-sandbox.myshopify.com}). */
    public static ShopifySandbox withDefaults(int port, long seed) {
        return new ShopifySandbox("127.0.0.1", port, Clock.systemUTC(), seed, "ichigen-sandbox.myshopify.com",
                "shpat_sandbox_0123456789abcdef", "sandbox-shopify-app-secret", 655441491L);
    }

    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("shopDomain", shopDomain);
        c.put("accessToken", accessToken);
        c.put("webhookSecret", webhookSecret);
        c.put("apiVersion", API_VERSION);
        c.put("locationId", String.valueOf(locationId));
        c.put("endpoint", baseUrl());
        return c;
    }

    public long locationId() {
        return locationId;
    }

    /** Where webhooks go; {@code null} = none are sent (they are still recorded). */
    public void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    public void webhookRetries(int retries) {
        this.webhookRetries = Math.max(0, Math.min(retries, 5));
    }

    public List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        webhookSender.shutdownNow();
    }

    // ---------------------------------------------------------------- platform behaviour

    @Override
    protected void authenticate(SandboxRequest request) {
        String token = request.header("X-Shopify-Access-Token");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                accessToken.getBytes(StandardCharsets.UTF_8))) {
            throw new SandboxException(SandboxResponse.json(401,
                    obj("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)")));
        }
    }

    @Override
    protected SandboxResponse failure(Kind kind, int retryAfterSeconds) {
        return switch (kind) {
            case RATE_LIMITED -> SandboxResponse.json(429, obj("errors",
                    "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."))
                    .with("Retry-After", retryAfterSeconds + ".0");
            case UNAVAILABLE -> SandboxResponse.json(503, obj("errors", "Unavailable Shop"));
            default -> SandboxResponse.json(500, obj("errors", "Internal Server Error"));
        };
    }

    @Override
    protected SandboxResponse notFound(SandboxRequest request) {
        return SandboxResponse.json(404, obj("errors", "Not Found"));
    }

    @Override
    protected TokenBucket rateLimit(String endpoint) {
        return endpoint.equals("graphql") ? null : restBucket;
    }

    @Override
    protected SandboxListing prepare(SandboxListing l) {
        long n = Math.abs((long) l.key().hashCode()) % 1_000_000_000L;
        long product = l.productId() != 0 ? l.productId() : 7_000_000_000_000L + n;
        long variant = l.variantId() != 0 ? l.variantId() : 43_000_000_000_000L + n;
        long item = l.inventoryItemId() != 0 ? l.inventoryItemId() : 45_000_000_000_000L + n;
        return l.withIds(product, variant, item, l.asin());
    }

    private Optional<SandboxListing> byInventoryItem(long inventoryItemId) {
        return listings().stream().filter(l -> l.inventoryItemId() == inventoryItemId).findFirst();
    }

    @Override
    protected SandboxOrder newOrder(GeneratedOrder g, List<Line> lines, Instant now) {
        long n = sequence.incrementAndGet();
        long id = ORDER_ID_BASE + n * 7_919L;
        List<Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            numbered.add(new Line(LINE_ID_BASE + n * 1_000L + i, l.code(), l.subCode(), l.title(), l.unitPrice(),
                    l.taxRatePercent(), l.quantity(), l.set(), l.productId(), l.variantId(), l.inventoryItemId(), l.asin()));
        }
        SandboxOrder o = new SandboxOrder(String.valueOf(id), id, now, g, numbered, shippingFee(g, numbered), codFee(g),
                giftWrapFee(g), "open");
        o.extra().put("number", 1000 + n);
        o.extra().put("fulfillmentOrderId", 6_100_000_000_000L + n);
        o.extra().put("customerId", CUSTOMER_ID_BASE + n * 31L);
        return o;
    }

    @Override
    protected void orderPlaced(SandboxOrder order) {
        webhook("orders/create", order);
    }

    @Override
    protected void cancel(SandboxOrder order) {
        cancelOrder(order, "customer");
    }

    private void cancelOrder(SandboxOrder order, String reason) {
        synchronized (this) {
            if (order.cancelledAt() != null) {
                return;
            }
            order.extra().put("cancelReason", reason);
            order.cancelled(now());
            order.status("cancelled", now());
            restock(order);
        }
        webhook("orders/cancelled", order);
        webhook("orders/updated", order);
    }

    @Override
    protected void resetPlatform() {
        synchronized (deliveries) {
            deliveries.clear();
        }
        sequence.set(0);
        webhookUrl = null;
        webhookRetries = 2;
    }

    @Override
    protected void configure(JsonNode config) {
        if (config.has("webhookUrl")) {
            webhookUrl(text(config, "webhookUrl"));
        }
        if (config.has("webhookRetries")) {
            webhookRetries(config.path("webhookRetries").asInt());
        }
    }

    @Override
    protected Map<String, Object> info() {
        Map<String, Object> m = super.info();
        m.put("webhookUrl", webhookUrl);
        m.put("locationId", locationId);
        return m;
    }

    // ---------------------------------------------------------------- routes

    private void routes() {
        String base = "/admin/api/" + VERSION;
        route("GET", base + "/orders\\.json", "orders.list", this::listOrders);
        route("GET", base + "/orders/count\\.json", "orders.count", r -> {
            List<SandboxOrder> matching = filtered(r.queryParameters(), null);
            return rest(matching == null ? SandboxResponse.json(400, obj("errors", "invalid date parameter"))
                    : SandboxResponse.json(200, obj("count", matching.size())));
        });
        route("GET", base + "/orders/(?<id>\\d+)\\.json", "orders.get", r -> rest(SandboxResponse.json(200,
                obj("order", orderJson(orderOr404(r.pathVariable("id")))))));
        route("POST", base + "/orders/(?<id>\\d+)/cancel\\.json", "orders.cancel", r -> {
            SandboxOrder o = orderOr404(r.pathVariable("id"));
            if (o.shippedAt() != null) {
                return rest(SandboxResponse.json(422, obj("errors", "Cannot cancel an order that has been fulfilled")));
            }
            cancelOrder(o, "other");
            return rest(SandboxResponse.json(200, obj("order", orderJson(o))));
        });
        route("GET", base + "/orders/(?<id>\\d+)/fulfillment_orders\\.json", "fulfillment_orders.list",
                r -> rest(SandboxResponse.json(200, obj("fulfillment_orders", List.of(fulfillmentOrderJson(
                        orderOr404(r.pathVariable("id"))))))));
        route("POST", base + "/fulfillments\\.json", "fulfillments.create", this::createFulfillment);
        route("POST", base + "/inventory_levels/set\\.json", "inventory_levels.set", this::setInventoryLevel);
        route("GET", base + "/inventory_levels\\.json", "inventory_levels.list", this::listInventoryLevels);
        route("POST", base + "/graphql\\.json", "graphql", this::graphql);
        adminRoute("GET", "/webhooks", r -> SandboxResponse.json(200, obj("deliveries", deliveries().stream()
                .map(d -> obj("webhookId", d.webhookId(), "topic", d.topic(), "orderId", d.orderId(), "validSignature",
                        d.validSignature(), "statuses", d.statuses()))
                .toList())));
        adminRoute("POST", "/webhooks/(?<id>[^/]+)/redeliver", r -> {
            WebhookDelivery d = deliveries().stream().filter(x -> x.webhookId().equals(r.pathVariable("id"))).findFirst()
                    .orElseThrow(() -> new SandboxException(SandboxResponse.json(404, obj("error", "no such delivery"))));
            send(d, d.validSignature());
            return SandboxResponse.json(202, obj("webhookId", d.webhookId()));
        });
    }

    private SandboxResponse rest(SandboxResponse response) {
        return response.with("X-Shopify-Shop-Api-Call-Limit",
                (restBucket.capacity() - restBucket.available()) + "/" + restBucket.capacity());
    }

    private SandboxOrder orderOr404(String id) {
        return order(id).orElseThrow(() -> new SandboxException(SandboxResponse.json(404, obj("errors", "Not Found"))));
    }

    private SandboxResponse listOrders(SandboxRequest r) {
        Map<String, List<String>> params = new LinkedHashMap<>(r.queryParameters());
        int limit = 50;
        if (r.query("limit") != null) {
            try {
                limit = Integer.parseInt(r.query("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 250) {
                // Shopify REST: limit defaults to 50, maximum 250
                return rest(SandboxResponse.json(400, obj("errors", obj("limit", List.of("must be between 1 and 250")))));
            }
        }
        long after = 0;
        if (r.query("page_info") != null) {
            for (String k : params.keySet()) {
                if (!k.equals("page_info") && !k.equals("limit") && !k.equals("fields")) {
                    return rest(SandboxResponse.json(400, obj("errors",
                            "page_info - other parameters than limit and fields cannot be used with page_info: " + k)));
                }
            }
            try {
                JsonNode cursor = JSON.readTree(Base64.getUrlDecoder().decode(r.query("page_info")));
                after = cursor.path("after").asLong();
                params = new LinkedHashMap<>();
                for (var e : cursor.path("filters").properties()) {
                    params.put(e.getKey(), List.of(e.getValue().asString()));
                }
            } catch (RuntimeException e) {
                return rest(SandboxResponse.json(400, obj("errors", "page_info - Invalid value.")));
            }
        }
        List<SandboxOrder> matching = filtered(params, null);
        if (matching == null) {
            return rest(SandboxResponse.json(400, obj("errors", "invalid date in a *_at_min / *_at_max parameter")));
        }
        long afterId = after;
        List<SandboxOrder> page = matching.stream().filter(o -> o.numericId() > afterId).limit(limit + 1L).toList();
        boolean more = page.size() > limit;
        if (more) {
            page = page.subList(0, limit);
        }
        SandboxResponse response = SandboxResponse.json(200, obj("orders", page.stream().map(this::orderJson).toList()));
        if (more) {
            Map<String, Object> filters = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (!k.equals("limit") && !k.equals("page_info") && !v.isEmpty()) {
                    filters.put(k, v.get(0));
                }
            });
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(
                    obj("filters", filters, "after", page.get(page.size() - 1).numericId())));
            String version = r.path().split("/")[3];
            response = response.with("Link", "<" + baseUrl() + "/admin/api/" + version + "/orders.json?limit=" + limit
                    + "&page_info=" + cursor + ">; rel=\"next\"");
        }
        return rest(response);
    }

    /** Orders matching Shopify's list filters, by id ascending; {@code null} when a date is malformed. */
    private List<SandboxOrder> filtered(Map<String, List<String>> params, Object unused) {
        String status = first(params, "status", "open");
        String fulfillment = first(params, "fulfillment_status", "any");
        long sinceId;
        Instant createdMin, createdMax, updatedMin, updatedMax;
        try {
            sinceId = Long.parseLong(first(params, "since_id", "0"));
            createdMin = instant(first(params, "created_at_min", null));
            createdMax = instant(first(params, "created_at_max", null));
            updatedMin = instant(first(params, "updated_at_min", null));
            updatedMax = instant(first(params, "updated_at_max", null));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        String ids = first(params, "ids", null);
        List<String> idList = ids == null ? null : List.of(ids.split(","));
        return orders().stream()
                .filter(o -> switch (status) {
                    case "any" -> true;
                    case "cancelled" -> o.cancelledAt() != null;
                    case "closed" -> false; // the sandbox never archives orders
                    default -> o.cancelledAt() == null;
                })
                .filter(o -> switch (fulfillment) {
                    case "shipped" -> "fulfilled".equals(fulfillmentStatus(o));
                    case "partial" -> "partial".equals(fulfillmentStatus(o));
                    case "unshipped", "unfulfilled" -> fulfillmentStatus(o) == null;
                    default -> true;
                })
                .filter(o -> o.numericId() > sinceId)
                .filter(o -> idList == null || idList.contains(o.id()))
                .filter(o -> createdMin == null || !o.orderedAt().isBefore(createdMin))
                .filter(o -> createdMax == null || !o.orderedAt().isAfter(createdMax))
                .filter(o -> updatedMin == null || !o.updatedAt().isBefore(updatedMin))
                .filter(o -> updatedMax == null || !o.updatedAt().isAfter(updatedMax))
                .sorted(Comparator.comparingLong(SandboxOrder::numericId))
                .toList();
    }

    private static String first(Map<String, List<String>> params, String name, String fallback) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? fallback : v.get(0);
    }

    private static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    private SandboxResponse createFulfillment(SandboxRequest r) {
        JsonNode body = r.json(SandboxResponse.json(400, obj("errors", "Bad Request")));
        JsonNode f = body.path("fulfillment");
        if (!f.path("line_items_by_fulfillment_order").isArray() || f.path("line_items_by_fulfillment_order").isEmpty()) {
            return rest(SandboxResponse.json(400, obj("errors", obj("fulfillment",
                    "Required parameter missing or invalid: line_items_by_fulfillment_order"))));
        }
        SandboxOrder order = null;
        Map<Long, Integer> shipping = new LinkedHashMap<>();
        synchronized (this) {
            for (JsonNode group : f.path("line_items_by_fulfillment_order")) {
                long foId = group.path("fulfillment_order_id").asLong();
                SandboxOrder o = orders().stream().filter(x -> Long.valueOf(foId).equals(x.extra().get("fulfillmentOrderId")))
                        .findFirst().orElse(null);
                if (o == null) {
                    return rest(SandboxResponse.json(404, obj("errors", "Not Found")));
                }
                if (order != null && order != o) {
                    return rest(SandboxResponse.json(422, obj("errors",
                            List.of("All fulfillment orders must belong to the same order"))));
                }
                order = o;
                String foStatus = fulfillmentOrderStatus(o);
                if (!foStatus.equals("open") && !foStatus.equals("in_progress")) {
                    return rest(SandboxResponse.json(422, obj("errors", List.of("Fulfillment order " + foId
                            + " has an unfulfillable status= " + foStatus + "."))));
                }
                Map<Long, Integer> left = remaining(o);
                if (group.path("fulfillment_order_line_items").isArray() && !group.path("fulfillment_order_line_items").isEmpty()) {
                    for (JsonNode li : group.path("fulfillment_order_line_items")) {
                        long lineId = li.path("id").asLong() - foLineOffset(o);
                        int q = li.path("quantity").asInt();
                        if (!left.containsKey(lineId) || q < 1 || q > left.get(lineId) - shipping.getOrDefault(lineId, 0)) {
                            return rest(SandboxResponse.json(422, obj("errors", List.of(
                                    "Invalid fulfillment order line item quantity requested."))));
                        }
                        shipping.merge(lineId, q, Integer::sum);
                    }
                } else {
                    left.forEach((k, v) -> {
                        if (v > 0) {
                            shipping.merge(k, v, Integer::sum);
                        }
                    });
                }
            }
            if (shipping.isEmpty()) {
                return rest(SandboxResponse.json(422, obj("errors", List.of("Fulfillment order has no remaining quantity"))));
            }
            JsonNode tracking = f.path("tracking_info");
            SandboxOrder.Shipment s = new SandboxOrder.Shipment(fulfillmentIds.incrementAndGet(), text(tracking, "company"),
                    text(tracking, "number"), LocalDate.now(clock.withZone(TOKYO)), shipping);
            order.addShipment(s, now());
            order.extra().put("trackingUrl:" + s.id(), text(tracking, "url"));
            if (remaining(order).values().stream().allMatch(v -> v == 0)) {
                order.shipped(now());
                order.status("fulfilled", now());
            } else {
                order.status("partial", now());
            }
        }
        webhook("orders/updated", order);
        SandboxOrder.Shipment created = order.shipments().get(order.shipments().size() - 1);
        return rest(SandboxResponse.json(201, obj("fulfillment", fulfillmentJson(order, created))));
    }

    private Map<Long, Integer> remaining(SandboxOrder o) {
        Map<Long, Integer> shipped = o.shippedQuantities();
        Map<Long, Integer> left = new LinkedHashMap<>();
        for (Line l : o.lines()) {
            left.put(l.lineId(), l.quantity() - shipped.getOrDefault(l.lineId(), 0));
        }
        return left;
    }

    private long foLineOffset(SandboxOrder o) {
        // fulfillment order line item ids are not the order's line item ids (reference: rules of fulfillment-create)
        return 1_000_000_000_000L;
    }

    private SandboxResponse setInventoryLevel(SandboxRequest r) {
        JsonNode body = r.json(SandboxResponse.json(400, obj("errors", "Bad Request")));
        for (String required : List.of("location_id", "inventory_item_id", "available")) {
            if (!body.has(required) || body.path(required).isNull()) {
                return rest(SandboxResponse.json(400, obj("errors", obj(required, "Required parameter missing or invalid"))));
            }
        }
        if (body.path("location_id").asLong() != locationId) {
            return rest(SandboxResponse.json(422, obj("errors", List.of("Location does not exist or is inactive"))));
        }
        long item = body.path("inventory_item_id").asLong();
        SandboxListing l = byInventoryItem(item).orElse(null);
        if (l == null) {
            return rest(SandboxResponse.json(422, obj("errors", List.of("Inventory item does not exist"))));
        }
        if (!body.path("available").canConvertToInt()) {
            return rest(SandboxResponse.json(422, obj("errors", obj("available", List.of("is not a number")))));
        }
        l.setQuantity(body.path("available").asInt());
        return rest(SandboxResponse.json(200, obj("inventory_level", levelJson(l))));
    }

    private SandboxResponse listInventoryLevels(SandboxRequest r) {
        String ids = r.query("inventory_item_ids");
        String locations = r.query("location_ids");
        if (ids == null && locations == null) {
            return rest(SandboxResponse.json(422, obj("errors", "inventory_item_ids or location_ids must be given")));
        }
        List<String> idList = ids == null ? null : List.of(ids.split(","));
        if (idList != null && idList.size() > 50) {
            return rest(SandboxResponse.json(422, obj("errors", "inventory_item_ids: at most 50")));
        }
        if (locations != null && !List.of(locations.split(",")).contains(String.valueOf(locationId))) {
            return rest(SandboxResponse.json(200, obj("inventory_levels", List.of())));
        }
        return rest(SandboxResponse.json(200, obj("inventory_levels", listings().stream()
                .filter(l -> idList == null || idList.contains(String.valueOf(l.inventoryItemId())))
                .map(this::levelJson).toList())));
    }

    private Map<String, Object> levelJson(SandboxListing l) {
        return obj("inventory_item_id", l.inventoryItemId(), "location_id", locationId, "available", l.quantity(),
                "updated_at", OffsetDateTime.ofInstant(now(), TOKYO).toString(), "admin_graphql_api_id",
                "gid://shopify/InventoryLevel/" + locationId + "?inventory_item_id=" + l.inventoryItemId());
    }

    // ---------------------------------------------------------------- GraphQL

    private SandboxResponse graphql(SandboxRequest r) {
        JsonNode body = r.json(SandboxResponse.json(400, obj("errors", List.of(obj("message", "Bad Request: not JSON")))));
        String query = text(body, "query");
        if (query == null || !query.contains("inventorySetQuantities")) {
            return SandboxResponse.json(200, obj("errors", List.of(obj("message",
                    "the sandbox supports only the inventorySetQuantities mutation"))));
        }
        if (!graphqlBucket.tryTake()) {
            return SandboxResponse.json(200, obj("errors", List.of(obj("message", "Throttled", "extensions",
                    obj("code", "THROTTLED"))), "extensions", cost()));
        }
        JsonNode input = body.path("variables").path("input");
        if (!input.isObject()) {
            return SandboxResponse.json(200, obj("errors", List.of(obj("message",
                    "Variable $input of type InventorySetQuantitiesInput! was provided invalid value"))));
        }
        String version = r.path().split("/")[3];
        boolean changeFromSupported = version.equals("unstable") || version.compareTo("2026-01") >= 0;
        List<Map<String, Object>> userErrors = new ArrayList<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        String name = text(input, "name");
        if (!"available".equals(name) && !"on_hand".equals(name)) {
            userErrors.add(userError("INVALID_NAME", List.of("input", "name"), "The quantity name must be either 'available' or 'on_hand'."));
        }
        boolean ignoreCompare = input.path("ignoreCompareQuantity").asBoolean(false);
        synchronized (this) {
            List<SandboxListing> targets = new ArrayList<>();
            List<Integer> values = new ArrayList<>();
            int i = 0;
            for (JsonNode q : input.path("quantities")) {
                String idx = String.valueOf(i++);
                SandboxListing l = byInventoryItem(gid(text(q, "inventoryItemId"))).orElse(null);
                if (l == null) {
                    userErrors.add(userError("INVALID_INVENTORY_ITEM", List.of("input", "quantities", idx, "inventoryItemId"),
                            "The specified inventory item could not be found."));
                    continue;
                }
                if (gid(text(q, "locationId")) != locationId) {
                    userErrors.add(userError("INVALID_LOCATION", List.of("input", "quantities", idx, "locationId"),
                            "The specified location could not be found."));
                    continue;
                }
                int current = l.quantity();
                if (changeFromSupported && q.has("changeFromQuantity")) {
                    if (!q.path("changeFromQuantity").isNull() && q.path("changeFromQuantity").asInt() != current) {
                        userErrors.add(userError("CHANGE_FROM_QUANTITY_STALE", List.of("input", "quantities", idx,
                                "changeFromQuantity"), "The changeFromQuantity argument no longer matches the persisted quantity."));
                        continue;
                    }
                } else if (!ignoreCompare) {
                    if (!q.has("compareQuantity") || q.path("compareQuantity").isNull()) {
                        userErrors.add(userError("COMPARE_QUANTITY_REQUIRED", List.of("input", "quantities", idx,
                                "compareQuantity"), "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity."));
                        continue;
                    }
                    if (q.path("compareQuantity").asInt() != current) {
                        userErrors.add(userError("COMPARE_QUANTITY_STALE", List.of("input", "quantities", idx,
                                "compareQuantity"), "The compareQuantity argument no longer matches the persisted quantity."));
                        continue;
                    }
                }
                targets.add(l);
                values.add(q.path("quantity").asInt());
            }
            if (userErrors.isEmpty()) { // all or nothing: a stale quantity writes nothing
                for (int k = 0; k < targets.size(); k++) {
                    SandboxListing l = targets.get(k);
                    int delta = values.get(k) - l.quantity();
                    l.setQuantity(values.get(k));
                    for (String n : List.of(name, name.equals("available") ? "on_hand" : "available")) {
                        changes.add(obj("name", n, "delta", delta, "quantityAfterChange", values.get(k), "item",
                                obj("id", "gid://shopify/InventoryItem/" + l.inventoryItemId()), "location",
                                obj("id", "gid://shopify/Location/" + locationId)));
                    }
                }
            }
        }
        Map<String, Object> group = userErrors.isEmpty() ? obj("createdAt", now().toString(), "reason",
                text(input, "reason"), "referenceDocumentUri", text(input, "referenceDocumentUri"), "changes", changes) : null;
        return SandboxResponse.json(200, obj("data", obj("inventorySetQuantities", obj("inventoryAdjustmentGroup", group,
                "userErrors", userErrors)), "extensions", cost()));
    }

    private Map<String, Object> cost() {
        return obj("cost", obj("requestedQueryCost", 10, "actualQueryCost", 10, "throttleStatus", obj("maximumAvailable",
                1000.0, "currentlyAvailable", graphqlBucket.available() * 10, "restoreRate", 50.0)));
    }

    private static Map<String, Object> userError(String code, List<String> field, String message) {
        return obj("code", code, "field", field, "message", message);
    }

    private static long gid(String gid) {
        if (gid == null) {
            return -1;
        }
        try {
            String tail = gid.substring(gid.lastIndexOf('/') + 1);
            int q = tail.indexOf('?');
            return Long.parseLong(q < 0 ? tail : tail.substring(0, q));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- JSON shapes

    private static String yen(long amount) {
        return String.valueOf(amount);
    }

    private static Map<String, Object> money(long amount) {
        Map<String, Object> m = obj("amount", yen(amount), "currency_code", "JPY");
        return obj("shop_money", m, "presentment_money", m);
    }

    /** Consumption tax contained in a tax-included amount (内税), rounded down. */
    private static long includedTax(long amount, int ratePercent) {
        return amount * ratePercent / (100 + ratePercent);
    }

    private String fulfillmentStatus(SandboxOrder o) {
        String s = o.status();
        return s.equals("fulfilled") || s.equals("partial") ? s : (o.shipments().isEmpty() ? null : "partial");
    }

    private String fulfillmentOrderStatus(SandboxOrder o) {
        if (o.cancelledAt() != null) {
            return "cancelled";
        }
        return remaining(o).values().stream().allMatch(v -> v == 0) ? "closed"
                : o.shipments().isEmpty() ? "open" : "in_progress";
    }

    Map<String, Object> orderJson(SandboxOrder o) {
        long number = (Long) o.extra().get("number");
        long tax = o.lines().stream().mapToLong(l -> includedTax(l.amount(), l.taxRatePercent())).sum()
                + includedTax(o.shippingFee() + o.codFee() + o.giftWrapFee(), 10);
        long discounts = o.couponDiscount() + o.pointsUsed();
        String financial = o.cancelledAt() != null ? "voided" : switch (o.payment()) {
            case CARD, WALLET, DEFERRED -> "paid";
            default -> "pending";
        };
        List<Object> noteAttributes = new ArrayList<>();
        if (o.deliveryDate() != null) {
            noteAttributes.add(obj("name", "配送希望日", "value", o.deliveryDate().toString()));
        }
        if (o.slot() != null) {
            noteAttributes.add(obj("name", "配送希望時間帯", "value", o.slot().text));
        }
        if (o.giftWrap()) {
            noteAttributes.add(obj("name", "ギフト包装", "value", "希望する"));
        }
        if (o.noshi() != null) {
            noteAttributes.add(obj("name", "のし", "value", o.noshi()));
        }
        List<Object> lineItems = new ArrayList<>();
        Map<Long, Integer> shipped = o.shippedQuantities();
        for (Line l : o.lines()) {
            lineItems.add(lineJson(l, shipped.getOrDefault(l.lineId(), 0), o.cancelledAt() != null));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.numericId());
        m.put("admin_graphql_api_id", "gid://shopify/Order/" + o.numericId());
        m.put("email", o.buyer().email());
        m.put("closed_at", null);
        m.put("created_at", OffsetDateTime.ofInstant(o.orderedAt(), TOKYO).toString());
        m.put("updated_at", OffsetDateTime.ofInstant(o.updatedAt(), TOKYO).toString());
        m.put("processed_at", OffsetDateTime.ofInstant(o.orderedAt(), TOKYO).toString());
        m.put("number", number - 1000 + 1);
        m.put("order_number", number);
        m.put("name", "#" + number);
        m.put("note", o.remarks());
        m.put("token", Long.toHexString(o.numericId()));
        m.put("test", false);
        m.put("currency", "JPY");
        m.put("presentment_currency", "JPY");
        m.put("taxes_included", true);
        m.put("total_line_items_price", yen(o.goodsTotal()));
        m.put("subtotal_price", yen(o.goodsTotal() - discounts));
        m.put("total_discounts", yen(discounts));
        m.put("total_tax", yen(tax));
        m.put("total_price", yen(o.requestedAmount()));
        m.put("total_weight", 0);
        m.put("total_line_items_price_set", money(o.goodsTotal()));
        m.put("subtotal_price_set", money(o.goodsTotal() - discounts));
        m.put("total_discounts_set", money(discounts));
        m.put("total_shipping_price_set", money(o.shippingFee()));
        m.put("total_tax_set", money(tax));
        m.put("total_price_set", money(o.requestedAmount()));
        m.put("financial_status", financial);
        m.put("fulfillment_status", fulfillmentStatus(o));
        m.put("confirmed", true);
        m.put("cancelled_at", o.cancelledAt() == null ? null : OffsetDateTime.ofInstant(o.cancelledAt(), TOKYO).toString());
        m.put("cancel_reason", o.extra().get("cancelReason"));
        m.put("gateway", gateway(o));
        m.put("payment_gateway_names", List.of(gateway(o)));
        m.put("source_name", "web");
        m.put("customer_locale", "ja");
        m.put("phone", null);
        m.put("contact_email", o.buyer().email());
        m.put("buyer_accepts_marketing", false);
        m.put("tags", "");
        m.put("discount_codes", o.couponDiscount() > 0
                ? List.of(obj("code", "SANDBOX" + o.couponDiscount(), "amount", yen(o.couponDiscount()), "type", "fixed_amount"))
                : List.of());
        m.put("note_attributes", noteAttributes);
        m.put("tax_lines", List.of(obj("price", yen(tax), "rate", 0.1, "title", "消費税")));
        m.put("line_items", lineItems);
        List<Object> shippingLines = new ArrayList<>();
        shippingLines.add(obj("id", o.numericId() + 17, "title", "宅配便", "price", yen(o.shippingFee()), "code", "standard",
                "source", "shopify", "discounted_price", yen(o.shippingFee()), "price_set", money(o.shippingFee()),
                "tax_lines", List.of(obj("price", yen(includedTax(o.shippingFee(), 10)), "rate", 0.1, "title", "消費税"))));
        m.put("shipping_lines", shippingLines);
        m.put("billing_address", address(o.buyer()));
        m.put("shipping_address", address(o.recipient()));
        List<Object> fulfillments = new ArrayList<>();
        for (SandboxOrder.Shipment s : o.shipments()) {
            fulfillments.add(fulfillmentJson(o, s));
        }
        m.put("fulfillments", fulfillments);
        m.put("refunds", List.of());
        long customerId = (Long) o.extra().get("customerId");
        m.put("customer", obj("id", customerId, "email", o.buyer().email(), "first_name", o.buyer().givenName(),
                "last_name", o.buyer().familyName(), "phone", null, "currency", "JPY", "state", "enabled",
                "verified_email", true, "tax_exempt", false, "tags", "", "default_address", address(o.buyer())));
        return m;
    }

    private Map<String, Object> lineJson(Line l, int shipped, boolean cancelled) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.lineId());
        m.put("admin_graphql_api_id", "gid://shopify/LineItem/" + l.lineId());
        m.put("variant_id", l.variantId());
        m.put("product_id", l.productId());
        m.put("title", l.title());
        m.put("name", l.title());
        m.put("variant_title", l.subCode().isEmpty() ? null : l.subCode());
        m.put("sku", l.code());
        m.put("vendor", null);
        m.put("quantity", l.quantity());
        m.put("current_quantity", cancelled ? 0 : l.quantity());
        m.put("fulfillable_quantity", cancelled ? 0 : l.quantity() - shipped);
        m.put("fulfillment_status", shipped == 0 ? null : shipped == l.quantity() ? "fulfilled" : "partial");
        m.put("fulfillment_service", "manual");
        m.put("requires_shipping", true);
        m.put("taxable", true);
        m.put("gift_card", false);
        m.put("variant_inventory_management", "shopify");
        m.put("product_exists", true);
        m.put("grams", 0);
        m.put("properties", l.set() ? List.of(obj("name", "セット商品", "value", "はい")) : List.of());
        m.put("price", yen(l.unitPrice()));
        m.put("price_set", money(l.unitPrice()));
        m.put("total_discount", "0");
        m.put("total_discount_set", money(0));
        m.put("discount_allocations", List.of());
        m.put("tax_lines", List.of(obj("price", yen(includedTax(l.amount(), l.taxRatePercent())), "rate",
                l.taxRatePercent() / 100.0, "title", "消費税")));
        return m;
    }

    private static String gateway(SandboxOrder o) {
        return switch (o.payment()) {
            case CARD -> "shopify_payments";
            case COD -> "Cash on Delivery (COD)";
            case BANK_TRANSFER -> "銀行振込";
            case DEFERRED -> "NP後払い";
            case CONVENIENCE_STORE -> "コンビニ決済";
            case WALLET -> "PayPay";
        };
    }

    private static Map<String, Object> address(SandboxPerson p) {
        String street = p.street();
        int space = street.indexOf(' ');
        return obj("first_name", p.givenName(), "last_name", p.familyName(), "name", p.fullName(), "company", null,
                "address1", p.town() + (space < 0 ? street : street.substring(0, space)), "address2",
                space < 0 ? null : street.substring(space + 1), "city", p.city(), "province", p.prefecture(),
                "province_code", "JP-" + jisCode(p.prefecture()), "zip", p.postalCode(), "country", "Japan",
                "country_code", "JP", "phone", p.phone(), "latitude", null, "longitude", null);
    }

    private Map<String, Object> fulfillmentOrderJson(SandboxOrder o) {
        long foId = (Long) o.extra().get("fulfillmentOrderId");
        Map<Long, Integer> left = remaining(o);
        List<Object> lines = new ArrayList<>();
        for (Line l : o.lines()) {
            lines.add(obj("id", l.lineId() + foLineOffset(o), "shop_id", 548380009L, "fulfillment_order_id", foId,
                    "line_item_id", l.lineId(), "inventory_item_id", l.inventoryItemId(), "quantity", l.quantity(),
                    "fulfillable_quantity", o.cancelledAt() != null ? 0 : left.get(l.lineId()), "variant_id", l.variantId()));
        }
        return obj("id", foId, "order_id", o.numericId(), "assigned_location_id", locationId, "status",
                fulfillmentOrderStatus(o), "request_status", "unsubmitted", "supported_actions",
                fulfillmentOrderStatus(o).equals("open") || fulfillmentOrderStatus(o).equals("in_progress")
                        ? List.of("create_fulfillment") : List.of(),
                "line_items", lines, "created_at", OffsetDateTime.ofInstant(o.orderedAt(), TOKYO).toString(),
                "updated_at", OffsetDateTime.ofInstant(o.updatedAt(), TOKYO).toString());
    }

    private Map<String, Object> fulfillmentJson(SandboxOrder o, SandboxOrder.Shipment s) {
        List<Object> lines = new ArrayList<>();
        for (Line l : o.lines()) {
            Integer q = s.quantities().get(l.lineId());
            if (q != null) {
                lines.add(obj("id", l.lineId(), "variant_id", l.variantId(), "sku", l.code(), "quantity", q, "title",
                        l.title()));
            }
        }
        String url = (String) o.extra().get("trackingUrl:" + s.id());
        int index = o.shipments().indexOf(s) + 1;
        return obj("id", s.id(), "admin_graphql_api_id", "gid://shopify/Fulfillment/" + s.id(), "order_id", o.numericId(),
                "name", "#" + o.extra().get("number") + "." + index, "status", "success", "service", "manual",
                "location_id", locationId, "tracking_company", s.carrier(), "tracking_number", s.trackingNumber(),
                "tracking_numbers", s.trackingNumber() == null ? List.of() : List.of(s.trackingNumber()),
                "tracking_url", url, "tracking_urls", url == null ? List.of() : List.of(url), "shipment_status", null,
                "created_at", OffsetDateTime.ofInstant(now(), TOKYO).toString(), "line_items", lines);
    }

    // ---------------------------------------------------------------- webhooks

    private void webhook(String topic, SandboxOrder order) {
        byte[] body = JSON.writeValueAsBytes(orderJson(order));
        boolean badSignature = faults.fire(topic, List.of(Kind.WEBHOOK_BAD_SIGNATURE)).isPresent();
        boolean replay = faults.fire(topic, List.of(Kind.WEBHOOK_REPLAY)).isPresent();
        WebhookDelivery d = new WebhookDelivery(UUID.randomUUID().toString(), topic, order.id(), body, !badSignature,
                java.util.Collections.synchronizedList(new ArrayList<>()));
        synchronized (deliveries) {
            deliveries.add(d);
        }
        send(d, !badSignature);
        if (replay) {
            send(d, !badSignature);
        }
    }

    /** The value of {@code X-Shopify-Hmac-Sha256} for a body: base64 (not hex) of HMAC-SHA256 keyed with the app secret. */
    public static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(WebhookDelivery d, boolean validSignature) {
        String url = webhookUrl;
        if (url == null || webhookSender.isShutdown()) {
            return;
        }
        String hmac = signature(d.body(), validSignature ? webhookSecret : webhookSecret + "-wrong");
        webhookSender.execute(() -> {
            for (int attempt = 0; attempt <= webhookRetries; attempt++) {
                int status;
                try {
                    HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("X-Shopify-Hmac-Sha256", hmac)
                            .header("X-Shopify-Webhook-Id", d.webhookId())
                            .header("X-Shopify-Topic", d.topic())
                            .header("X-Shopify-Shop-Domain", shopDomain)
                            .header("X-Shopify-API-Version", API_VERSION)
                            .header("X-Shopify-Triggered-At", now().toString())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build(),
                            HttpResponse.BodyHandlers.discarding());
                    status = res.statusCode();
                } catch (java.io.IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                d.statuses().add(status);
                if (status >= 200 && status < 300) {
                    return;
                }
                try {
                    Thread.sleep(1000L << attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }
}
