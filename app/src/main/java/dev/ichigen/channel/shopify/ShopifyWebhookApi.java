package dev.ichigen.channel.shopify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.connector.CallLog;
import dev.ichigen.channel.connector.OrderImport;
import dev.ichigen.channel.connector.SalesChannelConnector.PulledOrder;
import dev.ichigen.channel.credentials.ChannelCredentialStore;
import dev.ichigen.order.IntakeResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Shopify webhooks {@code orders/create}, {@code orders/updated}, {@code orders/cancelled}. Public (no bearer token):
 * each delivery is authenticated by {@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw body bytes keyed with
 * the channel's {@code credentials.webhookSecret}, compared in constant time (reference: shared/reference/README.md,
 * shopify). Missing or wrong → 401 and no order, no receipt. {@code X-Shopify-Webhook-Id} is de-duplicated
 * ({@code channel_webhook_receipt}): a redelivery answers 200 and writes nothing. The order is taken in synchronously
 * (one intake transaction, tens of milliseconds — well inside Shopify's 5-second answer limit).
 */
@RestController
@Tag(name = "webhooks", description = "Platform webhooks, authenticated by the platform's signature instead of a token")
class ShopifyWebhookApi {

    private static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated", "orders/cancelled");

    private final ChannelManagement channels;
    private final ChannelCredentialStore credentials;
    private final OrderImport imports;
    private final CallLog calls;
    private final JdbcClient jdbc;
    private final Clock clock;

    private final int maxBodyBytes;

    ShopifyWebhookApi(ChannelManagement channels, ChannelCredentialStore credentials, OrderImport imports, CallLog calls,
            JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${ichigen.channel.webhook-max-bytes:5242880}") int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.channels = channels;
        this.credentials = credentials;
        this.imports = imports;
        this.calls = calls;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/api/v1/webhooks/shopify/{channelId}")
    @Operation(summary = "Receive a Shopify webhook", description = "Topics orders/create, orders/updated, "
            + "orders/cancelled. Authenticated by X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the "
            + "channel's credentials.webhookSecret): missing or wrong → 401, nothing stored. X-Shopify-Webhook-Id is "
            + "de-duplicated. A body over ichigen.channel.webhook-max-bytes (5 MiB) → 413 unread. Malformed JSON or an order without id/created_at/line_items → 400, nothing stored. "
            + "The channel order number is the order id.")
    ResponseEntity<Map<String, Object>> receive(@PathVariable long channelId,
            @RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) String hmac,
            @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId,
            @RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        long started = System.nanoTime();
        // An oversized body is refused before it is read into memory (hostile input; Shopify's order payloads are
        // far below the limit, ichigen.channel.webhook-max-bytes, default 5 MiB)
        byte[] raw = request.getContentLengthLong() > maxBodyBytes ? null
                : request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (raw == null || raw.length > maxBodyBytes) {
            calls.record(channelId, "webhook", "POST /api/v1/webhooks/shopify/" + channelId, 413, millis(started), "FAILED",
                    FailureCause.MALFORMED_RESPONSE, "body larger than " + maxBodyBytes + " bytes refused");
            return answer(413, "body larger than " + maxBodyBytes + " bytes");
        }
        SalesChannel channel = channels.find(channelId).filter(c -> c.platform() == Platform.SHOPIFY).orElse(null);
        if (channel == null) {
            return answer(404, "no Shopify channel " + channelId);
        }
        String operation = "webhook." + (topic == null ? "unknown" : ChannelHttpText.clean(topic));
        String secret = credentials.credentials(channelId).get("webhookSecret").orElse(null);
        if (secret == null || hmac == null || !verify(raw, hmac, secret)) {
            calls.record(channelId, operation, "POST /api/v1/webhooks/shopify/" + channelId, 401, millis(started), "FAILED",
                    FailureCause.BAD_CREDENTIALS, secret == null ? "no webhookSecret stored for the channel"
                            : hmac == null ? "X-Shopify-Hmac-Sha256 missing" : "X-Shopify-Hmac-Sha256 does not match");
            return answer(401, "invalid or missing X-Shopify-Hmac-Sha256");
        }
        if (webhookId != null && received(channelId, webhookId)) {
            calls.record(channelId, operation, "POST /api/v1/webhooks/shopify/" + channelId, 200, millis(started), "OK",
                    null, "duplicate delivery " + ChannelHttpText.clean(webhookId) + " ignored");
            return ResponseEntity.ok(Map.of("duplicate", true));
        }
        if (topic == null || !ORDER_TOPICS.contains(topic)) {
            calls.record(channelId, operation, "POST /api/v1/webhooks/shopify/" + channelId, 200, millis(started), "OK",
                    null, "topic not handled");
            return ResponseEntity.ok(Map.of("ignored", true));
        }
        PulledOrder pulled;
        try {
            JsonNode json = ShopifyOrderMapper.parse(raw);
            pulled = ShopifyConnector.map(channelId, json);
        } catch (ShopifyPayloadException e) {
            pulled = new PulledOrder(null, null, e.getMessage());
        }
        if (pulled.error() != null) {
            calls.record(channelId, operation, "POST /api/v1/webhooks/shopify/" + channelId, 400, millis(started), "FAILED",
                    FailureCause.MALFORMED_RESPONSE, pulled.error());
            return answer(400, pulled.error());
        }
        IntakeResult result = imports.take(channelId, pulled, "webhook");
        if (result == null) {
            return answer(422, "the order was refused by the intake (see the channel's call log)");
        }
        if (webhookId != null) {
            jdbc.sql("""
                    insert into channel_webhook_receipt (channel_id, webhook_id, topic, received_at)
                    values (:c, :id, :topic, :now) on conflict do nothing""")
                    .param("c", channelId).param("id", ChannelHttpText.truncate(webhookId, 100)).param("topic", topic)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
        calls.record(channelId, operation, "POST /api/v1/webhooks/shopify/" + channelId, 200, millis(started), "OK", null,
                null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", result.orderId());
        json.put("outcome", result.outcome().name());
        return ResponseEntity.ok(json);
    }

    private boolean received(long channelId, String webhookId) {
        return jdbc.sql("select count(*) from channel_webhook_receipt where channel_id = :c and webhook_id = :id")
                .param("c", channelId).param("id", ChannelHttpText.truncate(webhookId, 100)).query(Long.class).single() > 0;
    }

    /** Constant-time comparison of the decoded signature with the HMAC of the raw bytes. */
    static boolean verify(byte[] body, String header, String secret) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> answer(int status, String error) {
        return ResponseEntity.status(status).body(Map.of("error", error));
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Header values go into the log cut short and without control characters. */
    static final class ChannelHttpText {
        static String clean(String s) {
            return truncate(s.replaceAll("[\\p{Cntrl}]", "?"), 60);
        }

        static String truncate(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max);
        }
    }
}
