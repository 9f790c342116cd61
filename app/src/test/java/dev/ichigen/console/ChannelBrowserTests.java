package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.credentials.ChannelCredentialStore;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class ChannelBrowserTests {

    private static final String LICENSE_KEY = "SL-LICENSE-0123-SECRET";

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelCredentialStore credentials;

    @Test
    void registersARakutenStoreNamingAMissingCredentialAndNeverShowsTheSecretsAgain() {
        String code = UserAdminBrowserTests.uniqueName("rakuten");
        browser.loginAsAdmin();
        browser.waitFor(By.id("nav-settings")).click();
        browser.waitFor(By.id("nav-channels")).click();
        browser.click(By.id("new-channel-rakuten"));

        browser.type(By.id("name"), "一元茶舗 楽天市場店");
        browser.type(By.id("code"), code);
        browser.type(By.id("credentials-licenseKey"), LICENSE_KEY);
        browser.type(By.id("credentials-licenseKeyExpiresOn"), "2026-12-31");
        browser.click(By.id("create-channel"));

        assertThat(browser.waitFor(By.id("credentials-serviceSecret-error")).getText()).contains("必須");
        assertThat(browser.waitFor(By.id("credentials-licenseKey")).getDomProperty("value"))
                .as("a secret typed before the error is not sent back").isEmpty();
        assertThat(browser.waitFor(By.id("credentials-licenseKeyExpiresOn")).getDomProperty("value")).isEqualTo("2026-12-31");
        assertThat(browser.driver().getPageSource()).doesNotContain(LICENSE_KEY);
        assertThat(channels.findByCode(code)).isEmpty();
        browser.screenshot("channel-form-error");

        browser.type(By.id("credentials-serviceSecret"), "SP-service-secret-42");
        browser.type(By.id("credentials-licenseKey"), LICENSE_KEY);
        browser.click(By.id("create-channel"));

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("一元茶舗 楽天市場店");
        assertThat(browser.waitFor(By.cssSelector("#channel-" + code + " .channel-credentials")).getText()).contains("設定済み");
        SalesChannel saved = channels.findByCode(code).orElseThrow();
        assertThat(credentials.credentials(saved.id()).require("licenseKey")).isEqualTo(LICENSE_KEY);

        browser.open("/settings/channels/" + saved.id());
        assertThat(browser.waitFor(By.id("credential-names")).getText()).contains("licenseKey", "serviceSecret");
        assertThat(browser.driver().getPageSource()).doesNotContain(LICENSE_KEY).doesNotContain("SP-service-secret-42");
        assertThat(browser.waitFor(By.id("credentials-licenseKey")).getDomAttribute("type")).isEqualTo("password");
    }
}
