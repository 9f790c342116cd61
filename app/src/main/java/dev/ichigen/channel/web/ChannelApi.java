package dev.ichigen.channel.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.channel.ChannelCall;
import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelHealth;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.ConnectionTest;
import dev.ichigen.channel.SkuSyncStatus;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sales channels (販売チャネル) over REST. */
@RestController
@RequestMapping("/api/v1/channels")
@Tag(name = "channels", description = "Sales channels: stores on Shopify, 楽天市場, Yahoo!ショッピング, Amazon, own site")
class ChannelApi {

    private final ChannelManagement channels;
    private final ChannelConnections connections;

    ChannelApi(ChannelManagement channels, ChannelConnections connections) {
        this.channels = channels;
        this.connections = connections;
    }

    /** {@code credentials}: the platform's secrets (see the operation); stored encrypted, never echoed. */
    record ChannelRequest(String platform, String name, String code, Map<String, Object> credentials) {

        @Override
        public String toString() {
            return "ChannelRequest[platform=" + platform + ", name=" + name + ", code=" + code + "]";
        }
    }

    /** {@code credentialNames}: which credentials are stored — never their values. */
    record ChannelJson(long id, String code, String platform, String platformLabel, String name, boolean active,
            java.time.Instant createdAt, boolean credentialsStored, java.util.Set<String> credentialNames,
            java.time.Instant credentialsUpdatedAt) {

        static ChannelJson of(SalesChannel c) {
            return new ChannelJson(c.id(), c.code(), c.platform().name(), c.platform().label(), c.name(), c.active(),
                    c.createdAt(), c.hasCredentials(), c.credentialNames(), c.credentialsUpdatedAt());
        }
    }

    static final String CREDENTIALS_DOC = "credentials by platform — shopify: shopDomain (xxx.myshopify.com), "
            + "accessToken, webhookSecret (the app secret that signs webhooks), optional apiVersion, locationId; "
            + "rakuten: serviceSecret, licenseKey, optional licenseKeyExpiresOn (yyyy-MM-dd), shopUrl; "
            + "yahoo: sellerId, clientId, clientSecret, refreshToken, optional publicKey, publicKeyVersion; "
            + "amazon: sellerId, clientId, clientSecret, refreshToken, optional marketplaceId (default A1VC38T7YXB528), "
            + "notificationSecret (signs relayed ORDER_CHANGE notifications), endpoint; "
            + "custom: optional webhookSecret, apiKey. Every platform: optional endpoint (base URL, e.g. a sandbox). "
            + "All values are strings; they are encrypted at rest and never returned, logged or exported.";

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Register a sales channel", description = "platform: shopify, rakuten, yahoo, amazon or custom; "
            + "answers 201 with the channel's id. " + CREDENTIALS_DOC)
    ResponseEntity<ChannelJson> register(@RequestBody ChannelRequest request) {
        Platform platform = Platform.parse(request.platform());
        if (platform == null) {
            throw new InvalidInputException("platform", "shopify・rakuten・yahoo・amazon・custom のいずれかを指定してください: "
                    + request.platform());
        }
        SalesChannel channel = channels.register(new NewChannel(platform, request.code(), request.name(),
                request.credentials() == null ? Map.of() : request.credentials()));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channel.id())).body(ChannelJson.of(channel));
    }

    @PutMapping("/{id}/credentials")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace a channel's credentials", description = "The whole set is replaced; {} removes them. "
            + CREDENTIALS_DOC)
    ChannelJson replaceCredentials(@PathVariable long id, @RequestBody Map<String, Object> credentials) {
        return ChannelJson.of(channels.replaceCredentials(id, credentials));
    }

    @GetMapping
    @Operation(summary = "All sales channels")
    List<ChannelJson> list() {
        return channels.list().stream().map(ChannelJson::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sales channel")
    ChannelJson get(@PathVariable long id) {
        return channels.find(id).map(ChannelJson::of).orElseThrow(() -> new NotFoundException("販売チャネル " + id + " は登録されていません"));
    }

    /** Health as JSON: {@link ChannelHealth} plus the derived {@code failing} and {@code errorRatePercent}. */
    record HealthJson(long channelId, String platform, boolean connectorAvailable, boolean credentialsStored,
            boolean failing, java.time.Instant lastSuccessAt, java.time.Instant lastFailureAt, String lastFailureCause,
            String lastFailureError, long callsLastHour, long failuresLastHour, int errorRatePercent,
            java.time.Instant lastOrderImportAt, java.time.Instant lastStockPushAt, long pendingStockPushes,
            long stockPushErrors, java.time.LocalDate credentialsExpireOn, boolean credentialsExpiring,
            long pendingShipmentWriteBacks, long failedShipmentWriteBacks) {

        static HealthJson of(ChannelHealth h) {
            return new HealthJson(h.channelId(), h.platform().name(), h.connectorAvailable(), h.credentialsStored(),
                    h.failing(), h.lastSuccessAt(), h.lastFailureAt(),
                    h.lastFailureCause() == null ? null : h.lastFailureCause().name(), h.lastFailureError(),
                    h.callsLastHour(), h.failuresLastHour(), h.errorRatePercent(), h.lastOrderImportAt(),
                    h.lastStockPushAt(), h.pendingStockPushes(), h.stockPushErrors(), h.credentialsExpireOn(),
                    h.credentialsExpiring(), h.pendingShipmentWriteBacks(), h.failedShipmentWriteBacks());
        }
    }

    @GetMapping("/{id}/health")
    @Operation(summary = "A channel's connection health", description = "Last success, last failure with its cause "
            + "(BAD_CREDENTIALS, RATE_LIMITED, UNREACHABLE, MALFORMED_RESPONSE, SERVER_ERROR, REJECTED, NOT_CONFIGURED), "
            + "error rate over the last hour, last order import, last stock push, pending stock pushes; when the "
            + "credentials expire (Rakuten licenseKeyExpiresOn) and whether that is 14 days away or less (credentialsExpiring).")
    HealthJson health(@PathVariable long id) {
        return HealthJson.of(connections.health(id));
    }

    @GetMapping("/{id}/calls")
    @Operation(summary = "A channel's call log, newest first", description = "Time, operation, endpoint, HTTP status, "
            + "latency, outcome (OK, RETRY, FAILED) and a short cause. Never credentials or bodies. limit 1–500 (default 100).")
    List<ChannelCall> calls(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        return connections.calls(id, limit);
    }

    @GetMapping("/{id}/stock-sync")
    @Operation(summary = "Stock sync status per SKU", description = "Last pushed quantity and time, pending, last error.")
    List<SkuSyncStatus> stockSync(@PathVariable long id, @RequestParam(defaultValue = "200") int limit) {
        return connections.stockSyncStatus(id, limit);
    }

    @GetMapping("/{id}/shipment-write-backs")
    @Operation(summary = "Shipment write-backs (発送連絡) of the channel", description = "One job per shipped order: "
            + "channel order number, carrier, tracking numbers, status (PENDING, DONE, FAILED, NOT_SUPPORTED), attempts, "
            + "next attempt, last error. FAILED and PENDING first. limit 1–1000 (default 200).")
    List<dev.ichigen.channel.ShipmentWriteBackJob> shipmentWriteBacks(@PathVariable long id,
            @RequestParam(defaultValue = "200") int limit) {
        return connections.shipmentWriteBacks(id, limit);
    }

    @PostMapping("/{id}/shipment-write-backs/{jobId}/retry")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Send a failed shipment write-back again", description = "A FAILED or NOT_SUPPORTED job goes "
            + "back to PENDING and is sent at the next pass; 409 when the job is not in one of those states.")
    ResponseEntity<Void> retryShipmentWriteBack(@PathVariable long id, @PathVariable long jobId) {
        if (!connections.retryShipmentWriteBack(id, jobId)) {
            throw new dev.ichigen.shared.ConflictException("発送連絡 " + jobId + " は再送できる状態ではありません");
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{id}/connection-test")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Test the connection", description = "One authenticated read through the channel's connector.")
    ConnectionTest connectionTest(@PathVariable long id) {
        return connections.testConnection(id);
    }

    @PostMapping("/{id}/order-import")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Import the channel's changed orders now", description = "What the polling task does; answers "
            + "how many orders were created, updated or cancelled (taken), or the failure's cause.")
    dev.ichigen.channel.OrderImportRun importOrders(@PathVariable long id) {
        return connections.importOrdersNow(id);
    }
}
