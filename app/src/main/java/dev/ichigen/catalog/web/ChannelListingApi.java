package dev.ichigen.catalog.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.catalog.ChannelListing;
import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.UnmappedChannelItem;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Channel listings (商品紐付け) and unmapped channel items over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "channel listings", description = "Which channel item is which SKU; channel items not mapped yet")
class ChannelListingApi {

    private final ChannelListings listings;

    ChannelListingApi(ChannelListings listings) {
        this.listings = listings;
    }

    /** {@code subCode}: 楽天 variantId / Yahoo! subcode, empty or omitted when the platform has none. */
    record ListingRequest(String itemCode, String subCode, String sku, String externalRef) {
    }

    record ListingJson(long id, long channelId, String itemCode, String subCode, String sku, String externalRef,
            Instant createdAt) {

        static ListingJson of(ChannelListing l) {
            return new ListingJson(l.id(), l.channelId(), l.itemCode(), l.subCode(), l.sku().value(), l.externalRef(),
                    l.createdAt());
        }
    }

    @PutMapping("/channels/{channelId}/listings")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Map a channel item to a SKU (create or re-map)", description = "Resolves the item if it was listed as unmapped.")
    ResponseEntity<ListingJson> map(@PathVariable long channelId, @RequestBody ListingRequest request) {
        Sku sku = null;
        if (request.sku() != null && !request.sku().isBlank()) {
            if (!Sku.isValid(request.sku())) {
                throw new InvalidInputException("sku", "商品コード(SKU)として正しくありません: " + request.sku());
            }
            sku = Sku.of(request.sku());
        }
        ChannelListing listing = listings.map(channelId, request.itemCode(), request.subCode(), sku, request.externalRef());
        return ResponseEntity.ok(ListingJson.of(listing));
    }

    @GetMapping("/channels/{channelId}/listings")
    @Operation(summary = "A channel's listings, in item code order")
    Page<ListingJson> byChannel(@PathVariable long channelId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        return listings.listByChannel(channelId, page, size).map(ListingJson::of);
    }

    @DeleteMapping("/channels/{channelId}/listings")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Remove a mapping")
    ResponseEntity<Void> unmap(@PathVariable long channelId, @RequestParam String itemCode,
            @RequestParam(required = false) String subCode) {
        if (!listings.unmap(channelId, itemCode, subCode)) {
            throw new NotFoundException("チャネル " + channelId + " の商品 " + itemCode + " は紐付けられていません");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/products/{sku}/listings")
    @Operation(summary = "The channel items mapped to a SKU")
    List<ListingJson> bySku(@PathVariable String sku) {
        return listings.listBySku(ProductApi.sku(sku)).stream().map(ListingJson::of).toList();
    }

    @GetMapping("/unmapped-items")
    @Operation(summary = "Channel items seen but not mapped to a SKU (未紐付け), most recently seen first")
    Page<UnmappedChannelItem> unmapped(@RequestParam(required = false) Long channelId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return listings.openUnmappedItems(channelId, page, size);
    }
}
