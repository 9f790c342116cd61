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
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxStores;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.support.IchigenIntegrationTest;

/** With --demo the 楽天 demo shop is the Rakuten sandbox, connected through the real connector (polling, bulk-upsert). */
@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.demo.enabled=true")
class DemoRakutenIntegrationTests {

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
    void theDemoRakutenShopIsTheSandboxItsOrdersArriveByPollingAndItShowsOurStock() {
        SalesChannel rakuten = channels.findByCode("rakuten-demo").orElseThrow();
        assertThat(rakuten.credentialNames()).contains("endpoint", "serviceSecret", "licenseKey", "licenseKeyExpiresOn");
        RakutenSandbox shop = sandboxes.rakuten().orElseThrow();
        assertThat(shop.listings()).isNotEmpty();
        assertThat(connections.testConnection(rakuten.id()).ok()).isTrue();

        int placed = shop.orders().size();
        assertThat(placed).isPositive();
        assertThat(connections.importOrdersNow(rakuten.id()).ok()).isTrue(); // what the polling task does every 2 minutes
        assertThat(shop.orders()).allSatisfy(o -> assertThat(orders.find(rakuten.id(), o.id())).isPresent());

        await(() -> shop.listings().stream().allMatch(l -> l.quantity() == expected(rakuten.id(), l)), "stock in sync");
        assertThat(connections.health(rakuten.id()).failing()).isFalse();
        assertThat(connections.health(rakuten.id()).credentialsExpiring()).isFalse(); // a fresh key: 90 days
    }

    private long expected(long channelId, SandboxListing l) {
        return listings.lookup(channelId, l.code(), l.subCode()).map(sku -> publishable.of(channelId, sku).quantity())
                .orElse(-1L);
    }
}
