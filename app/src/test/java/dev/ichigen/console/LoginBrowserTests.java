package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class LoginBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Test
    void wrongPasswordShowsTheJapaneseErrorAndStaysOnTheLoginPage() {
        browser.submitLogin("admin", "not-the-password");

        assertThat(browser.waitFor(By.id("login-error")).getText()).isEqualTo("ユーザー名またはパスワードが違います。");
        assertThat(browser.currentPath()).isEqualTo("/login");
        assertThat(browser.isPresent(By.id("logout"))).isFalse();
    }

    @Test
    void rightPasswordLandsOnTheDashboardAndLogoutEndsTheSession() {
        browser.loginAsAdmin();

        assertThat(browser.currentPath()).isEqualTo("/");
        assertThat(browser.waitFor(By.cssSelector("#dashboard h1")).getText()).isEqualTo("ダッシュボード");
        assertThat(browser.waitFor(By.id("welcome")).getText()).contains("管理者", "admin");
        assertThat(browser.waitFor(By.id("nav-role")).getText()).isEqualTo("管理者");
        browser.screenshot("dashboard");

        browser.logout();
        assertThat(browser.waitFor(By.id("logged-out")).getText()).isEqualTo("ログアウトしました。");
        browser.open("/");
        browser.waitFor(By.id("login-submit"));
        assertThat(browser.currentPath()).isEqualTo("/login");
    }

    @Test
    void consoleIsJapaneseWhateverTheBrowserAsksFor() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/login")).header("Accept-Language", "en-US,en;q=0.9").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<html lang=\"ja\"", "ログイン").doesNotContain("Log in");
    }
}
