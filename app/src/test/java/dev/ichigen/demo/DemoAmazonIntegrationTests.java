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
import dev.ichigen.channel.sandbox.AmazonSandbox;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxStores;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * With --demo the Amazon demo store is the Amazon SP-API sandbox, connected through the real connector: ORDER_CHANGE
 * notifications relayed to this application, polling, JSON_LISTINGS_FEED.
 */
@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.demo.enabled=true")
class DemoAmazonIntegrationTests {

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
    void theDemoAmazonStoreIsTheSandboxItsOrdersArriveByNotificationAndPollingAndItShowsOurStock() {
        SalesChannel amazon = channels.findByCode("amazon-demo").orElseThrow();
        assertThat(amazon.credentialNames()).contains("endpoint", "sellerId", "clientId", "clientSecret", "refreshToken",
                "notificationSecret");
        AmazonSandbox shop = sandboxes.amazon().orElseThrow();
        assertThat(shop.listings()).isNotEmpty();
        assertThat(connections.testConnection(amazon.id()).ok()).isTrue();

        int placed = shop.orders().size();
        assertThat(placed).isPositive();
        // Pending (convenience store, unpaid) orders wait on Amazon; the others arrive by ORDER_CHANGE
        var payable = shop.orders().stream().filter(o -> !o.status().equals("Pending")).toList();
        await(() -> payable.stream().allMatch(o -> orders.find(amazon.id(), o.id()).isPresent()), "orders by notification");
        assertThat(connections.importOrdersNow(amazon.id()).ok()).isTrue(); // what the polling task does every 2 minutes
        assertThat(shop.orders()).filteredOn(o -> o.status().equals("Pending"))
                .allSatisfy(o -> assertThat(orders.find(amazon.id(), o.id())).isEmpty());

        await(() -> shop.listings().stream().allMatch(l -> l.quantity() == expected(amazon.id(), l)), "stock in sync");
        assertThat(connections.health(amazon.id()).failing()).isFalse();
    }

    private long expected(long channelId, SandboxListing l) {
        return listings.lookup(channelId, l.code(), l.subCode()).map(sku -> publishable.of(channelId, sku).quantity())
                .orElse(-1L);
    }
}
