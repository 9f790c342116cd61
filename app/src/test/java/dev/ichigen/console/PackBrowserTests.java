package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

/** 出荷検品 on the handheld screen: a scanner types a code and Enter into the one input that keeps focus. */
@IchigenIntegrationTest
class PackBrowserTests {

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

    @Test
    void refusesAWrongItemLoudlyAndPacksWhenEveryItemIsScanned() {
        FulfillmentFixtures fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        String jan = FulfillmentFixtures.jan();
        Sku sku = fx.product("PACK", jan, "AMBIENT");
        long orderId = intake.accept(FulfillmentFixtures.order(fx.channel(), FulfillmentFixtures.phone(), "梅田9-9-9", sku, 2).build())
                .orderId();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !shipments.ofOrder(orderId).isEmpty());
        Shipment s = shipments.ofOrder(orderId).getFirst();

        browser.loginAsAdmin();
        browser.open("/fulfillment/pack");
        scan(s.key());
        browser.waitForText(By.id("pack-key"), s.key());

        scan(FulfillmentFixtures.jan()); // another product's JAN
        WebElement error = browser.waitFor(By.id("pack-error"));
        assertThat(error.getText()).contains("誤品");
        assertThat(error.getCssValue("font-size")).isEqualTo("32px");
        browser.screenshot("pack-wrong-item");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("pack-input");

        scan(jan);
        browser.waitFor(By.id("pack-message"));
        assertThat(browser.isPresent(By.id("pack-error"))).isFalse();
        scan(jan);
        assertThat(browser.waitFor(By.id("pack-complete")).getText()).contains(s.key());
        browser.screenshot("pack-complete");
        assertThat(shipments.get(s.key()).status()).isEqualTo(ShipmentStatus.PACKED);

        // the shipment list shows it under 検品済
        browser.open("/fulfillment/shipments?status=PACKED");
        assertThat(browser.waitFor(By.id("shipment-" + s.key())).getText()).contains(String.valueOf(orderId));
        List<WebElement> tabs = browser.driver().findElements(By.cssSelector("#shipment-status-tabs .active"));
        assertThat(tabs).singleElement().satisfies(t -> assertThat(t.getAttribute("id")).isEqualTo("tab-PACKED"));

        // its detail offers 出荷確定, which is refused while it has no tracking number
        browser.click(By.cssSelector("#shipment-" + s.key() + " a"));
        browser.waitForText(By.id("shipment-key"), s.key());
        browser.click(By.id("ship-button"));
        assertThat(browser.waitFor(By.id("action-error")).getText()).contains("送り状番号");

        // the label screen previews what a ヤマト file would hold (the sender is not set up in this test context
        // unless another test did: either the preview or the clear error is shown)
        browser.open("/fulfillment/labels");
        browser.click(By.id("preview-button"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), BrowserSupport.TIMEOUT)
                .until(d -> browser.isPresent(By.id("label-summary")) || browser.isPresent(By.id("export-error")));

        browser.open("/fulfillment/instruct");
        browser.waitFor(By.id("shipment-instruct"));
    }

    private void scan(String code) {
        WebElement input = browser.waitFor(By.id("pack-input"));
        input.sendKeys(code + Keys.ENTER);
        // the page is answered anew; wait until the old input is gone
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), BrowserSupport.TIMEOUT)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(input));
    }
}
