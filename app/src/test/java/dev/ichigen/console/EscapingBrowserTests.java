package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class EscapingBrowserTests {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Test
    void scriptInADisplayNameIsShownAsTextAndNeverRuns() {
        String username = UserAdminBrowserTests.uniqueName("xss");
        browser.loginAsAdmin();
        UserAdminBrowserTests.submitNewUser(browser, username, SCRIPT, "OPERATOR", "xss-password-1");

        // Users list: the cell holds the text, the source holds it escaped, no dialog opened.
        By cell = By.cssSelector("#user-" + username + " .user-display-name");
        assertThat(browser.waitFor(cell).getText()).isEqualTo(SCRIPT);
        assertThat(browser.driver().getPageSource()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
        assertThat(browser.alertIsOpen()).isFalse();

        // Edit form: the value attribute is escaped too.
        browser.open("/settings/users/" + username);
        assertThat(browser.waitFor(By.id("displayName")).getDomProperty("value")).isEqualTo(SCRIPT);
        assertThat(browser.alertIsOpen()).isFalse();

        // Audit log: the JSON shows it as text.
        browser.open("/settings/audit-log?entityType=user&entityId=" + username);
        browser.waitFor(By.className("audit-toggle")).click();
        assertThat(browser.waitFor(By.className("audit-after")).getText()).contains(SCRIPT);
        assertThat(browser.driver().getPageSource()).doesNotContain(SCRIPT);
        assertThat(browser.alertIsOpen()).isFalse();

        // The user's own navbar and dashboard.
        browser.logout();
        browser.login(username, "xss-password-1");
        assertThat(browser.waitFor(By.id("nav-user")).getText()).contains(SCRIPT);
        assertThat(browser.waitFor(By.id("welcome")).getText()).contains(SCRIPT);
        assertThat(browser.alertIsOpen()).isFalse();
    }
}
