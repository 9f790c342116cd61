package dev.ichigen.inventory.web;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.inventory.PublishPolicy;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What each channel may show (連動在庫数) and the publish policies (在庫連動の設定). */
@RestController
@RequestMapping("/api/v1/channels/{channelId}")
@Tag(name = "publish policy", description = "Publishable quantity per channel and the policies behind it")
class PublishApi {

    private static final String POLICY_ROLES = "hasAnyRole('ADMIN','OPERATOR')";

    private final PublishableQuantity publishable;

    PublishApi(PublishableQuantity publishable) {
        this.publishable = publishable;
    }

    /** Missing fields take the defaults: sync on, no hold-back, 100 %, no cap, no zero threshold. */
    record PolicyBody(Boolean syncEnabled, Integer holdBack, Integer maxQuantity, Integer percentage,
            Integer zeroAtOrBelow) {
        PublishPolicy toPolicy() {
            return new PublishPolicy(syncEnabled == null || syncEnabled, holdBack == null ? 0 : holdBack, maxQuantity,
                    percentage == null ? 100 : percentage, zeroAtOrBelow);
        }
    }

    @GetMapping("/publishable/{sku}")
    @Operation(summary = "The quantity this channel should show for a SKU now, with the available stock and policy")
    Views.Publishable publishable(@PathVariable long channelId, @PathVariable String sku) {
        return Views.Publishable.of(publishable.of(channelId, Sku.of(sku)));
    }

    @GetMapping("/publish-policy")
    @Operation(summary = "The channel's default publish policy")
    Views.Policy channelPolicy(@PathVariable long channelId) {
        return Views.Policy.of(publishable.channelPolicy(channelId));
    }

    @PutMapping("/publish-policy")
    @PreAuthorize(POLICY_ROLES)
    @Operation(summary = "Set the channel's default publish policy (sync, hold-back, max, percentage, zero threshold)")
    Views.Policy setChannelPolicy(@PathVariable long channelId, @RequestBody PolicyBody body) {
        return Views.Policy.of(publishable.setChannelPolicy(channelId, body.toPolicy()));
    }

    @GetMapping("/publish-policy/{sku}")
    @Operation(summary = "A SKU's own publish policy on the channel (404 when it has none)")
    Views.Policy skuPolicy(@PathVariable long channelId, @PathVariable String sku) {
        return publishable.skuPolicy(channelId, Sku.of(sku)).map(Views.Policy::of)
                .orElseThrow(() -> new NotFoundException("no own publish policy for " + sku + " on channel " + channelId));
    }

    @PutMapping("/publish-policy/{sku}")
    @PreAuthorize(POLICY_ROLES)
    @Operation(summary = "Set a SKU's own publish policy (replaces the channel default for it)")
    Views.Policy setSkuPolicy(@PathVariable long channelId, @PathVariable String sku, @RequestBody PolicyBody body) {
        return Views.Policy.of(publishable.setSkuPolicy(channelId, Sku.of(sku), body.toPolicy()));
    }

    @DeleteMapping("/publish-policy/{sku}")
    @PreAuthorize(POLICY_ROLES)
    @Operation(summary = "Remove a SKU's own publish policy (the channel default applies again)")
    ResponseEntity<Void> removeSkuPolicy(@PathVariable long channelId, @PathVariable String sku) {
        publishable.removeSkuPolicy(channelId, Sku.of(sku));
        return ResponseEntity.noContent().build();
    }
}
