package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class ApiTokenBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    private Api api(String token) {
        return new Api(Integer.parseInt(browser.baseUrl().substring(browser.baseUrl().lastIndexOf(':') + 1)), token);
    }

    @Test
    void issuedSecretIsShownOnceWorksOnTheApiAndStopsWorkingWhenRevoked() {
        String name = UserAdminBrowserTests.uniqueName("受注連携");
        browser.loginAsAdmin();
        browser.open("/settings/tokens");
        browser.type(By.id("name"), name);
        new Select(browser.waitFor(By.id("role"))).selectByValue("OPERATOR");
        browser.driver().findElement(By.id("issue-token")).click();

        String secret = browser.waitFor(By.id("token-secret")).getDomProperty("value");
        assertThat(secret).startsWith("ichg_").hasSizeGreaterThan(30);
        assertThat(browser.waitFor(By.id("issued-name")).getText()).isEqualTo(name);
        assertThat(browser.driver().getPageSource()).contains("二度と表示できません");
        browser.screenshot("token-issued");

        Api.Response me = api(secret).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asString()).isEqualTo("token:" + name);
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("OPERATOR");

        // Shown once: the list has the hint, never the secret.
        browser.waitFor(By.id("back-to-tokens")).click();
        By row = By.xpath("//tr[td[@class='token-name' and text()='" + name + "']]");
        String rowText = browser.waitFor(row).getText();
        assertThat(rowText).contains(secret.substring(0, 8), "担当者", "admin", "有効");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);

        // Revoke through htmx (CSRF token sent as a header by console.js), after confirming.
        browser.driver().findElement(row).findElement(By.className("revoke-token")).click();
        browser.acceptConfirm();
        browser.waitForText(row, "失効");
        // one query for row and button: htmx may still be settling the swapped row, so no element handle is kept
        By revokeButtonInRow = By.xpath("//tr[td[@class='token-name' and text()='" + name
                + "']]//*[contains(concat(' ', normalize-space(@class), ' '), ' revoke-token ')]");
        // the row's button label also says 失効, so wait for the swapped row itself: no revoke button any more
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), BrowserSupport.TIMEOUT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe(revokeButtonInRow, 0));
        assertThat(browser.driver().findElements(revokeButtonInRow)).isEmpty();
        assertThat(browser.isPresent(By.id("request-error"))).isFalse();

        assertThat(api(secret).get("/api/v1/me").status()).isEqualTo(401);
        browser.open("/settings/tokens");
        assertThat(browser.waitFor(row).getText()).contains("失効");
    }

    @Test
    void dismissingTheConfirmationKeepsTheTokenActive() {
        String name = UserAdminBrowserTests.uniqueName("keep");
        browser.loginAsAdmin();
        browser.open("/settings/tokens");
        browser.type(By.id("name"), name);
        browser.driver().findElement(By.id("issue-token")).click();
        String secret = browser.waitFor(By.id("token-secret")).getDomProperty("value");

        browser.open("/settings/tokens");
        By row = By.xpath("//tr[td[@class='token-name' and text()='" + name + "']]");
        browser.waitFor(row).findElement(By.className("revoke-token")).click();
        browser.driver().switchTo().alert().dismiss();

        assertThat(api(secret).get("/api/v1/me").status()).isEqualTo(200);
        browser.open("/settings/tokens");
        assertThat(browser.waitFor(row).getText()).contains("有効");
    }

    @Test
    void emptyNameIsShownNextToTheField() {
        browser.loginAsAdmin();
        browser.open("/settings/tokens");
        browser.driver().findElement(By.id("issue-token")).click();

        assertThat(browser.waitFor(By.id("name-error")).getText()).contains("1-100");
        assertThat(browser.isPresent(By.id("token-secret"))).isFalse();
    }
}
