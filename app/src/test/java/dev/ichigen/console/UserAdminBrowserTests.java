package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class UserAdminBrowserTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    /** Test contexts are shared between test classes, so every user gets a name of its own. */
    static String uniqueName(String prefix) {
        return prefix + "-" + System.currentTimeMillis() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    /** Fills the new-user form as the signed-in admin and submits it. */
    static void submitNewUser(BrowserSupport browser, String username, String displayName, String role, String password) {
        browser.open("/settings/users/new");
        browser.type(By.id("username"), username);
        browser.type(By.id("displayName"), displayName);
        new Select(browser.waitFor(By.id("role"))).selectByValue(role);
        browser.type(By.id("password"), password);
        browser.driver().findElement(By.id("create-user")).click();
    }

    @Test
    void adminCreatesAnOperatorWhoSeesNoSettingsAndIsRefusedThem() {
        String username = uniqueName("sato");
        browser.loginAsAdmin();
        submitNewUser(browser, username, "佐藤 花子", "OPERATOR", "operator-pass-1");

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("ユーザー " + username + " を作成しました");
        String row = browser.waitFor(By.id("user-" + username)).getText();
        assertThat(row).contains("佐藤 花子", "担当者", "有効");
        browser.screenshot("users");
        browser.logout();

        browser.login(username, "operator-pass-1");
        assertThat(browser.waitFor(By.id("nav-role")).getText()).isEqualTo("担当者");
        assertThat(browser.isPresent(By.id("nav-settings"))).isFalse();
        assertThat(browser.isPresent(By.id("card-settings"))).isFalse();
        assertThat(browser.isPresent(By.id("nav-products"))).isTrue();

        for (String path : new String[] { "/settings/users", "/settings/users/new", "/settings/tokens", "/settings/audit-log" }) {
            browser.open(path);
            assertThat(browser.waitFor(By.cssSelector("#error-403 h1")).getText()).as(path).isEqualTo("アクセスできません");
            assertThat(browser.isPresent(By.id("users-table"))).isFalse();
        }
        browser.screenshot("forbidden");
        // The error page keeps the layout: the user is still signed in and can go on.
        assertThat(browser.waitFor(By.id("nav-user")).getText()).contains("佐藤 花子");
    }

    @Test
    void tooShortPasswordIsShownNextToTheFieldAndNothingIsCreated() {
        String username = uniqueName("short");
        browser.loginAsAdmin();
        submitNewUser(browser, username, "短い パスワード", "WAREHOUSE", "short");

        assertThat(browser.waitFor(By.id("password-error")).getText()).contains("10");
        assertThat(browser.driver().findElement(By.id("password")).getAttribute("class")).contains("is-invalid");
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("入力内容を確認してください。");
        browser.screenshot("user-form-error");
        // What was typed is kept, except the password.
        assertThat(browser.driver().findElement(By.id("username")).getDomProperty("value")).isEqualTo(username);
        assertThat(browser.driver().findElement(By.id("password")).getDomProperty("value")).isEmpty();

        browser.open("/settings/users");
        assertThat(browser.isPresent(By.id("user-" + username))).isFalse();
    }

    @Test
    void duplicateUsernameIsShownAsAnAlert() {
        String username = uniqueName("dup");
        browser.loginAsAdmin();
        submitNewUser(browser, username, "一人目", "OPERATOR", "first-password-1");
        browser.waitFor(By.id("notice"));

        submitNewUser(browser, username, "二人目", "OPERATOR", "second-password-2");
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("already exists");
        assertThat(browser.currentPath()).isEqualTo("/settings/users");
        assertThat(browser.isPresent(By.id("users-table"))).isFalse();
    }

    @Test
    void adminChangesRoleDisablesAndSetsPassword() {
        String username = uniqueName("yamada");
        browser.loginAsAdmin();
        submitNewUser(browser, username, "山田 太郎", "OPERATOR", "yamada-pass-1");
        browser.waitFor(By.id("notice"));

        browser.open("/settings/users/" + username);
        browser.type(By.id("displayName"), "山田 太郎（倉庫）");
        new Select(browser.waitFor(By.id("role"))).selectByValue("WAREHOUSE");
        browser.driver().findElement(By.id("save-user")).click();
        assertThat(browser.waitFor(By.id("user-" + username)).getText()).contains("山田 太郎（倉庫）", "倉庫担当");

        browser.open("/settings/users/" + username);
        browser.type(By.id("new-password"), "yamada-pass-2");
        browser.driver().findElement(By.id("set-password")).click();
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("パスワードを設定しました");
        browser.logout();

        browser.login(username, "yamada-pass-2");
        assertThat(browser.waitFor(By.id("nav-role")).getText()).isEqualTo("倉庫担当");
        browser.logout();

        browser.loginAsAdmin();
        browser.open("/settings/users/" + username);
        browser.waitFor(By.id("enabled1")).click();
        browser.driver().findElement(By.id("save-user")).click();
        assertThat(browser.waitFor(By.id("user-" + username)).getText()).contains("無効");
        browser.logout();

        browser.submitLogin(username, "yamada-pass-2");
        assertThat(browser.waitFor(By.id("login-error")).isDisplayed()).isTrue();
    }

    @Test
    void theLastAdministratorCannotBeDemoted() {
        browser.loginAsAdmin();
        browser.open("/settings/users/admin");
        new Select(browser.waitFor(By.id("role"))).selectByValue("OPERATOR");
        browser.driver().findElement(By.id("save-user")).click();

        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("last active administrator");
        browser.open("/settings/users");
        assertThat(browser.waitFor(By.id("user-admin")).getText()).contains("管理者");
    }

    @Test
    void unknownPagesAndUsersShowTheNotFoundPage() {
        browser.loginAsAdmin();
        browser.open("/settings/users/nobody-like-this");
        assertThat(browser.waitFor(By.cssSelector("#error-404 h1")).getText()).isEqualTo("ページが見つかりません");
        browser.open("/no/such/page");
        assertThat(browser.waitFor(By.cssSelector("#error-404 h1")).getText()).isEqualTo("ページが見つかりません");
        assertThat(browser.isPresent(By.id("nav-settings"))).isTrue();
    }
}
