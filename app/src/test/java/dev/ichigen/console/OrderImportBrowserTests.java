package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.order.OrderManagement;
import dev.ichigen.orderimport.OrderCsvImportIntegrationTests;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

@IchigenIntegrationTest
class OrderImportBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderManagement orders;

    private void clickScrolled(By locator) {
        WebElement e = browser.waitFor(locator);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        e.click();
    }

    @Test
    void aSourceIsMappedFromASampleThenAFileIsRejectedWholeThenImportedValidOrdersOnly() throws IOException {
        SalesFixtures fixtures = new SalesFixtures(jdbc);
        long channel = fixtures.channel();
        String sku = fixtures.product("UI");
        String good = SalesFixtures.unique("WEB");
        String bad = SalesFixtures.unique("WEBX");
        Map<String, String> badRow = new HashMap<>(OrderCsvImportIntegrationTests.orderRow(bad, sku, "多い", "銀行振込"));
        String csv = OrderCsvImportIntegrationTests.file(
                OrderCsvImportIntegrationTests.row(OrderCsvImportIntegrationTests.orderRow(good, sku, "1", "代金引換")),
                OrderCsvImportIntegrationTests.row(badRow));
        Path file = Files.createTempFile("ichigen-orders-", ".csv");
        try {
            Files.write(file, csv.getBytes(CsvEncoding.WINDOWS_31J));
            browser.loginAsAdmin();
            browser.open("/orders");
            browser.waitFor(By.id("nav-order-import")).click();
            browser.waitFor(By.id("orderimport-new-source")).click();

            // saved without name and channel: the editor comes back naming both fields
            clickScrolled(By.id("save-source"));
            assertThat(browser.waitFor(By.id("name-error")).getText()).contains("名前を入力してください");
            assertThat(browser.waitFor(By.id("channelId-error")).getText()).contains("販売チャネルを選んでください");

            String name = SalesFixtures.unique("画面");
            browser.type(By.id("name"), name);
            new Select(browser.waitFor(By.id("channelId"))).selectByValue(String.valueOf(channel));
            // the sample's header fills the column choices; same-named columns are chosen
            browser.driver().findElement(By.id("sample")).sendKeys(file.toAbsolutePath().toString());
            clickScrolled(By.id("read-sample"));
            assertThat(browser.waitFor(By.id("sample-columns")).getText()).contains("38");
            WebElement quantity = browser.waitFor(By.cssSelector("#mapping-quantity select.mapping-column"));
            assertThat(new Select(quantity).getFirstSelectedOption().getText()).isEqualTo("数量");
            browser.screenshot("order-import-mapping");
            clickScrolled(By.id("save-source"));

            assertThat(new Select(browser.waitFor(By.id("source"))).getFirstSelectedOption().getText()).startsWith(name);
            browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            clickScrolled(By.id("orderimport-submit"));
            assertThat(browser.waitFor(By.id("orderimport-status")).getText()).contains("エラーのため取り込みませんでした");
            assertThat(browser.waitFor(By.id("orderimport-encoding")).getText()).isEqualTo("Shift_JIS (CP932)");
            List<WebElement> errors = browser.driver().findElements(By.cssSelector("#orderimport-errors tr.orderimport-error"));
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().findElement(By.className("error-line")).getText()).isEqualTo("3");
            assertThat(errors.getFirst().findElement(By.className("error-column")).getText()).isEqualTo("数量");
            assertThat(errors.getFirst().findElement(By.className("error-value")).getText()).isEqualTo("多い");
            assertThat(browser.isPresent(By.id("orderimport-errors-download"))).isTrue();
            assertThat(orders.find(channel, good)).isEmpty();

            browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            WebElement validOnly = browser.waitFor(By.id("validOnly"));
            if (!validOnly.isSelected()) {
                clickScrolled(By.id("validOnly"));
            }
            clickScrolled(By.id("orderimport-submit"));
            assertThat(browser.waitFor(By.id("orderimport-status")).getText()).contains("正常な注文だけ取り込みました");
            assertThat(browser.waitFor(By.id("orderimport-created")).getText()).isEqualTo("1");
            assertThat(browser.waitFor(By.id("orderimport-refused")).getText()).isEqualTo("1");
            browser.screenshot("order-import-result");
            assertThat(orders.find(channel, good)).isPresent();
            assertThat(orders.find(channel, bad)).isEmpty();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
