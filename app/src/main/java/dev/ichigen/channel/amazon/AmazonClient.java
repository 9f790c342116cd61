package dev.ichigen.channel.amazon;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.http.HttpMethod;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.connector.ChannelHttp;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.RateLimiter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Selling Partner API calls for one channel (Orders v0, Feeds 2021-06-30, Tokens 2021-03-01), every one through
 * {@link ChannelHttp} with the limiter of its operation (SP-API usage plans are per operation).
 *
 * <p>Auth: a Login with Amazon access token from {@code POST /auth/o2/token} ({@code grant_type=refresh_token},
 * {@code refresh_token}, {@code client_id}, {@code client_secret} form-encoded; valid {@code expires_in} = 3600 s), kept in
 * memory per channel until a minute before it expires, sent as {@code x-amz-access-token}. An API 403
 * ({@code Unauthorized}: expired or revoked token) gets one fresh token and one more try. <b>No AWS Signature Version 4</b>:
 * since 2023-10-02 SP-API no longer requires SigV4 signing nor IAM credentials — the LWA token alone authorises a call
 * (SP-API changelog "SP-API no longer requires AWS IAM or AWS Signature Version 4",
 * developer-docs.amazon.com/sp-api/changelog/sp-api-will-no-longer-require-aws-iam-or-aws-signature-version-4).
 *
 * <p>PII (SP-API changelog "Discontinued Support - LWA Tokens can no longer retrieve PII"): buyer name/e-mail and the shipping address ({@code BuyerInfo}, {@code ShippingAddress} Name/AddressLine/Phone)
 * are restricted data: getOrders and getOrder only return them when called with a Restricted Data Token, from
 * {@code POST /tokens/2021-03-01/restrictedDataToken} for {@code /orders/v0/orders} and the generic
 * {@code /orders/v0/orders/{orderId}} with data elements {@code buyerInfo} and {@code shippingAddress} (the application
 * needs the Direct-to-Consumer Shipping role). The RDT (valid {@code expiresIn}, 3600 s) replaces the LWA token in
 * {@code x-amz-access-token} for those two calls; it is cached like the access token.
 *
 * <p>Base URL {@code credentials.endpoint} (a sandbox; its LWA endpoint lives on the same host) or the Far East
 * endpoint {@value #API_BASE} (Amazon.co.jp is in the FE region) and {@value #LWA_URL}. Answers carrying
 * {@code x-amzn-RateLimit-Limit} (requests per second of that operation for this seller) retune that operation's
 * limiter.
 */
final class AmazonClient {

    static final String API_BASE = "https://sellingpartnerapi-fe.amazon.com";
    static final String LWA_URL = "https://api.amazon.com/auth/o2/token";
    static final String JP_MARKETPLACE = "A1VC38T7YXB528";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private record Token(String value, Instant expires) {
    }

    /** Access tokens and RDTs by channel id + refresh token hash + kind. */
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private final ConnectorContext ctx;
    private final Clock clock;
    private final String base;
    private final String lwaUrl;
    private final String marketplaceId;

    AmazonClient(ConnectorContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        String endpoint = ctx.credentials().get("endpoint").map(e -> e.replaceAll("/+$", "")).orElse(null);
        this.base = endpoint == null ? API_BASE : endpoint;
        this.lwaUrl = endpoint == null ? LWA_URL : endpoint + "/auth/o2/token";
        this.marketplaceId = ctx.credentials().get("marketplaceId").orElse(JP_MARKETPLACE);
    }

    String marketplaceId() {
        return marketplaceId;
    }

    String sellerId() {
        return ctx.credentials().require("sellerId");
    }

    // ------------------------------------------------------------------ orders

    /** A getOrders page: orders, the NextToken (null on the last page) and the upper bound Amazon applied. */
    record OrdersPage(List<JsonNode> orders, String nextToken, Instant lastUpdatedBefore) {
    }

    /**
     * getOrders by {@code LastUpdatedAfter} (or, with {@code nextToken}, only the token: Amazon then ignores the other
     * filters), MFN and AFN, {@code MaxResultsPerPage} ≤ 100.
     */
    OrdersPage getOrders(Instant lastUpdatedAfter, String nextToken, int pageSize) {
        StringBuilder q = new StringBuilder("MarketplaceIds=").append(enc(marketplaceId));
        if (nextToken != null) {
            q.append("&NextToken=").append(enc(nextToken));
        } else {
            q.append("&LastUpdatedAfter=").append(enc(lastUpdatedAfter.toString())).append("&MaxResultsPerPage=")
                    .append(pageSize);
        }
        return restricted("getOrders", HttpMethod.GET, base + "/orders/v0/orders?" + q, answer -> {
            JsonNode payload = json(answer, "getOrders").path("payload");
            if (!payload.path("Orders").isArray()) {
                throw malformed(answer, "getOrders: no payload.Orders");
            }
            List<JsonNode> orders = new ArrayList<>();
            payload.path("Orders").forEach(orders::add);
            for (JsonNode o : orders) {
                if (o.path("AmazonOrderId").asString("").isBlank()) {
                    throw malformed(answer, "getOrders: an order without AmazonOrderId");
                }
            }
            String next = payload.path("NextToken").asString(null);
            Instant before = null;
            String b = payload.path("LastUpdatedBefore").asString(null);
            if (b != null) {
                try {
                    before = Instant.parse(b);
                } catch (java.time.DateTimeException e) {
                    throw malformed(answer, "getOrders: LastUpdatedBefore is not an ISO 8601 time");
                }
            }
            return new OrdersPage(orders, next == null || next.isBlank() ? null : next, before);
        });
    }

    /** getOrder (one order, with PII through the RDT); empty when Amazon does not know it (404). */
    java.util.Optional<JsonNode> getOrder(String orderId) {
        try {
            return java.util.Optional.of(restricted("getOrder", HttpMethod.GET, base + "/orders/v0/orders/" + path(orderId),
                    answer -> {
                        JsonNode payload = json(answer, "getOrder").path("payload");
                        if (payload.path("AmazonOrderId").asString("").isBlank()) {
                            throw malformed(answer, "getOrder: no payload.AmazonOrderId");
                        }
                        return payload;
                    }));
        } catch (ConnectorException e) {
            if (e.httpStatus() != null && e.httpStatus() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** getOrderItems, every page ({@code NextToken}). */
    List<JsonNode> getOrderItems(String orderId) {
        List<JsonNode> items = new ArrayList<>();
        String next = null;
        do {
            String url = base + "/orders/v0/orders/" + path(orderId) + "/orderItems" + (next == null ? "" : "?NextToken=" + enc(next));
            JsonNode payload = authorised("getOrderItems", HttpMethod.GET, url, null, "getOrderItems",
                    answer -> {
                        JsonNode p = json(answer, "getOrderItems").path("payload");
                        if (!p.path("OrderItems").isArray()) {
                            throw malformed(answer, "getOrderItems: no payload.OrderItems");
                        }
                        return p;
                    });
            payload.path("OrderItems").forEach(items::add);
            String n = payload.path("NextToken").asString(null);
            next = n == null || n.isBlank() ? null : n;
        } while (next != null);
        return items;
    }

    /** confirmShipment: 204 on success (reference: amazon/spapi-confirmShipment-request-sandbox.json). */
    void confirmShipment(String orderId, Map<String, Object> body) {
        authorised("confirmShipment", HttpMethod.POST, base + "/orders/v0/orders/" + path(orderId) + "/shipmentConfirmation",
                JSON.writeValueAsBytes(body), "confirmShipment", answer -> null);
    }

    // ------------------------------------------------------------------ feeds

    record FeedDocument(String feedDocumentId, String url) {
    }

    FeedDocument createFeedDocument(String contentType) {
        return authorised("createFeedDocument", HttpMethod.POST, base + "/feeds/2021-06-30/documents",
                JSON.writeValueAsBytes(Map.of("contentType", contentType)), "createFeedDocument", answer -> {
                    JsonNode j = json(answer, "createFeedDocument");
                    String id = j.path("feedDocumentId").asString(null);
                    String url = j.path("url").asString(null);
                    if (id == null || url == null) {
                        throw malformed(answer, "createFeedDocument: no feedDocumentId/url");
                    }
                    return new FeedDocument(id, url);
                });
    }

    /** PUTs the document to the pre-signed URL (no SP-API auth: the URL itself authorises, like S3). */
    void upload(FeedDocument doc, String contentType, byte[] content) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        ctx.http().call(new ChannelHttp.Request(ctx.channelId(), "feedDocument.upload", HttpMethod.PUT, doc.url(), headers,
                content, null), answer -> null);
    }

    String createFeed(String feedType, String inputFeedDocumentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("feedType", feedType);
        body.put("marketplaceIds", List.of(marketplaceId));
        body.put("inputFeedDocumentId", inputFeedDocumentId);
        return authorised("createFeed", HttpMethod.POST, base + "/feeds/2021-06-30/feeds", JSON.writeValueAsBytes(body),
                "createFeed", answer -> {
                    String id = json(answer, "createFeed").path("feedId").asString(null);
                    if (id == null) {
                        throw malformed(answer, "createFeed: no feedId");
                    }
                    return id;
                });
    }

    /** getFeed: {@code processingStatus} and {@code resultFeedDocumentId}. */
    JsonNode getFeed(String feedId) {
        return authorised("getFeed", HttpMethod.GET, base + "/feeds/2021-06-30/feeds/" + path(feedId), null, "getFeed",
                answer -> {
                    JsonNode j = json(answer, "getFeed");
                    if (j.path("processingStatus").asString(null) == null) {
                        throw malformed(answer, "getFeed: no processingStatus");
                    }
                    return j;
                });
    }

    /** getFeedDocument, then the processing report it points to (JSON). */
    JsonNode processingReport(String resultFeedDocumentId) {
        String url = authorised("getFeedDocument", HttpMethod.GET, base + "/feeds/2021-06-30/documents/"
                + path(resultFeedDocumentId), null, "getFeedDocument", answer -> {
                    String u = json(answer, "getFeedDocument").path("url").asString(null);
                    if (u == null) {
                        throw malformed(answer, "getFeedDocument: no url");
                    }
                    return u;
                });
        // compressionAlgorithm GZIP is not asked for and not handled: JSON_LISTINGS_FEED reports come uncompressed
        return ctx.http().call(new ChannelHttp.Request(ctx.channelId(), "feedDocument.download", HttpMethod.GET, url,
                Map.of("Accept", "application/json"), null, null), answer -> json(answer, "processing report"));
    }

    // ------------------------------------------------------------------ auth

    /** A call whose answer holds restricted data: sent with the RDT instead of the LWA token. */
    private <T> T restricted(String operation, HttpMethod method, String url, Function<ChannelHttp.Answer, T> parse) {
        try {
            return ctx.http().call(request(operation, method, url, null, operation, restrictedDataToken(false)), limited(operation, parse));
        } catch (ConnectorException e) {
            if (e.failureCause() != FailureCause.BAD_CREDENTIALS) {
                throw e;
            }
            accessToken(true);
            return ctx.http().call(request(operation, method, url, null, operation, restrictedDataToken(true)), limited(operation, parse));
        }
    }

    private <T> T authorised(String operation, HttpMethod method, String url, byte[] body, String bucket,
            Function<ChannelHttp.Answer, T> parse) {
        try {
            return ctx.http().call(request(operation, method, url, body, bucket, accessToken(false)), limited(bucket, parse));
        } catch (ConnectorException e) {
            if (e.failureCause() != FailureCause.BAD_CREDENTIALS) {
                throw e;
            }
            // the access token expired early or was revoked: one fresh token, one more try
            return ctx.http().call(request(operation, method, url, body, bucket, accessToken(true)), limited(bucket, parse));
        }
    }

    /** Reads {@code x-amzn-RateLimit-Limit} (requests per second granted for this operation) into its limiter. */
    private <T> Function<ChannelHttp.Answer, T> limited(String bucket, Function<ChannelHttp.Answer, T> parse) {
        return answer -> {
            String limit = answer.header("x-amzn-RateLimit-Limit");
            if (limit != null) {
                try {
                    double perSecond = Double.parseDouble(limit.strip());
                    RateLimiter limiter = ctx.limiter(bucket);
                    if (perSecond > 0 && limiter != null) {
                        limiter.rate(perSecond);
                    }
                } catch (NumberFormatException ignored) {
                    // not a number: keep the documented rate
                }
            }
            return parse.apply(answer);
        };
    }

    private String key(String kind) {
        return ctx.channelId() + ":" + Integer.toHexString(ctx.credentials().require("refreshToken").hashCode()) + ":" + kind;
    }

    String accessToken(boolean renew) {
        Token t = TOKENS.get(key("lwa"));
        if (!renew && t != null && clock.instant().plusSeconds(60).isBefore(t.expires())) {
            return t.value();
        }
        String form = "grant_type=refresh_token&refresh_token=" + enc(ctx.credentials().require("refreshToken"))
                + "&client_id=" + enc(ctx.credentials().require("clientId")) + "&client_secret="
                + enc(ctx.credentials().require("clientSecret"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
        headers.put("Accept", "application/json");
        Token fresh;
        try {
            fresh = ctx.http().call(new ChannelHttp.Request(ctx.channelId(), "lwa.token", HttpMethod.POST, lwaUrl, headers,
                    form.getBytes(StandardCharsets.UTF_8), ctx.limiter("lwa")), answer -> {
                        JsonNode j = json(answer, "LWA token");
                        String value = j.path("access_token").asString(null);
                        if (value == null || value.isBlank()) {
                            throw malformed(answer, "LWA token: no access_token");
                        }
                        return new Token(value, clock.instant().plusSeconds(Math.max(60, j.path("expires_in").asLong(3600))));
                    });
        } catch (ConnectorException e) {
            // LWA: 400 invalid_grant (refresh token wrong or the authorisation was revoked), 401 invalid_client
            if (e.httpStatus() != null && (e.httpStatus() == 400 || e.httpStatus() == 401)) {
                throw new ConnectorException(FailureCause.BAD_CREDENTIALS, e.httpStatus(), "Login with Amazon refused the "
                        + "clientId/clientSecret or refresh token (" + e.getMessage() + "): check the LWA credentials of the "
                        + "application and re-authorise the seller if the refresh token was revoked", null);
            }
            throw e;
        }
        TOKENS.put(key("lwa"), fresh);
        TOKENS.remove(key("rdt"));
        return fresh.value();
    }

    private String restrictedDataToken(boolean renew) {
        Token t = TOKENS.get(key("rdt"));
        if (!renew && t != null && clock.instant().plusSeconds(60).isBefore(t.expires())) {
            return t.value();
        }
        Map<String, Object> body = Map.of("restrictedResources", List.of(
                Map.of("method", "GET", "path", "/orders/v0/orders", "dataElements", List.of("buyerInfo", "shippingAddress")),
                Map.of("method", "GET", "path", "/orders/v0/orders/{orderId}", "dataElements",
                        List.of("buyerInfo", "shippingAddress"))));
        Token fresh = authorised("createRestrictedDataToken", HttpMethod.POST, base + "/tokens/2021-03-01/restrictedDataToken",
                JSON.writeValueAsBytes(body), "rdt", answer -> {
                    JsonNode j = json(answer, "createRestrictedDataToken");
                    String value = j.path("restrictedDataToken").asString(null);
                    if (value == null || value.isBlank()) {
                        throw malformed(answer, "createRestrictedDataToken: no restrictedDataToken");
                    }
                    return new Token(value, clock.instant().plusSeconds(Math.max(60, j.path("expiresIn").asLong(3600))));
                });
        TOKENS.put(key("rdt"), fresh);
        return fresh.value();
    }

    /** Forgets the channel's tokens (tests, new credentials). */
    static void forget(long channelId) {
        TOKENS.keySet().removeIf(k -> k.startsWith(channelId + ":"));
    }

    private ChannelHttp.Request request(String operation, HttpMethod method, String url, byte[] body, String bucket,
            String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-access-token", token);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "ichigen/1.0 (Language=Java)");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new ChannelHttp.Request(ctx.channelId(), operation, method, url, headers, body, ctx.limiter(bucket));
    }

    // ------------------------------------------------------------------ helpers

    static JsonNode json(ChannelHttp.Answer answer, String what) {
        try {
            JsonNode j = JSON.readTree(answer.body());
            if (j == null || !j.isObject()) {
                throw malformed(answer, what + ": not a JSON object");
            }
            return j;
        } catch (tools.jackson.core.JacksonException e) {
            throw malformed(answer, what + ": unreadable JSON");
        }
    }

    static ConnectorException malformed(ChannelHttp.Answer answer, String message) {
        return new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), message, null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An id as one path segment (Amazon order ids are 3-7-7 digits; anything else is encoded, never a path). */
    private static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
