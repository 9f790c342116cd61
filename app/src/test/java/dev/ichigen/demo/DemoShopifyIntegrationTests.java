package dev.ichigen.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxStores;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

/** With --demo the Shopify demo store is the Shopify sandbox, connected through the real connector. */
@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.demo.enabled=true")
class DemoShopifyIntegrationTests {

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ChannelListings listings;

    @Autowired
    SandboxStores sandboxes;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    OrderManagement orders;

    @Test
    void theDemoShopifyStoreIsTheSandboxItsOrdersArriveByWebhookAndItShowsOurStock() {
        SalesChannel shopify = channels.findByCode("shopify-demo").orElseThrow();
        assertThat(shopify.credentialNames()).contains("endpoint", "accessToken", "webhookSecret", "locationId");
        ShopifySandbox shop = sandboxes.shopify().orElseThrow();
        assertThat(shop.listings()).isNotEmpty();
        assertThat(connections.testConnection(shopify.id()).ok()).isTrue();

        // the orders generated on the sandbox at start-up came in by webhook
        int placed = shop.orders().size();
        assertThat(placed).isPositive();
        await(() -> shop.orders().stream().allMatch(o -> orders.find(shopify.id(), o.id()).isPresent()), "demo orders in");

        // and every listing shows what ichigen publishes for it
        await(() -> shop.listings().stream().allMatch(l -> l.quantity() == expected(shopify.id(), l)), "stock in sync");
        assertThat(connections.health(shopify.id()).failing()).isFalse();
    }

    private long expected(long channelId, SandboxListing l) {
        return publishable.of(channelId, Sku.of(l.code())).quantity();
    }
}
