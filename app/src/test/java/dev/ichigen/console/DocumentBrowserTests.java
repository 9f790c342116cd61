package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.documents.ShopProfiles;
import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

/** ショップ情報 (設定) and the 納品書 / 出荷日報 links of the 出荷 screens. */
@IchigenIntegrationTest
class DocumentBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    OrderIntake intake;

    @Autowired
    Shipments shipments;

    @Autowired
    ShopProfiles profiles;

    @Autowired
    UserManagement users;

    @Test
    void theShopProfileRefusesAWrongRegistrationNumberNextToTheFieldAndSavesARightOne() {
        browser.loginAsAdmin();
        browser.open("/settings/shop-profile");
        browser.waitFor(By.id("shop-profile-form"));
        browser.type(By.id("shopName"), "いちげん商店");
        browser.type(By.id("registrationNumber"), "T1123456789012");
        browser.click(By.id("save-shop-profile"));
        assertThat(browser.waitFor(By.id("registrationNumber-error")).getText()).contains("チェックデジット").contains("7");
        browser.screenshot("shop-profile-wrong-registration-number");

        browser.type(By.id("registrationNumber"), "T7123456789012");
        browser.click(By.id("save-shop-profile"));
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("ショップ情報を保存しました");
        assertThat(profiles.get().registrationNumber()).isEqualTo("T7123456789012");
        assertThat(profiles.get().shopName()).isEqualTo("いちげん商店");
    }

    @Test
    void theShipmentScreensOpenTheDeliverySlipAndTheDailySummary() throws Exception {
        FulfillmentFixtures fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        Sku sku = fx.product("DOCB", FulfillmentFixtures.jan(), "AMBIENT");
        long orderId = intake.accept(FulfillmentFixtures.order(fx.channel(), FulfillmentFixtures.phone(), "梅田5-6-7", sku, 1).build())
                .orderId();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !shipments.ofOrder(orderId).isEmpty());
        Shipment s = shipments.ofOrder(orderId).getFirst();

        browser.loginAsAdmin();
        browser.open("/fulfillment/shipments/" + s.key());
        String slip = browser.waitFor(By.id("delivery-slip-link")).getAttribute("href");
        assertThat(slip).endsWith("/fulfillment/shipments/" + s.key() + "/delivery-slip.pdf");
        HttpResponse<byte[]> pdf = getWithBrowserSession(slip);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        browser.open("/fulfillment/shipments");
        assertThat(browser.waitFor(By.id("slip-" + s.key())).getAttribute("href")).isEqualTo(slip);
        assertThat(browser.waitFor(By.id("daily-summary-form")).getAttribute("action")).endsWith("/fulfillment/daily-summary.pdf");
        HttpResponse<byte[]> summary = getWithBrowserSession(browser.baseUrl() + "/fulfillment/daily-summary.pdf?date=");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.headers().firstValue("Content-Type")).hasValue("application/pdf");
    }

    @Test
    void aWarehouseUserCannotOpenTheShopProfile() {
        String username = "doc-wh-" + System.nanoTime();
        users.create(username, "倉庫 三郎", Role.WAREHOUSE, "warehouse-pass-1");
        browser.login(username, "warehouse-pass-1");
        browser.open("/settings/shop-profile");
        browser.waitFor(By.id("error-403"));
        assertThat(browser.isPresent(By.id("shop-profile-form"))).isFalse();
        assertThat(browser.isPresent(By.id("nav-shop-profile"))).isFalse();
    }

    /** GET with the browser's session cookie, as the browser would when the link opens. */
    private HttpResponse<byte[]> getWithBrowserSession(String url) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
