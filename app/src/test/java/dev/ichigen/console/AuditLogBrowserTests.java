package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class AuditLogBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Test
    void consoleChangesAppearWithTheirActorAndReadableBeforeAndAfter() {
        String username = UserAdminBrowserTests.uniqueName("audit");
        String tokenName = UserAdminBrowserTests.uniqueName("audit-token");
        browser.loginAsAdmin();
        UserAdminBrowserTests.submitNewUser(browser, username, "監査 一郎", "WAREHOUSE", "audit-pass-12");
        browser.waitFor(By.id("notice"));
        browser.open("/settings/users/" + username);
        browser.type(By.id("displayName"), "監査 次郎");
        browser.driver().findElement(By.id("save-user")).click();
        browser.waitFor(By.id("notice"));
        browser.open("/settings/tokens");
        browser.type(By.id("name"), tokenName);
        browser.driver().findElement(By.id("issue-token")).click();
        browser.waitFor(By.id("token-secret"));

        // Filter by entity: both changes of the user, newest first, made by admin.
        browser.open("/settings/audit-log");
        browser.type(By.id("entityType"), "user");
        browser.type(By.id("entityId"), username);
        browser.driver().findElement(By.id("audit-search")).click();
        browser.waitForText(By.id("audit-count"), "全 2 件中 1〜2 件");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.audit-entry"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.className("audit-action")).getText()).isEqualTo("user.update");
        assertThat(rows.get(1).findElement(By.className("audit-action")).getText()).isEqualTo("user.create");
        assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.className("audit-actor")).getText()).isEqualTo("admin"));

        // Before/after are hidden until opened, then shown as indented JSON.
        WebElement update = rows.get(0);
        String detailId = "audit-detail-" + update.getDomAttribute("id").substring("audit-".length());
        assertThat(browser.driver().findElement(By.id(detailId)).isDisplayed()).isFalse();
        update.findElement(By.className("audit-toggle")).click();
        WebElement before = browser.waitFor(By.cssSelector("#" + detailId + " .audit-before"));
        WebElement after = browser.driver().findElement(By.cssSelector("#" + detailId + " .audit-after"));
        assertThat(before.getText()).contains("\"displayName\" : \"監査 一郎\"").contains("\n  ");
        assertThat(after.getText()).contains("\"displayName\" : \"監査 次郎\"", "\"role\" : \"WAREHOUSE\"");
        browser.screenshot("audit-log");

        // Filter by actor and type: the token issued in the console is there, the secret is not.
        browser.open("/settings/audit-log?entityType=api_token&actor=admin");
        By tokenRow = By.xpath("//tr[contains(@class,'audit-entry')][td[contains(@class,'audit-summary') and contains(., '"
                + tokenName + "')]]");
        WebElement issued = browser.waitFor(tokenRow);
        assertThat(issued.findElement(By.className("audit-action")).getText()).isEqualTo("token.issue");
        assertThat(issued.findElement(By.className("audit-actor")).getText()).isEqualTo("admin");

        browser.open("/settings/audit-log?actor=nobody-did-this");
        assertThat(browser.waitFor(By.id("audit-count")).getText()).isEqualTo("該当する記録はありません。");
    }
}
