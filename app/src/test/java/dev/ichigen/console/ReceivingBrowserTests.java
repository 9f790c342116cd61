package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewLocation;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

/** 入荷 on the handheld screen: scan a JAN + Enter, then quantity, lot, expiry and location, 入荷確定. */
@IchigenIntegrationTest
class ReceivingBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    dev.ichigen.warehouse.PurchaseOrders purchaseOrders;

    @Test
    void scanningAJanAndEnteringQuantityLotExpiryAndLocationReceivesIntoStock() {
        new FulfillmentFixtures(jdbc, warehouses, inventory); // EAST and WEST
        String sku = FulfillmentFixtures.unique("RCV").toUpperCase(Locale.ROOT);
        String jan = FulfillmentFixtures.jan();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, '入荷テスト 牛乳', 200, 'REDUCED_8', true, 'CHILLED', true, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", jan).param("now", now).update();
        String shelf = ("R" + FulfillmentFixtures.unique("").replace("-", "")).toUpperCase(Locale.ROOT);
        warehouses.addLocation("EAST", new NewLocation(shelf, "C", "2", "3", 700));
        String expiry = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(60).toString();

        browser.loginAsAdmin();
        browser.open("/warehouse/receiving");
        new Select(browser.waitFor(By.id("warehouse"))).selectByValue("EAST");
        browser.type(By.id("code"), jan + Keys.ENTER); // the scanner types the JAN and Enter
        browser.waitForText(By.id("item-sku"), sku);
        assertThat(browser.isPresent(By.id("item-lot-managed"))).isTrue();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("countedQuantity");

        // without lot and expiry: refused next to the fields, nothing received
        browser.type(By.id("countedQuantity"), "12");
        browser.type(By.id("location"), shelf);
        browser.click(By.id("receiving-submit"));
        assertThat(browser.waitFor(By.id("lotNo-error")).getText()).contains("lot-managed");
        assertThat(browser.waitFor(By.id("expiryDate-error")).getText()).contains("required");
        assertThat(inventory.stock(Sku.of(sku)).onHand()).isZero();

        browser.type(By.id("lotNo"), "LOT-A1");
        browser.type(By.id("expiryDate"), expiry);
        browser.type(By.id("damagedQuantity"), "2");
        browser.type(By.id("damageReason"), "容器破損");
        browser.click(By.id("receiving-submit"));
        browser.waitForText(By.id("notice"), sku);
        browser.screenshot("receiving-posted");

        assertThat(inventory.stock(Sku.of(sku)).onHand()).isEqualTo(10);
        assertThat(inventory.locationStock(Sku.of(sku))).singleElement().satisfies(l -> {
            assertThat(l.location()).isEqualTo(shelf);
            assertThat(l.lotNo()).isEqualTo("LOT-A1");
            assertThat(l.expiryDate()).isEqualTo(LocalDate.parse(expiry));
            assertThat(l.onHand()).isEqualTo(10);
        });
        assertThat(browser.waitFor(By.id("receiving-recent")).getText()).contains(sku).contains("LOT-A1");
        // ready for the next scan
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("code");
    }

    @Test
    void pickingScreenListsTheWarehousesOpenShipmentsInWalkOrder() throws Exception {
        new FulfillmentFixtures(jdbc, warehouses, inventory);
        browser.loginAsAdmin();
        browser.open("/warehouse/picking");
        new Select(browser.waitFor(By.id("picking-warehouse"))).selectByValue("EAST");
        browser.click(By.id("picking-show"));
        browser.waitFor(By.id("picking-rows"));
        assertThat(browser.waitFor(By.id("picking-summary")).getText()).contains("ロケーション順");
        browser.screenshot("picking-list");
        // ピッキングリストPDF: the same list as PDF, opened with the console session
        String pdfLink = browser.waitFor(By.id("picking-pdf")).getAttribute("href");
        assertThat(pdfLink).contains("/warehouse/picking/list.pdf").contains("warehouse=EAST");
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pdfLink)).header("Cookie", cookies).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        browser.type(By.id("picking-shipments"), "S999999999");
        browser.click(By.id("picking-show"));
        assertThat(browser.waitFor(By.id("picking-error")).getText()).contains("S999999999");
    }

    @Test
    void receivingAgainstAPurchaseOrderShowsItsProgress() {
        new FulfillmentFixtures(jdbc, warehouses, inventory);
        String sku = FulfillmentFixtures.unique("RPO").toUpperCase(Locale.ROOT);
        String jan = FulfillmentFixtures.jan();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, '発注テスト 石鹸', 300, 'STANDARD_10', true, 'AMBIENT', false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", jan).param("now", now).update();
        var po = purchaseOrders.create(new dev.ichigen.warehouse.NewPurchaseOrder(null, "石鹸商事", "WEST", null, null,
                java.util.List.of(new dev.ichigen.warehouse.NewPurchaseOrder.Line(sku, 5L))));

        browser.loginAsAdmin();
        browser.open("/warehouse/receiving?purchaseOrder=" + po.number());
        assertThat(browser.waitFor(By.id("receiving-po")).getText()).contains(po.number()).contains("未入荷");
        browser.type(By.id("code"), jan + Keys.ENTER);
        browser.waitForText(By.id("item-sku"), sku);
        assertThat(browser.isPresent(By.id("lotNo"))).isFalse(); // not lot-managed: no lot fields
        browser.type(By.id("countedQuantity"), "3");
        browser.click(By.id("receiving-submit"));
        browser.waitForText(By.id("notice"), sku);
        assertThat(browser.waitFor(By.id("receiving-po")).getText()).contains("一部入荷");
        assertThat(purchaseOrders.get(po.number()).lines().getFirst().receivedQuantity()).isEqualTo(3);
        assertThat(inventory.stock(Sku.of(sku)).warehouses().stream().filter(l -> l.warehouse().equals("WEST"))
                .mapToLong(l -> l.onHand()).sum()).isEqualTo(3);
    }
}
