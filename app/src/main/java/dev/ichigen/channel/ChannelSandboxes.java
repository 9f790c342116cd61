package dev.ichigen.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxServer;
import dev.ichigen.channel.sandbox.SandboxStores;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.shared.Sku;

/**
 * The sandbox stores as other modules (the demo) may use them: their credentials, listing our products on a sandbox
 * store with the channel listings that map them back (Shopify: SKU + inventory item id), pointing its webhooks at us,
 * and generating orders there. Everything is empty/false when the sandbox stores are off
 * ({@code ichigen.sandbox.enabled}).
 */
@Service
public class ChannelSandboxes {

    /** One product to list on a sandbox store: our SKU, title, tax-included price, tax rate (10/8) and the stock the store shows. */
    public record SandboxItem(Sku sku, String title, int price, int taxRatePercent, int quantity) {
    }

    private final ObjectProvider<SandboxStores> stores;
    private final ChannelListings listings;

    ChannelSandboxes(ObjectProvider<SandboxStores> stores, ChannelListings listings) {
        this.stores = stores;
        this.listings = listings;
    }

    public boolean running(Platform platform) {
        SandboxStores s = stores.getIfAvailable();
        return s != null && s.store(platform).isPresent();
    }

    /** The credentials (incl. {@code endpoint}) to register a channel against this platform's sandbox. */
    public Optional<Map<String, String>> credentials(Platform platform) {
        return running(platform) ? Optional.of(stores.getObject().credentials(platform)) : Optional.empty();
    }

    /**
     * Lists the items on the Shopify sandbox and maps each as the channel's listing (item code = SKU, external ref =
     * the inventory item id the stock push needs).
     */
    public void listOnShopify(long channelId, List<SandboxItem> items) {
        ShopifySandbox shop = shopify();
        shop.seed(items.stream().map(i -> new SandboxListing(i.sku().value(), "", i.title(), i.price(), i.taxRatePercent(),
                i.quantity(), false, 0, 0, 0, null)).toList());
        for (SandboxItem i : items) {
            long inventoryItem = shop.listing(i.sku().value(), "").orElseThrow().inventoryItemId();
            listings.map(channelId, i.sku().value(), "", i.sku(), String.valueOf(inventoryItem));
        }
    }

    /** One listing on a mall's sandbox store as the mall keys it (楽天: manageNumber + variantId; Yahoo!: itemcode + subcode). */
    public record MallItem(String itemCode, String subCode, String title, int price, int taxRatePercent, int quantity) {
    }

    /**
     * Lists the items on a mall's sandbox store (楽天, Yahoo!) under the codes the channel listings already map; the
     * store keeps them until it stops (in memory).
     */
    public void listOn(Platform platform, List<MallItem> items) {
        SandboxServer s = stores.getObject().store(platform).orElseThrow(
                () -> new IllegalStateException("the " + platform.label() + " sandbox is not running"));
        s.seed(items.stream().map(i -> new SandboxListing(i.itemCode(), i.subCode() == null ? "" : i.subCode(), i.title(),
                i.price(), i.taxRatePercent(), i.quantity(), false, 0, 0, 0, null)).toList());
    }

    /** Sends the Shopify sandbox's webhooks to this application's endpoint for the channel. */
    public void shopifyWebhooksTo(String appBaseUrl, long channelId) {
        shopify().webhookUrl(appBaseUrl.replaceAll("/+$", "") + "/api/v1/webhooks/shopify/" + channelId);
    }

    /** Sends the Amazon sandbox's ORDER_CHANGE notifications (signed like an integrator's SQS relay) to this application. */
    public void amazonNotificationsTo(String appBaseUrl, long channelId) {
        stores.getObject().amazon().orElseThrow(() -> new IllegalStateException("the Amazon sandbox is not running"))
                .notificationUrl(appBaseUrl.replaceAll("/+$", "") + "/api/v1/webhooks/amazon/" + channelId);
    }

    /** Generates up to {@code count} realistic orders on the platform's sandbox; answers how many were placed. */
    public int generateOrders(Platform platform, int count) {
        SandboxServer s = stores.getObject().store(platform).orElseThrow();
        return s.generateOrders(count).size();
    }

    private ShopifySandbox shopify() {
        return stores.getObject().shopify().orElseThrow(() -> new IllegalStateException("the Shopify sandbox is not running"));
    }
}
