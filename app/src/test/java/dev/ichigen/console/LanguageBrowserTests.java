package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class LanguageBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Test
    void englishIsChosenInTheNavbarAndRememberedUntilJapaneseIsChosenAgain() {
        browser.loginAsAdmin();
        assertThat(browser.waitFor(By.id("nav-home")).getText()).isEqualTo("ダッシュボード");
        assertThat(browser.waitFor(By.id("nav-products")).getText()).isEqualTo("商品");

        browser.waitFor(By.id("lang-en")).click();
        browser.waitForText(By.id("nav-home"), "Dashboard");
        assertThat(browser.waitFor(By.id("nav-products")).getText()).isEqualTo("Products");
        assertThat(browser.waitFor(By.id("nav-inventory")).getText()).isEqualTo("Inventory");
        assertThat(browser.waitFor(By.id("nav-settings")).getText()).isEqualTo("Settings");
        assertThat(browser.waitFor(By.id("logout")).getText()).isEqualTo("Log out");
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");

        // Remembered in a cookie: other pages, without ?lang, stay English — error pages too.
        browser.open("/settings/users");
        assertThat(browser.waitFor(By.cssSelector("#users h1")).getText()).isEqualTo("Users");
        browser.open("/no/such/page");
        assertThat(browser.waitFor(By.cssSelector("#error-404 h1")).getText()).isEqualTo("Page not found");

        browser.waitFor(By.id("lang-ja")).click();
        browser.waitForText(By.id("nav-home"), "ダッシュボード");
        browser.open("/");
        assertThat(browser.waitFor(By.id("nav-settings")).getText()).isEqualTo("設定");
    }

    @Test
    void loginPageOffersTheLanguageSwitchToo() {
        browser.open("/login?lang=en");
        assertThat(browser.waitFor(By.id("login-submit")).getText()).isEqualTo("Log in");
        browser.loginAsAdmin();
        assertThat(browser.waitFor(By.id("nav-home")).getText()).isEqualTo("Dashboard");
    }
}
