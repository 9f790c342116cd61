package dev.ichigen.channel.amazon;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.connector.CallLog;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.Connectors;
import dev.ichigen.channel.connector.OrderImport;
import dev.ichigen.channel.connector.SalesChannelConnector.PulledOrder;
import dev.ichigen.order.IntakeResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Amazon ORDER_CHANGE notifications, relayed. SP-API delivers ORDER_CHANGE only to an Amazon SQS queue (Notifications
 * API destinations are SQS or EventBridge), which ichigen cannot reach without AWS credentials of its own; an
 * integrator's relay (e.g. a Lambda on the queue) POSTs each notification's JSON unchanged to
 * {@code /api/v1/webhooks/amazon/{channelId}}, signed with the channel's {@code credentials.notificationSecret}:
 * {@code X-Ichigen-Signature} = base64 HMAC-SHA256 of the raw body bytes, compared in constant time (the same scheme
 * as Shopify's webhooks). The notification only says which order changed: the order is then fetched at once through
 * the connector (getOrder + getOrderItems with the RDT) and taken in — the notification body is never trusted for
 * content. Polling stays the safety net (a lost notification is read by the next poll). {@code NotificationId} is
 * de-duplicated in {@code channel_webhook_receipt}. Answers: 200 taken / skipped (Pending, unknown) / duplicate; 401 bad
 * or missing signature; 400 malformed or another seller's notification; 503 when Amazon could not be read (the relay
 * redelivers; the cause is in health).
 */
@RestController
@Tag(name = "webhooks", description = "Platform webhooks, authenticated by the platform's signature instead of a token")
class AmazonNotificationApi {

    private final Connectors connectors;
    private final AmazonConnector connector;
    private final OrderImport imports;
    private final CallLog calls;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxBodyBytes;

    AmazonNotificationApi(Connectors connectors, AmazonConnector connector, OrderImport imports, CallLog calls,
            JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${ichigen.channel.webhook-max-bytes:5242880}") int maxBodyBytes) {
        this.connectors = connectors;
        this.connector = connector;
        this.imports = imports;
        this.calls = calls;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping("/api/v1/webhooks/amazon/{channelId}")
    @Operation(summary = "Receive a relayed Amazon ORDER_CHANGE notification", description = "The SP-API notification "
            + "JSON as Amazon put it on the SQS queue, POSTed by the integrator's relay. Authenticated by "
            + "X-Ichigen-Signature (base64 HMAC-SHA256 of the raw body with the channel's credentials.notificationSecret): "
            + "missing or wrong → 401. NotificationMetadata.NotificationId is de-duplicated. The order named by "
            + "Payload.OrderChangeNotification.AmazonOrderId is fetched from Amazon at once and taken in; 503 when Amazon "
            + "could not be read (redeliver later; polling also catches up).")
    ResponseEntity<Map<String, Object>> receive(@PathVariable long channelId,
            @RequestHeader(name = "X-Ichigen-Signature", required = false) String signature,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        long started = System.nanoTime();
        String endpoint = "POST /api/v1/webhooks/amazon/" + channelId;
        byte[] raw = request.getContentLengthLong() > maxBodyBytes ? null : request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (raw == null || raw.length > maxBodyBytes) {
            return answer(413, "body larger than " + maxBodyBytes + " bytes");
        }
        Connectors.Bound bound;
        try {
            bound = connectors.bind(channelId);
        } catch (ConnectorException e) {
            return answer(404, "no connected channel " + channelId);
        }
        if (bound.context().channel().platform() != Platform.AMAZON) {
            return answer(404, "no Amazon channel " + channelId);
        }
        String secret = bound.context().credentials().get("notificationSecret").orElse(null);
        if (secret == null || signature == null || !verify(raw, signature, secret)) {
            calls.record(channelId, "notification", endpoint, 401, millis(started), "FAILED", FailureCause.BAD_CREDENTIALS,
                    secret == null ? "no notificationSecret stored for the channel"
                            : signature == null ? "X-Ichigen-Signature missing" : "X-Ichigen-Signature does not match");
            return answer(401, "invalid or missing X-Ichigen-Signature");
        }
        JsonNode n;
        try {
            n = AmazonClient.JSON.readTree(raw);
        } catch (tools.jackson.core.JacksonException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            return malformed(channelId, endpoint, started, "notification: unreadable JSON");
        }
        if (!"ORDER_CHANGE".equals(AmazonOrderMapper.text(n, "NotificationType"))) {
            calls.record(channelId, "notification", endpoint, 200, millis(started), "OK", null, "notification type not handled");
            return ResponseEntity.ok(Map.of("ignored", true));
        }
        JsonNode change = n.path("Payload").path("OrderChangeNotification");
        String orderId = AmazonOrderMapper.text(change, "AmazonOrderId");
        if (orderId == null || !orderId.matches("[0-9A-Za-z-]{1,50}")) {
            return malformed(channelId, endpoint, started, "notification: Payload.OrderChangeNotification.AmazonOrderId missing or invalid");
        }
        String seller = AmazonOrderMapper.text(change, "SellerId");
        if (seller != null && !seller.equals(bound.context().credentials().get("sellerId").orElse(""))) {
            return malformed(channelId, endpoint, started, "notification: SellerId is not the channel's seller");
        }
        String notificationId = AmazonOrderMapper.text(n.path("NotificationMetadata"), "NotificationId");
        if (notificationId != null && received(channelId, notificationId)) {
            calls.record(channelId, "notification", endpoint, 200, millis(started), "OK", null, "duplicate notification ignored");
            return ResponseEntity.ok(Map.of("duplicate", true));
        }
        Optional<PulledOrder> pulled;
        try {
            pulled = connector.fetchOrder(bound.context(), orderId);
        } catch (ConnectorException e) {
            calls.failure(channelId, e.failureCause(), "ORDER_CHANGE " + orderId + ": " + e.getMessage());
            return answer(503, "Amazon could not be read (" + e.failureCause() + "); redeliver later");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("amazonOrderId", orderId);
        if (pulled.isEmpty()) {
            json.put("skipped", "not an order to take in yet (Pending, FBA or unknown)");
        } else {
            IntakeResult result = imports.take(channelId, pulled.get(), "notification");
            if (result == null) {
                return answer(422, "the order could not be taken in (see the channel's call log)");
            }
            json.put("orderId", result.orderId());
            json.put("outcome", result.outcome().name());
        }
        if (notificationId != null) {
            jdbc.sql("""
                    insert into channel_webhook_receipt (channel_id, webhook_id, topic, received_at)
                    values (:c, :id, 'ORDER_CHANGE', :now) on conflict do nothing""")
                    .param("c", channelId).param("id", truncate(notificationId, 100))
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
        calls.record(channelId, "notification", endpoint, 200, millis(started), "OK", null, null);
        return ResponseEntity.ok(json);
    }

    private ResponseEntity<Map<String, Object>> malformed(long channelId, String endpoint, long started, String error) {
        calls.record(channelId, "notification", endpoint, 400, millis(started), "FAILED", FailureCause.MALFORMED_RESPONSE, error);
        return answer(400, error);
    }

    private boolean received(long channelId, String id) {
        return jdbc.sql("select count(*) from channel_webhook_receipt where channel_id = :c and webhook_id = :id")
                .param("c", channelId).param("id", truncate(id, 100)).query(Long.class).single() > 0;
    }

    /** Constant-time comparison of the decoded signature with the HMAC-SHA256 of the raw bytes. */
    static boolean verify(byte[] body, String header, String secret) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, secret), given);
    }

    static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> answer(int status, String error) {
        return ResponseEntity.status(status).body(Map.of("error", error));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
