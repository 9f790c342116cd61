package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.ShipmentWriteBackJob;
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.fulfillment.ShipmentShipped;
import dev.ichigen.support.IchigenIntegrationTest;

/** 設定 → 販売チャネル → the channel page lists the 発送連絡 jobs: reported ones and the refused one with its error. */
@IchigenIntegrationTest
class ShipmentWriteBackBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelConnections connections;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    RakutenSandbox shop;

    @BeforeEach
    void start() {
        shop = (RakutenSandbox) new RakutenSandbox("127.0.0.1", 0, Clock.systemUTC(), 43, "SP43_" + UUID.randomUUID(),
                "SL43_" + UUID.randomUUID(), "400043").start();
        shop.seed(List.of(SandboxListing.of("wb-browser", "", "テスト", 1000, 100)));
    }

    @AfterEach
    void stop() {
        shop.stop();
    }

    @Test
    void theChannelPageShowsReportedAndRefusedShipments() {
        SalesChannel channel = channels.register(new NewChannel(Platform.RAKUTEN, null, "楽天 発送連絡 画面", shop.credentials()));
        SandboxOrder order = shop.placeOrder(List.of(new Pick("wb-browser", 1)));
        String unknown = "400043-20260101-0000009999";
        tx.executeWithoutResult(s -> events.publishEvent(new ShipmentShipped(9_800_000_000L + System.nanoTime() % 1_000_000,
                "S-WBB-" + UUID.randomUUID(), List.of(new ShipmentShipped.ShippedOrder(1, channel.id(), order.id()),
                        new ShipmentShipped.ShippedOrder(2, channel.id(), unknown)),
                "sagawa", "hikyaku", List.of("123456789012"))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> connections.shipmentWriteBacks(channel.id(), 10).stream()
                .map(ShipmentWriteBackJob::status).toList().containsAll(List.of(ShipmentWriteBackJob.Status.DONE,
                        ShipmentWriteBackJob.Status.FAILED)));

        browser.loginAsAdmin();
        browser.open("/settings/channels/" + channel.id());
        String table = browser.waitFor(By.id("write-back-table")).getText();
        assertThat(table).contains(order.id(), "連絡済み", "123456789012", unknown, "拒否されました", "REJECTED");
        browser.screenshot("channel-write-backs");
    }
}
