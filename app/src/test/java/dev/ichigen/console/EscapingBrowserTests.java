package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

@IchigenIntegrationTest
class EscapingBrowserTests {

    private static final String SCRIPT = "<script>alert(1)</script>";

    /** SQL injection as a name: it must be stored and shown as the text it is, and the table must still exist. */
    private static final String SQL = "'; DROP TABLE sales_order; --";
    private static final String IMG = "<img src=x onerror=alert(2)>";

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /**
     * Hostile input from a channel (issue 6): an order whose customer name, address and remarks hold markup and SQL
     * arrives through the API; it is stored as sent, and the order list and the order page show it as text.
     */
    @Test
    void markupAndSqlInAnOrderAreStoredAsSentAndShownAsText() {
        SalesFixtures fx = new SalesFixtures(jdbc);
        long channel = fx.channel();
        String sku = fx.product("XSS");
        String number = SalesFixtures.unique("XSS");
        Api.Response created = Api.admin(port).post("/api/v1/orders", Map.of("channel", channel,
                "channelOrderNumber", number, "orderedAt", "2026-11-01T10:00:00+09:00", "paymentMethod", "CARD",
                "customer", Map.of("name", SCRIPT + SQL, "email", "xss@example.jp", "phone", "090-1234-5678"),
                "ordererAddress", Map.of("postalCode", "100-0001", "prefecture", "東京都", "city", "千代田区",
                        "street", IMG),
                "remarks", SCRIPT + " " + IMG,
                "lines", List.of(Map.of("sku", sku, "name", "商品" + SCRIPT, "quantity", 1, "unitPrice", 1000, "taxRate", 10))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("order").get("id").asLong();
        assertThat(Api.admin(port).get("/api/v1/orders/" + id).json().get("customer").get("name").asString())
                .isEqualTo(SCRIPT + SQL);
        assertThat(jdbc.sql("select count(*) from sales_order where id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(1);

        browser.loginAsAdmin();
        browser.open("/orders?q=" + number);
        assertThat(browser.waitFor(By.tagName("main")).getText()).contains(SCRIPT + SQL);
        assertThat(browser.driver().getPageSource()).doesNotContain(SCRIPT).doesNotContain(IMG);
        assertThat(browser.alertIsOpen()).isFalse();

        browser.open("/orders/" + id);
        String page = browser.waitFor(By.tagName("main")).getText();
        assertThat(page).contains(SCRIPT + SQL).contains(IMG).contains("商品" + SCRIPT);
        assertThat(browser.driver().getPageSource()).doesNotContain(SCRIPT).doesNotContain(IMG)
                .contains("&lt;img src=x onerror=alert(2)&gt;");
        assertThat(browser.alertIsOpen()).isFalse();
    }

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
