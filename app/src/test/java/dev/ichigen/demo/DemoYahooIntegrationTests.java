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
import dev.ichigen.channel.sandbox.YahooSandbox;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxStores;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.support.IchigenIntegrationTest;

/** With --demo the Yahoo! demo store is the Yahoo! sandbox, connected through the real connector (polling, setStock). */
@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.demo.enabled=true")
class DemoYahooIntegrationTests {

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
    void theDemoYahooStoreIsTheSandboxItsOrdersArriveByPollingAndItShowsOurStock() {
        SalesChannel yahoo = channels.findByCode("yahoo-demo").orElseThrow();
        assertThat(yahoo.credentialNames()).contains("endpoint", "sellerId", "clientId", "clientSecret", "refreshToken");
        YahooSandbox shop = sandboxes.yahoo().orElseThrow();
        assertThat(shop.listings()).isNotEmpty();
        assertThat(connections.testConnection(yahoo.id()).ok()).isTrue();

        int placed = shop.orders().size();
        assertThat(placed).isPositive();
        assertThat(connections.importOrdersNow(yahoo.id()).ok()).isTrue(); // what the polling task does every 2 minutes
        assertThat(shop.orders()).allSatisfy(o -> assertThat(orders.find(yahoo.id(), o.id())).isPresent());

        await(() -> shop.listings().stream().allMatch(l -> l.quantity() == expected(yahoo.id(), l)), "stock in sync");
        assertThat(connections.health(yahoo.id()).failing()).isFalse();
    }

    private long expected(long channelId, SandboxListing l) {
        return listings.lookup(channelId, l.code(), l.subCode()).map(sku -> publishable.of(channelId, sku).quantity())
                .orElse(-1L);
    }
}
