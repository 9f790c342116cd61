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
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.channel.ChannelManagement;
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

    ChannelApi(ChannelManagement channels) {
        this.channels = channels;
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
            + "amazon: sellerId, clientId, clientSecret, refreshToken, optional marketplaceId; "
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
}
