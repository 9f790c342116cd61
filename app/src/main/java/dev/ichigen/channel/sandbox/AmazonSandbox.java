package dev.ichigen.channel.sandbox;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults.Kind;
import dev.ichigen.channel.sandbox.SandboxOrder.Line;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;
import tools.jackson.databind.JsonNode;

/**
 * An Amazon.co.jp seller account on the Selling Partner API (Orders v0, Feeds 2021-06-30) with Login with Amazon.
 *
 * <p>Auth: {@code POST /auth/o2/token} (LWA: {@code grant_type=refresh_token}, {@code refresh_token}, {@code client_id},
 * {@code client_secret}) issues an {@code Atza|…} access token for 3600 s; calls carry it in {@code x-amz-access-token}.
 * Missing, unknown or expired: 403 {@code {"errors":[{"code":"Unauthorized","message":"Access to requested resource is
 * denied.","details":…}]}}. Each operation has its documented token bucket (getOrders 0.0167/s burst 20, getOrderItems
 * 0.5/s burst 30, confirmShipment 2/s burst 10, createFeedDocument 0.5/s burst 15, createFeed 0.0083/s burst 15, getFeed
 * 2/s burst 15); beyond it 429 {@code QuotaExceeded} ({@code PUT /_sandbox/config {"rateLimits":false}} lifts them for
 * benchmarks).
 *
 * <p>Endpoints (references: amazon/spapi-*.json, order-fulfillment-and-inventory-feed-rules.json):
 * <ul>
 * <li>{@code GET /orders/v0/orders} — {@code MarketplaceIds} (must include {@code A1VC38T7YXB528}), exactly one of
 * {@code CreatedAfter} / {@code LastUpdatedAfter}, {@code CreatedBefore}/{@code LastUpdatedBefore} (at least two minutes
 * before now), {@code OrderStatuses}, {@code MaxResultsPerPage} 1–100, {@code NextToken}; {@code GET /orders/v0/orders/{id}},
 * {@code GET /orders/v0/orders/{id}/orderItems}. Money is {@code {CurrencyCode:"JPY", Amount:"…"}} strings; COD fee,
 * points, scheduled delivery and gift wrap appear as in the getOrderItems example; Pending orders (convenience store
 * payment not yet made) carry no prices.</li>
 * <li>{@code POST /orders/v0/orders/{id}/shipmentConfirmation} — the required fields of the rules file, 204; the order
 * becomes Shipped or PartiallyShipped.</li>
 * <li>Feeds: {@code POST /feeds/2021-06-30/documents} → {@code {feedDocumentId, url}}; {@code PUT} the document to that url
 * (served by the sandbox, no auth, like a pre-signed S3 URL); {@code POST /feeds/2021-06-30/feeds} → 202 {@code {feedId}};
 * {@code GET /feeds/2021-06-30/feeds/{id}} (IN_QUEUE → IN_PROGRESS → DONE | FATAL, {@code feedProcessingMillis}, default 0);
 * {@code GET /feeds/2021-06-30/documents/{id}} → the processing report's url. {@code JSON_LISTINGS_FEED} documents are
 * validated against json-listings-feed-schema-v2 (networknt json-schema-validator): a document whose header or shape is
 * invalid is FATAL; an invalid message is reported in {@code issues} (severity ERROR) and counted in
 * {@code summary.messagesInvalid} while the valid ones apply. Quantities come from
 * {@code fulfillment_availability[fulfillment_channel_code=DEFAULT].quantity} (PATCH replace/merge/add, PARTIAL_UPDATE,
 * UPDATE); DELETE removes the listing.</li>
 * </ul>
 *
 * <p>ORDER_CHANGE notifications (shape of spapi-ORDER_CHANGE-notification-example.json) are sent on a new order, a
 * shipment and a buyer's cancellation: POSTed as JSON to the configured URL ({@code PUT /_sandbox/config
 * {"notificationUrl":…}}) when one is set, otherwise QUEUED for polling with {@code GET /_sandbox/notifications?max=10}
 * (each call takes them off the queue, like an SQS receive + delete).
 *
 * <p>PII: {@code POST /tokens/2021-03-01/restrictedDataToken} issues an RDT ({@code Atz.sprdt|…}, 3600 s); getOrders and
 * getOrder show BuyerInfo and the full ShippingAddress only to an RDT (otherwise City/StateOrRegion/PostalCode/CountryCode).
 * Successful answers carry {@code x-amzn-RateLimit-Limit}. Notifications POSTed to the configured URL are signed
 * {@code X-Ichigen-Signature} (base64 HMAC-SHA256 with {@code credentials().notificationSecret}) as an integrator's SQS
 * relay would sign them for ichigen.
 *
 * <p>SPEC-DERIVED / simplified: any RDT grants PII on every order read (the resource paths are only checked for shape); the default upper bound of
 * getOrders is now (not now − 2 min); processing-report issue codes are sandbox codes ({@code SANDBOX-…}) with the schema
 * validator's message; feed types other than JSON_LISTINGS_FEED end FATAL ("not supported by the sandbox").
 */
public final class AmazonSandbox extends SandboxServer {

    public static final String JP_MARKETPLACE = "A1VC38T7YXB528";
    private static final Schema FEED_SCHEMA = loadSchema();

    private final String sellerId;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String notificationSecret = "nsec-" + UUID.randomUUID();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    /** Restricted Data Tokens (a subset of the access tokens): only they see buyer and address data. */
    private final Set<String> restrictedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, FeedDocument> documents = new ConcurrentHashMap<>();
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Deque<Map<String, Object>> notifications = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong feedIds = new AtomicLong(50_000_000_000L);
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String notificationUrl;
    private volatile long feedProcessingMillis;

    private record FeedDocument(String id, String contentType, byte[] content) {
    }

    private static final class Feed {
        final String id;
        final String type;
        final List<String> marketplaceIds;
        final Instant created;
        final long processingMillis;
        volatile String status = "IN_QUEUE";
        volatile Instant ended;
        volatile String resultDocumentId;

        Feed(String id, String type, List<String> marketplaceIds, Instant created, long processingMillis) {
            this.id = id;
            this.type = type;
            this.marketplaceIds = marketplaceIds;
            this.created = created;
            this.processingMillis = processingMillis;
        }
    }

    public AmazonSandbox(String host, int port, Clock clock, long seed, String sellerId, String clientId,
            String clientSecret, String refreshToken) {
        super(Platform.AMAZON, host, port, clock, seed);
        this.sellerId = sellerId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        routes();
    }

    public static AmazonSandbox withDefaults(int port, long seed) {
        return new AmazonSandbox("127.0.0.1", port, Clock.systemUTC(), seed, "A2SANDBOXICHIGEN",
                "amzn1.application-oa2-client.sandbox0ichigen", "amzn1.oa2-cs.v1.sandbox-secret", "Atzr|sandbox-refresh-token");
    }

    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sellerId", sellerId);
        c.put("clientId", clientId);
        c.put("clientSecret", clientSecret);
        c.put("refreshToken", refreshToken);
        c.put("marketplaceId", JP_MARKETPLACE);
        c.put("notificationSecret", notificationSecret);
        c.put("endpoint", baseUrl());
        return c;
    }

    public void notificationUrl(String url) {
        this.notificationUrl = url;
    }

    public void feedProcessingMillis(long millis) {
        this.feedProcessingMillis = Math.max(0, millis);
    }

    /** Takes up to {@code max} queued ORDER_CHANGE notifications (oldest first). */
    public List<Map<String, Object>> pollNotifications(int max) {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (notifications) {
            while (out.size() < max && !notifications.isEmpty()) {
                out.add(notifications.pollFirst());
            }
        }
        return out;
    }

    /**
     * The buyer pays a Pending (convenience-store) order: it becomes Unshipped with prices and address, and an
     * ORDER_CHANGE notification goes out. Answers false when the order is not Pending.
     */
    public boolean pay(String orderId) {
        SandboxOrder o = order(orderId).orElseThrow();
        synchronized (this) {
            if (!o.status().equals("Pending")) {
                return false;
            }
            o.status("Unshipped", now());
        }
        notifyChange(o, "OrderStatusChange", "Payment completed", false);
        return true;
    }

    public void expireAccessTokens() {
        accessTokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    private static Schema loadSchema() {
        try (InputStream in = AmazonSandbox.class.getResourceAsStream("/channel/sandbox/amazon/json-listings-feed-schema-v2.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- platform behaviour

    private static SandboxResponse errors(int status, String code, String message, String details) {
        return SandboxResponse.json(status, obj("errors", List.of(obj("code", code, "message", message, "details", details))));
    }

    @Override
    protected void authenticate(SandboxRequest request) {
        String token = request.header("x-amz-access-token");
        Instant expires = token == null ? null : accessTokens.get(token);
        if (expires == null) {
            throw new SandboxException(errors(403, "Unauthorized", "Access to requested resource is denied.", ""));
        }
        if (!now().isBefore(expires)) {
            throw new SandboxException(errors(403, "Unauthorized", "Access to requested resource is denied.",
                    "The access token you provided has expired."));
        }
    }

    @Override
    protected SandboxResponse failure(Kind kind, int retryAfterSeconds) {
        return switch (kind) {
            case RATE_LIMITED -> errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", "")
                    .with("Retry-After", String.valueOf(retryAfterSeconds));
            case UNAVAILABLE -> errors(503, "ServiceUnavailable", "Service is temporarily unavailable.", "");
            default -> errors(500, "InternalFailure", "We encountered an internal error. Please try again.", "");
        };
    }

    @Override
    protected SandboxResponse notFound(SandboxRequest request) {
        return errors(404, "NotFound", "The requested resource was not found.", "");
    }

    @Override
    protected TokenBucket rateLimit(String endpoint) {
        // SP-API usage plans (rate per second, burst): Orders v0 and Feeds 2021-06-30
        double[] plan = switch (endpoint) {
            case "getOrders" -> new double[] { 20, 0.0167 };
            case "getOrder", "getOrderItems" -> new double[] { 30, 0.5 };
            case "confirmShipment" -> new double[] { 10, 2 };
            case "createFeedDocument" -> new double[] { 15, 0.5 };
            case "createFeed" -> new double[] { 15, 0.0083 };
            case "getFeed" -> new double[] { 15, 2 };
            case "getFeedDocument" -> new double[] { 10, 0.0222 };
            default -> null;
        };
        return plan == null ? null : new TokenBucket(plan[0], plan[1]);
    }

    @Override
    protected SandboxListing prepare(SandboxListing l) {
        String asin = l.asin() != null ? l.asin()
                : "B0" + Long.toString(Math.abs((long) l.key().hashCode()) % 2_821_109_907_456L, 36).toUpperCase();
        return l.withIds(l.productId(), l.variantId(), l.inventoryItemId(), asin);
    }

    @Override
    protected void configure(JsonNode config) {
        if (config.has("notificationUrl")) {
            notificationUrl(text(config, "notificationUrl"));
        }
        if (config.has("feedProcessingMillis")) {
            feedProcessingMillis(config.path("feedProcessingMillis").asLong());
        }
    }

    @Override
    protected Map<String, Object> info() {
        Map<String, Object> m = super.info();
        m.put("notificationUrl", notificationUrl);
        m.put("feedProcessingMillis", feedProcessingMillis);
        synchronized (notifications) {
            m.put("queuedNotifications", notifications.size());
        }
        return m;
    }

    @Override
    protected void resetPlatform() {
        accessTokens.clear();
        restrictedTokens.clear();
        documents.clear();
        feeds.clear();
        synchronized (notifications) {
            notifications.clear();
        }
        sequence.set(0);
        notificationUrl = null;
        feedProcessingMillis = 0;
    }

    @Override
    protected SandboxOrder newOrder(GeneratedOrder g, List<Line> lines, Instant now) {
        long n = sequence.incrementAndGet();
        String id = "503-%07d-%07d".formatted(1_000_000 + n * 37 % 9_000_000, 2_000_000 + n * 7919 % 8_000_000);
        List<Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            numbered.add(new Line(68_828_574_000_000L + n * 10 + i, l.code(), l.subCode(), l.title(), l.unitPrice(),
                    l.taxRatePercent(), l.quantity(), l.set(), l.productId(), l.variantId(), l.inventoryItemId(), l.asin()));
        }
        // Amazon.co.jp: convenience-store payment stays Pending until the buyer pays; card and COD orders are Unshipped
        String status = g.payment() == SandboxOrder.Payment.CONVENIENCE_STORE ? "Pending" : "Unshipped";
        return new SandboxOrder(id, n, now, g, numbered, shippingFee(g, numbered), codFee(g), giftWrapFee(g), status);
    }

    @Override
    protected void orderPlaced(SandboxOrder order) {
        notifyChange(order, "OrderStatusChange", "Order placed", false);
    }

    @Override
    protected void cancel(SandboxOrder order) {
        synchronized (this) {
            order.cancelled(now());
            order.status("Canceled", now());
            restock(order);
        }
        notifyChange(order, "BuyerRequestedChange", "Buyer Requested Cancel", true);
    }

    // ---------------------------------------------------------------- routes

    private void routes() {
        openRoute("POST", "/auth/o2/token", "lwa.token", this::token);
        route("POST", "/tokens/2021-03-01/restrictedDataToken", "createRestrictedDataToken",
                limited("createRestrictedDataToken", this::restrictedDataToken));
        route("GET", "/orders/v0/orders", "getOrders", limited("getOrders", this::getOrders));
        route("GET", "/orders/v0/orders/(?<id>[^/]+)", "getOrder", limited("getOrder", r -> SandboxResponse.json(200,
                obj("payload", orderJson(orderOr404(r.pathVariable("id")), restricted(r))))));
        route("GET", "/orders/v0/orders/(?<id>[^/]+)/orderItems", "getOrderItems", limited("getOrderItems", r -> {
            SandboxOrder o = orderOr404(r.pathVariable("id"));
            return SandboxResponse.json(200, obj("payload", obj("AmazonOrderId", o.id(), "OrderItems", itemsJson(o))));
        }));
        route("POST", "/orders/v0/orders/(?<id>[^/]+)/shipmentConfirmation", "confirmShipment",
                limited("confirmShipment", this::confirmShipment));
        route("POST", "/feeds/2021-06-30/documents", "createFeedDocument", limited("createFeedDocument", this::createFeedDocument));
        openRoute("PUT", "/feed-uploads/(?<id>[^/]+)", "feedDocument.upload", r -> {
            FeedDocument d = documents.get(r.pathVariable("id"));
            if (d == null) {
                return SandboxResponse.xml(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
            }
            documents.put(d.id(), new FeedDocument(d.id(), d.contentType(), r.body()));
            return SandboxResponse.empty(200);
        });
        route("POST", "/feeds/2021-06-30/feeds", "createFeed", limited("createFeed", this::createFeed));
        route("GET", "/feeds/2021-06-30/feeds/(?<id>[^/]+)", "getFeed", r -> {
            Feed f = feeds.get(r.pathVariable("id"));
            if (f == null) {
                return errors(404, "NotFound", "The requested feed was not found.", "");
            }
            return SandboxResponse.json(200, feedJson(f));
        });
        route("GET", "/feeds/2021-06-30/documents/(?<id>[^/]+)", "getFeedDocument", r -> {
            FeedDocument d = documents.get(r.pathVariable("id"));
            if (d == null) {
                return errors(404, "NotFound", "The requested feed document was not found.", "");
            }
            return SandboxResponse.json(200, obj("feedDocumentId", d.id(), "url", baseUrl() + "/feed-downloads/" + d.id()));
        });
        openRoute("GET", "/feed-downloads/(?<id>[^/]+)", "feedDocument.download", r -> {
            FeedDocument d = documents.get(r.pathVariable("id"));
            if (d == null || d.content() == null) {
                return SandboxResponse.xml(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
            }
            return new SandboxResponse(200, Map.of("Content-Type", d.contentType()), d.content());
        });
        adminRoute("GET", "/notifications", r -> SandboxResponse.json(200, obj("notifications",
                pollNotifications(Math.max(1, Math.min(100, parse(r.query("max"), 10)))))));
        adminRoute("POST", "/orders/(?<id>[^/]+)/pay", r -> pay(r.pathVariable("id")) ? SandboxResponse.empty(204)
                : SandboxResponse.json(409, obj("error", "the order is not Pending")));
        adminRoute("POST", "/tokens/expire", r -> {
            expireAccessTokens();
            return SandboxResponse.empty(204);
        });
    }

    /**
     * Adds {@code x-amzn-RateLimit-Limit} (the operation's rate per second, as SP-API answers carry it) to a successful
     * answer.
     */
    private Handler limited(String endpoint, Handler handler) {
        return r -> {
            SandboxResponse response = handler.handle(r);
            TokenBucket plan = rateLimit(endpoint);
            return plan == null || response.status() >= 300 ? response
                    : response.with("x-amzn-RateLimit-Limit", String.valueOf(RATES.getOrDefault(endpoint, 1.0)));
        };
    }

    /** Rates per second of the usage plans (see rateLimit). */
    private static final Map<String, Double> RATES = Map.of("getOrders", 0.0167, "getOrder", 0.5, "getOrderItems", 0.5,
            "confirmShipment", 2.0, "createFeedDocument", 0.5, "createFeed", 0.0083, "getFeed", 2.0, "getFeedDocument", 0.0222,
            "createRestrictedDataToken", 1.0);

    private boolean restricted(SandboxRequest r) {
        String token = r.header("x-amz-access-token");
        return token != null && restrictedTokens.contains(token);
    }

    /**
     * Tokens API 2021-03-01 createRestrictedDataToken: {@code restrictedResources[{method, path, dataElements}]} →
     * {@code {restrictedDataToken, expiresIn: 3600}}. The sandbox checks the shape (GET, an /orders/v0/orders path,
     * dataElements among buyerInfo, shippingAddress, buyerTaxInformation) and grants PII on every order read.
     */
    private SandboxResponse restrictedDataToken(SandboxRequest r) {
        JsonNode body = r.json(invalid("The request body is not valid JSON"));
        JsonNode resources = body.path("restrictedResources");
        if (!resources.isArray() || resources.isEmpty() || resources.size() > 50) {
            return invalid("restrictedResources must hold 1 to 50 resources");
        }
        for (JsonNode res : resources) {
            String path = text(res, "path");
            if (!"GET".equals(text(res, "method")) || path == null || !path.startsWith("/orders/v0/orders")) {
                return invalid("Unsupported restricted resource: " + text(res, "method") + " " + path);
            }
            for (JsonNode e : res.path("dataElements")) {
                if (!Set.of("buyerInfo", "shippingAddress", "buyerTaxInformation").contains(e.asString(""))) {
                    return invalid("Unsupported dataElement " + e.asString(""));
                }
            }
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "Atz.sprdt|" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accessTokens.put(token, now().plusSeconds(3600));
        restrictedTokens.add(token);
        return SandboxResponse.json(200, obj("restrictedDataToken", token, "expiresIn", 3600));
    }

    private static int parse(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private SandboxResponse token(SandboxRequest r) {
        Map<String, List<String>> form = r.form();
        if (!clientId.equals(first(form, "client_id")) || !clientSecret.equals(first(form, "client_secret"))) {
            return SandboxResponse.json(401, obj("error_description", "Client authentication failed", "error", "invalid_client"));
        }
        if (!"refresh_token".equals(first(form, "grant_type"))) {
            return SandboxResponse.json(400, obj("error_description", "The authorization grant type is not supported by "
                    + "the authorization server", "error", "unsupported_grant_type"));
        }
        if (!refreshToken.equals(first(form, "refresh_token"))) {
            return SandboxResponse.json(400, obj("error_description",
                    "The request has an invalid grant parameter : refresh_token", "error", "invalid_grant"));
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "Atza|" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accessTokens.put(token, now().plusSeconds(3600));
        return SandboxResponse.json(200, obj("access_token", token, "refresh_token", refreshToken, "token_type", "bearer",
                "expires_in", 3600));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private SandboxOrder orderOr404(String id) {
        return order(id).orElseThrow(() -> new SandboxException(errors(404, "NotFound", "Order " + id + " was not found.", "")));
    }

    private static SandboxResponse invalid(String message) {
        return errors(400, "InvalidInput", message, "");
    }

    private SandboxResponse getOrders(SandboxRequest r) {
        Map<String, String> p = new LinkedHashMap<>();
        r.queryParameters().forEach((k, v) -> p.put(k, v.isEmpty() ? "" : v.get(0)));
        String marketplaces = p.get("MarketplaceIds");
        if (marketplaces == null || marketplaces.isBlank()) {
            return invalid("Missing required parameter: MarketplaceIds");
        }
        if (!List.of(marketplaces.split(",")).contains(JP_MARKETPLACE)) {
            return invalid("Invalid MarketplaceIds: the seller does not sell in " + marketplaces);
        }
        int offset = 0;
        if (p.get("NextToken") != null) {
            try { // with NextToken the other filters come from the token
                JsonNode token = JSON.readTree(Base64.getUrlDecoder().decode(p.get("NextToken")));
                Map<String, String> restored = new LinkedHashMap<>();
                for (var e : token.path("filters").properties()) {
                    restored.put(e.getKey(), e.getValue().asString());
                }
                offset = token.path("offset").asInt();
                restored.put("MarketplaceIds", marketplaces);
                p.clear();
                p.putAll(restored);
            } catch (RuntimeException e) {
                return invalid("Invalid NextToken");
            }
        }
        boolean byCreated = p.containsKey("CreatedAfter");
        if (byCreated == p.containsKey("LastUpdatedAfter")) {
            return invalid("Exactly one of CreatedAfter and LastUpdatedAfter must be specified");
        }
        int max = parse(p.getOrDefault("MaxResultsPerPage", "100"), -1);
        if (max < 1 || max > 100) {
            return invalid("MaxResultsPerPage must be between 1 and 100");
        }
        Instant after, before;
        try {
            after = iso(p.get(byCreated ? "CreatedAfter" : "LastUpdatedAfter"));
            before = iso(p.get(byCreated ? "CreatedBefore" : "LastUpdatedBefore"));
        } catch (DateTimeParseException e) {
            return invalid("Dates must be in ISO 8601 format");
        }
        if (before != null && before.isAfter(now().minus(Duration.ofMinutes(2)))) {
            return invalid((byCreated ? "CreatedBefore" : "LastUpdatedBefore") + " must be at least two minutes before the current time");
        }
        if (before != null && before.isBefore(after)) {
            return invalid("The Before date must be after the After date");
        }
        Set<String> statuses = new LinkedHashSet<>();
        if (p.get("OrderStatuses") != null && !p.get("OrderStatuses").isBlank()) {
            statuses.addAll(List.of(p.get("OrderStatuses").split(",")));
        }
        Instant upper = before == null ? now() : before;
        List<SandboxOrder> matching = orders().stream()
                .filter(o -> {
                    Instant t = byCreated ? o.orderedAt() : o.updatedAt();
                    return !t.isBefore(after) && !t.isAfter(upper);
                })
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status()))
                .sorted(Comparator.comparing(byCreated ? SandboxOrder::orderedAt : SandboxOrder::updatedAt))
                .toList();
        List<SandboxOrder> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + max, matching.size()));
        Map<String, Object> payload = new LinkedHashMap<>();
        boolean pii = restricted(r);
        payload.put("Orders", page.stream().map(o -> orderJson(o, pii)).toList());
        if (offset + max < matching.size()) {
            Map<String, String> filters = new LinkedHashMap<>(p);
            filters.remove("NextToken");
            filters.remove("MarketplaceIds");
            payload.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(
                    obj("filters", filters, "offset", offset + max))));
        }
        payload.put(byCreated ? "CreatedBefore" : "LastUpdatedBefore", utc(upper));
        return SandboxResponse.json(200, obj("payload", payload));
    }

    private static Instant iso(String text) {
        return text == null || text.isBlank() ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static String utc(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString().replace("+00:00", "Z");
    }

    private SandboxResponse confirmShipment(SandboxRequest r) {
        SandboxOrder o = orderOr404(r.pathVariable("id"));
        JsonNode body = r.json(invalid("The request body is not valid JSON"));
        JsonNode pkg = body.path("packageDetail");
        if (!JP_MARKETPLACE.equals(text(body, "marketplaceId"))) {
            return invalid("marketplaceId is required and must be the order's marketplace (" + JP_MARKETPLACE + ")");
        }
        for (String field : List.of("packageReferenceId", "carrierCode", "trackingNumber", "shipDate")) {
            if (text(pkg, field) == null || text(pkg, field).isBlank()) {
                return invalid("Missing required field: packageDetail." + field);
            }
        }
        if ("Other".equals(text(pkg, "carrierCode")) && (text(pkg, "carrierName") == null || text(pkg, "carrierName").isBlank())) {
            return invalid("carrierName is required when carrierCode is Other");
        }
        if (!pkg.path("orderItems").isArray() || pkg.path("orderItems").isEmpty()) {
            return invalid("Missing required field: packageDetail.orderItems");
        }
        OffsetDateTime shipDate;
        try {
            shipDate = OffsetDateTime.parse(text(pkg, "shipDate"));
        } catch (DateTimeParseException e) {
            return invalid("packageDetail.shipDate must be an ISO 8601 date-time");
        }
        synchronized (this) {
            if (!o.status().equals("Unshipped") && !o.status().equals("PartiallyShipped")) {
                return invalid("The order is " + o.status() + " and cannot be confirmed as shipped");
            }
            Map<Long, Integer> shipped = o.shippedQuantities();
            Map<Long, Integer> quantities = new LinkedHashMap<>();
            for (JsonNode item : pkg.path("orderItems")) {
                long itemId = Long.parseLong(text(item, "orderItemId") == null ? "-1" : text(item, "orderItemId").strip());
                Line line = o.lines().stream().filter(l -> l.lineId() == itemId).findFirst().orElse(null);
                int q = item.path("quantity").asInt(0);
                if (line == null) {
                    return invalid("orderItemId " + text(item, "orderItemId") + " is not part of order " + o.id());
                }
                if (q < 1 || q + shipped.getOrDefault(itemId, 0) + quantities.getOrDefault(itemId, 0) > line.quantity()) {
                    return invalid("The quantity for orderItemId " + itemId + " exceeds the unshipped quantity");
                }
                quantities.merge(itemId, q, Integer::sum);
            }
            o.addShipment(new SandboxOrder.Shipment(o.shipments().size() + 1L, text(pkg, "carrierCode") + (text(pkg,
                    "carrierName") == null ? "" : " / " + text(pkg, "carrierName")), text(pkg, "trackingNumber"),
                    shipDate.atZoneSameInstant(TOKYO).toLocalDate(), quantities), now());
            boolean all = o.lines().stream().allMatch(l -> o.shippedQuantities().getOrDefault(l.lineId(), 0) == l.quantity());
            o.status(all ? "Shipped" : "PartiallyShipped", now());
            if (all) {
                o.shipped(now());
            }
        }
        notifyChange(o, "OrderStatusChange", "Order shipped", false);
        return SandboxResponse.empty(204);
    }

    // ---------------------------------------------------------------- feeds

    private SandboxResponse createFeedDocument(SandboxRequest r) {
        JsonNode body = r.json(invalid("The request body is not valid JSON"));
        String contentType = text(body, "contentType");
        if (contentType == null || contentType.isBlank()) {
            return invalid("Missing required field: contentType");
        }
        String id = "amzn1.tortuga.4." + UUID.randomUUID();
        documents.put(id, new FeedDocument(id, contentType, null));
        return SandboxResponse.json(201, obj("feedDocumentId", id, "url", baseUrl() + "/feed-uploads/" + id));
    }

    private SandboxResponse createFeed(SandboxRequest r) {
        JsonNode body = r.json(invalid("The request body is not valid JSON"));
        String type = text(body, "feedType");
        String docId = text(body, "inputFeedDocumentId");
        List<String> marketplaces = new ArrayList<>();
        body.path("marketplaceIds").forEach(n -> marketplaces.add(n.asString()));
        if (type == null || docId == null || marketplaces.isEmpty() || marketplaces.size() > 25) {
            return invalid("feedType, marketplaceIds (1 to 25) and inputFeedDocumentId are required");
        }
        FeedDocument doc = documents.get(docId);
        if (doc == null || doc.content() == null) {
            return invalid("inputFeedDocumentId " + docId + " does not exist or nothing was uploaded to it");
        }
        Feed feed = new Feed(String.valueOf(feedIds.incrementAndGet()), type, marketplaces, now(), feedProcessingMillis);
        feeds.put(feed.id, feed);
        if (feed.processingMillis == 0) {
            process(feed, doc);
        } else {
            scheduler().schedule(() -> process(feed, doc), feed.processingMillis, TimeUnit.MILLISECONDS);
        }
        return SandboxResponse.json(202, obj("feedId", feed.id));
    }

    private Map<String, Object> feedJson(Feed f) {
        String status = f.status;
        if (!status.equals("DONE") && !status.equals("FATAL") && !status.equals("CANCELLED")) {
            long elapsed = Duration.between(f.created, now()).toMillis();
            status = elapsed * 2 >= f.processingMillis ? "IN_PROGRESS" : "IN_QUEUE";
        }
        Map<String, Object> m = obj("feedId", f.id, "feedType", f.type, "marketplaceIds", f.marketplaceIds, "createdTime",
                utc(f.created), "processingStatus", status);
        if (!status.equals("IN_QUEUE")) {
            m.put("processingStartTime", utc(f.created));
        }
        if (f.ended != null) {
            m.put("processingEndTime", utc(f.ended));
        }
        if (f.resultDocumentId != null) {
            m.put("resultFeedDocumentId", f.resultDocumentId);
        }
        return m;
    }

    private void process(Feed feed, FeedDocument doc) {
        Map<String, Object> report;
        boolean fatal = false;
        if (!feed.type.equals("JSON_LISTINGS_FEED")) {
            fatal = true;
            report = report(feed, List.of(issue(null, null, "SANDBOX-FEED-TYPE", "ERROR",
                    "Feed type " + feed.type + " is not supported by the sandbox")), 0, 0, 0);
        } else {
            JsonNode json;
            try {
                json = JSON.readTree(doc.content());
            } catch (RuntimeException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                fatal = true;
                report = report(feed, List.of(issue(null, null, "SANDBOX-FATAL", "ERROR",
                        "The feed document is not a JSON object")), 0, 0, 0);
            } else {
                Object[] outcome = applyListingsFeed(feed, json);
                fatal = (Boolean) outcome[0];
                @SuppressWarnings("unchecked")
                Map<String, Object> r = (Map<String, Object>) outcome[1];
                report = r;
            }
        }
        String resultId = "amzn1.tortuga.4.result." + UUID.randomUUID();
        documents.put(resultId, new FeedDocument(resultId, "application/json", JSON.writeValueAsBytes(report)));
        feed.resultDocumentId = resultId;
        feed.ended = now();
        feed.status = fatal ? "FATAL" : "DONE";
    }

    /** Validates against the feed schema, applies the valid messages, returns {fatal, report}. */
    private Object[] applyListingsFeed(Feed feed, JsonNode doc) {
        List<Map<String, Object>> issues = new ArrayList<>();
        Set<Integer> invalid = new LinkedHashSet<>();
        boolean fatal = false;
        for (com.networknt.schema.Error e : FEED_SCHEMA.validate(doc)) {
            com.networknt.schema.path.NodePath at = e.getInstanceLocation();
            if (at.getNameCount() >= 2 && "messages".equals(String.valueOf(at.getElement(0)))
                    && at.getElement(1) instanceof Integer index) {
                JsonNode m = doc.path("messages").path(index);
                if (invalid.add(index) || true) {
                    issues.add(issue(m.path("messageId").isIntegralNumber() ? m.path("messageId").asLong() : null,
                            text(m, "sku"), "SANDBOX-SCHEMA", "ERROR", at + ": " + e.getMessage()));
                }
            } else {
                fatal = true;
                issues.add(issue(null, null, "SANDBOX-FATAL", "ERROR", at + ": " + e.getMessage()));
            }
        }
        if (!fatal && !sellerId.equals(text(doc.path("header"), "sellerId"))) {
            fatal = true;
            issues.add(issue(null, null, "SANDBOX-FATAL", "ERROR", "header.sellerId does not match the selling partner"));
        }
        JsonNode messages = doc.path("messages");
        int processed = messages.isArray() ? messages.size() : 0;
        if (fatal) {
            return new Object[] { true, report(feed, issues, 0, 0, 0) };
        }
        int accepted = 0;
        synchronized (this) {
            for (int i = 0; i < messages.size(); i++) {
                if (invalid.contains(i)) {
                    continue;
                }
                JsonNode m = messages.get(i);
                String sku = text(m, "sku");
                long messageId = m.path("messageId").asLong();
                String op = text(m, "operationType");
                SandboxListing listing = listing(sku, "").orElse(null);
                if (listing == null && !op.equals("UPDATE")) {
                    invalid.add(i);
                    issues.add(issue(messageId, sku, "SANDBOX-SKU-NOT-FOUND", "ERROR", "SKU " + sku + " is not listed"));
                    continue;
                }
                if (op.equals("DELETE")) {
                    removeListing(sku, "");
                    accepted++;
                    continue;
                }
                JsonNode availability = op.equals("PATCH") ? patchedAvailability(m) : m.path("attributes").path("fulfillment_availability");
                Integer quantity = null;
                boolean bad = false;
                for (JsonNode a : availability) {
                    if ("DEFAULT".equals(text(a, "fulfillment_channel_code")) && a.has("quantity")) {
                        if (!a.path("quantity").isIntegralNumber() || a.path("quantity").asLong() < 0) {
                            bad = true;
                        } else {
                            quantity = a.path("quantity").asInt();
                        }
                    }
                }
                if (bad) {
                    invalid.add(i);
                    issues.add(issue(messageId, sku, "SANDBOX-QUANTITY", "ERROR",
                            "fulfillment_availability quantity must be a whole number of 0 or more"));
                    continue;
                }
                if (listing == null) { // UPDATE of a SKU not listed yet: the listing is created
                    String title = text(m.path("attributes").path("item_name").path(0), "value");
                    seed(List.of(new SandboxListing(sku, "", title, 1000, 10, quantity == null ? 0 : quantity, false, 0, 0,
                            0, null)));
                } else if (quantity != null) {
                    listing.setQuantity(quantity);
                }
                accepted++;
            }
        }
        return new Object[] { false, report(feed, issues, processed, accepted, processed - accepted) };
    }

    private static JsonNode patchedAvailability(JsonNode message) {
        tools.jackson.databind.node.ArrayNode result = JSON.createArrayNode();
        for (JsonNode patch : message.path("patches")) {
            String op = text(patch, "op");
            if ("/attributes/fulfillment_availability".equals(text(patch, "path")) && op != null && !op.equals("delete")) {
                patch.path("value").forEach(result::add);
            }
        }
        return result;
    }

    private static Map<String, Object> issue(Long messageId, String sku, String code, String severity, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (messageId != null) {
            m.put("messageId", messageId);
        }
        if (sku != null) {
            m.put("sku", sku);
        }
        m.put("code", code);
        m.put("severity", severity);
        m.put("message", message);
        return m;
    }

    private Map<String, Object> report(Feed feed, List<Map<String, Object>> issues, int processed, int accepted, int invalid) {
        long errors = issues.stream().filter(i -> "ERROR".equals(i.get("severity"))).count();
        long warnings = issues.size() - errors;
        return obj("header", obj("sellerId", sellerId, "version", "2.0", "feedId", feed.id), "issues", issues, "summary",
                obj("errors", errors, "warnings", warnings, "messagesProcessed", processed, "messagesAccepted", accepted,
                        "messagesInvalid", invalid));
    }

    // ---------------------------------------------------------------- JSON shapes

    private static Map<String, Object> money(long amount) {
        return obj("CurrencyCode", "JPY", "Amount", amount + ".00");
    }

    Map<String, Object> orderJson(SandboxOrder o) {
        return orderJson(o, true);
    }

    /**
     * An order as getOrders/getOrder answer it. Without a Restricted Data Token ({@code pii} false) the address keeps
     * only City, StateOrRegion, PostalCode and CountryCode and BuyerInfo is left out, as on SP-API; Pending orders carry
     * no OrderTotal and no address (Orders v0 model).
     */
    Map<String, Object> orderJson(SandboxOrder o, boolean pii) {
        int shipped = o.shippedQuantities().values().stream().mapToInt(Integer::intValue).sum();
        Instant latestShip = o.orderedAt().plus(Duration.ofDays(2));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AmazonOrderId", o.id());
        m.put("PurchaseDate", utc(o.orderedAt()));
        m.put("LastUpdateDate", utc(o.updatedAt()));
        m.put("OrderStatus", o.status());
        m.put("FulfillmentChannel", "MFN");
        m.put("SalesChannel", "Amazon.co.jp");
        m.put("ShipServiceLevel", "Std JP Kanto8");
        if (!o.status().equals("Pending")) {
            // OrderTotal: items + shipping + fees − promotions; points and gift cards are a means of payment
            m.put("OrderTotal", money(o.total() - o.couponDiscount()));
            if (o.payment() == SandboxOrder.Payment.COD && o.pointsUsed() > 0) {
                m.put("PaymentExecutionDetail", List.of(
                        obj("Payment", money(o.requestedAmount()), "PaymentMethod", "COD"),
                        obj("Payment", money(o.pointsUsed()), "PaymentMethod", "PointsAccount")));
            }
        }
        m.put("NumberOfItemsShipped", shipped);
        m.put("NumberOfItemsUnshipped", o.cancelledAt() != null ? 0 : o.units() - shipped);
        m.put("PaymentMethod", switch (o.payment()) {
            case COD -> "COD";
            case CONVENIENCE_STORE -> "CVS";
            default -> "Other";
        });
        m.put("PaymentMethodDetails", switch (o.payment()) {
            case COD -> List.of("COD");
            case CONVENIENCE_STORE -> List.of("CVS");
            default -> o.pointsUsed() > 0 ? List.of("Standard", "PointsAccount") : List.of("Standard");
        });
        m.put("MarketplaceId", JP_MARKETPLACE);
        m.put("ShipmentServiceLevelCategory", "Standard");
        m.put("OrderType", "StandardOrder");
        m.put("EarliestShipDate", utc(o.orderedAt()));
        m.put("LatestShipDate", utc(latestShip));
        m.put("EarliestDeliveryDate", utc(o.orderedAt().plus(Duration.ofDays(1))));
        m.put("LatestDeliveryDate", utc(o.orderedAt().plus(Duration.ofDays(4))));
        m.put("IsBusinessOrder", false);
        m.put("IsPrime", false);
        m.put("IsPremiumOrder", false);
        m.put("IsGlobalExpressEnabled", false);
        m.put("IsReplacementOrder", false);
        m.put("IsSoldByAB", false);
        m.put("IsISPU", false);
        m.put("IsAccessPointOrder", false);
        m.put("HasRegulatedItems", false);
        SandboxPerson s = o.recipient();
        int space = s.street().indexOf(' ');
        if (o.status().equals("Pending")) {
            return m;
        }
        if (!pii) {
            m.put("ShippingAddress", obj("City", s.city(), "StateOrRegion", s.prefecture(), "PostalCode", s.postalCode(),
                    "CountryCode", "JP"));
            return m;
        }
        m.put("ShippingAddress", obj("Name", s.fullName(), "AddressLine1", s.town() + (space < 0 ? s.street()
                : s.street().substring(0, space)), "AddressLine2", space < 0 ? null : s.street().substring(space + 1),
                "City", s.city(), "StateOrRegion", s.prefecture(), "PostalCode", s.postalCode(), "CountryCode", "JP",
                "Phone", s.phone(), "AddressType", "Residential"));
        m.put("BuyerInfo", obj("BuyerEmail", Long.toHexString(Math.abs((long) o.buyer().email().hashCode()))
                + "@marketplace.amazon.co.jp", "BuyerName", o.buyer().fullName()));
        return m;
    }

    private List<Object> itemsJson(SandboxOrder o) {
        boolean pending = o.status().equals("Pending");
        Map<Long, Integer> shipped = o.shippedQuantities();
        List<Object> items = new ArrayList<>();
        boolean first = true;
        for (Line l : o.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ASIN", l.asin());
            m.put("OrderItemId", String.valueOf(l.lineId()));
            m.put("SellerSKU", l.code());
            m.put("Title", l.title());
            m.put("QuantityOrdered", l.quantity());
            m.put("QuantityShipped", shipped.getOrDefault(l.lineId(), 0));
            m.put("ProductInfo", obj("NumberOfItems", "1"));
            if (!pending) { // Pending orders carry no prices (order-fulfillment-and-inventory-feed-rules.json)
                m.put("ItemPrice", money(l.amount()));
                m.put("ItemTax", money((long) l.amount() * l.taxRatePercent() / (100 + l.taxRatePercent())));
                m.put("ShippingPrice", money(first ? o.shippingFee() : 0));
                m.put("PromotionDiscount", money(first ? o.couponDiscount() : 0));
                if (o.codFee() > 0 && first) {
                    m.put("CODFee", money(o.codFee()));
                    m.put("CODFeeDiscount", money(0));
                }
                if (o.pointsUsed() > 0 && first) {
                    m.put("PointsGranted", obj("PointsNumber", o.pointsUsed(), "PointsMonetaryValue", money(o.pointsUsed())));
                }
            }
            m.put("IsGift", String.valueOf(o.giftWrap()));
            if (o.giftWrap()) {
                m.put("BuyerInfo", obj("GiftWrapPrice", money(first ? o.giftWrapFee() : 0), "GiftMessageText",
                        o.noshi() == null ? "" : "のし: " + o.noshi(), "GiftWrapLevel", "Classic"));
            }
            if (o.deliveryDate() != null && o.slot() != null) {
                m.put("ScheduledDeliveryStartDate", utc(o.deliveryDate().atTime(o.slot().fromHour, 0).atZone(TOKYO).toInstant()));
                m.put("ScheduledDeliveryEndDate", utc(o.deliveryDate().atTime(o.slot().toHour, 0).atZone(TOKYO).toInstant()));
            }
            m.put("ConditionId", "New");
            m.put("ConditionSubtypeId", "New");
            m.put("IsTransparency", false);
            m.put("SerialNumberRequired", false);
            if (o.cancelledAt() != null) {
                m.put("BuyerRequestedCancel", obj("IsBuyerRequestedCancel", "true", "BuyerCancelReason", "Buyer Requested Cancel"));
            }
            items.add(m);
            first = false;
        }
        return items;
    }

    // ---------------------------------------------------------------- notifications

    private void notifyChange(SandboxOrder o, String type, String reason, boolean buyerCancel) {
        Map<Long, Integer> shipped = o.shippedQuantities();
        List<Object> items = new ArrayList<>();
        for (Line l : o.lines()) {
            int q = shipped.getOrDefault(l.lineId(), 0);
            items.add(obj("OrderItemId", String.valueOf(l.lineId()), "SellerSKU", l.code(), "SupplySourceId", null,
                    "OrderItemStatus", o.cancelledAt() != null ? "Canceled" : q == l.quantity() ? "Shipped" : "Unshipped",
                    "Quantity", l.quantity(), "QuantityShipped", q, "IsBuyerRequestedCancel", buyerCancel));
        }
        int totalShipped = shipped.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Object> n = obj("NotificationVersion", "1.0", "NotificationType", "ORDER_CHANGE", "PayloadVersion", "1.0",
                "EventTime", utc(now()), "Payload", obj("OrderChangeNotification", obj("NotificationLevel", "OrderLevel",
                        "SellerId", sellerId, "AmazonOrderId", o.id(), "OrderChangeType", type, "OrderChangeTrigger",
                        obj("TimeOfOrderChange", utc(o.updatedAt()), "ChangeReason", reason), "Summary", obj("MarketplaceId",
                                JP_MARKETPLACE, "OrderStatus", o.status(), "PurchaseDate", utc(o.orderedAt()),
                                "DestinationPostalCode", o.recipient().postalCode(), "FulfillmentType", "MFN", "OrderType",
                                "StandardOrder", "NumberOfItemsShipped", totalShipped, "NumberOfItemsUnshipped",
                                o.cancelledAt() != null ? 0 : o.units() - totalShipped, "OrderItems", items))),
                "NotificationMetadata", obj("ApplicationId", "amzn1.sp.solution.sandbox-ichigen", "SubscriptionId",
                        "sandbox-order-change", "PublishTime", utc(now()), "NotificationId", UUID.randomUUID().toString()));
        String url = notificationUrl;
        if (url == null) {
            synchronized (notifications) {
                notifications.addLast(n);
            }
            return;
        }
        byte[] body = JSON.writeValueAsBytes(n);
        if (executor() != null && !executor().isShutdown()) {
            executor().execute(() -> {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("X-Ichigen-Signature", sign(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException e) {
                    // a real relay would retry; the sandbox drops it (visible in the receiver's absence of data)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * The relay's signature of a notification: base64 HMAC-SHA256 of the body with the channel's notificationSecret
     * (what an integrator's SQS relay sends to ichigen; SP-API itself delivers to SQS unsigned).
     */
    public String sign(byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(notificationSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
