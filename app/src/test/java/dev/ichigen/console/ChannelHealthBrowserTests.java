package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.RakutenSandbox;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.support.IchigenIntegrationTest;

/** 設定 → 販売チャネル: health per channel, the connection test, the call log, and the dashboard's error badge. */
@IchigenIntegrationTest
class ChannelHealthBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ChannelManagement channels;

    ShopifySandbox shop;

    @BeforeEach
    void start() {
        shop = (ShopifySandbox) ShopifySandbox.withDefaults(0, 5).start();
    }

    @AfterEach
    void stop() {
        shop.stop();
    }

    @Test
    void theConnectionTestShowsTheCauseAndTheDashboardNamesTheFailingChannel() {
        Map<String, String> expired = new LinkedHashMap<>(shop.credentials());
        expired.put("accessToken", "shpat_expired_token_value");
        String name = "Shopify 期限切れ店 " + UserAdminBrowserTests.uniqueName("h");
        SalesChannel bad = channels.register(new NewChannel(Platform.SHOPIFY, null, name, expired));
        SalesChannel good = channels.register(new NewChannel(Platform.SHOPIFY, null, "Shopify 正常店", shop.credentials()));

        browser.loginAsAdmin();
        browser.open("/settings/channels/" + bad.id());
        browser.click(By.id("connection-test"));
        assertThat(browser.waitFor(By.id("connection-test-result")).getText()).contains("認証エラー").contains("401");
        assertThat(browser.waitFor(By.id("channel-health")).getText()).contains("エラー: 認証エラー");
        assertThat(browser.waitFor(By.id("calls-table")).getText()).contains("orders.count").contains("401");
        assertThat(browser.driver().getPageSource()).doesNotContain("shpat_expired_token_value");
        browser.screenshot("channel-health-failing");

        browser.open("/settings/channels/" + good.id());
        browser.click(By.id("connection-test"));
        assertThat(browser.waitFor(By.id("connection-test-result")).getText()).contains("接続できました");

        browser.open("/settings/channels");
        assertThat(browser.waitFor(By.cssSelector("#channel-" + bad.code() + " .channel-health")).getText()).contains("認証エラー");
        assertThat(browser.waitFor(By.cssSelector("#channel-" + good.code() + " .channel-health")).getText()).contains("正常");

        browser.open("/");
        assertThat(browser.waitFor(By.id("channel-alerts")).getText()).contains(name).contains("認証エラー");
    }

    @Test
    void aRakutenLicenseKeyExpiringWithin14DaysIsWarnedOnTheChannelPageAndTheDashboard() {
        RakutenSandbox rakuten = (RakutenSandbox) RakutenSandbox.withDefaults(0, 6).start();
        try {
            Map<String, String> c = new LinkedHashMap<>(rakuten.credentials());
            java.time.LocalDate expires = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusDays(9);
            c.put("licenseKeyExpiresOn", expires.toString());
            String name = "楽天 期限間近店 " + UserAdminBrowserTests.uniqueName("r");
            SalesChannel channel = channels.register(new NewChannel(Platform.RAKUTEN, null, name, c));

            browser.loginAsAdmin();
            browser.open("/settings/channels/" + channel.id());
            assertThat(browser.waitFor(By.id("health-credentials-expiry")).getText()).contains(expires.toString());
            assertThat(browser.waitFor(By.id("health-credentials-expiring")).getText()).contains("期限間近");

            browser.open("/");
            assertThat(browser.waitFor(By.id("channel-expiry-alerts")).getText()).contains(name).contains(expires.toString());
            browser.screenshot("channel-license-key-expiring");
        } finally {
            rakuten.stop();
        }
    }
}
