package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class ProductCsvImportBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ProductManagement products;

    private void upload(Path file, boolean validOnly) {
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        WebElement checkbox = browser.waitFor(By.id("validOnly"));
        if (checkbox.isSelected() != validOnly) {
            checkbox.click();
        }
        WebElement submit = browser.waitFor(By.id("import-submit"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", submit);
        submit.click();
    }

    @Test
    void aCp932FileWithABadRowIsRejectedWholeThenImportedValidRowsOnly() throws IOException {
        String good1 = ProductEditBrowserTests.uniqueSku("CSV-A");
        String bad = ProductEditBrowserTests.uniqueSku("CSV-B");
        String good2 = ProductEditBrowserTests.uniqueSku("CSV-C");
        String payload = "490000000001";
        String wrongJan = payload + (Gtin.checkDigit(payload) + 1) % 10;
        // What Excel writes as plain "CSV" on Japanese Windows: Shift_JIS (CP932), CR LF, with ① and 髙 (CP932 only).
        String csv = String.join("\r\n",
                "商品コード(SKU),商品名,販売価格,JANコード,税区分",
                good1 + ",①煎茶ティーバッグ,\"1,200\",,軽減8%",
                bad + ",髙島屋 湯のみ,800," + wrongJan + ",標準10%",
                good2 + ",抹茶 30g,2400,,8") + "\r\n";
        Path file = Files.createTempFile("ichigen-products-", ".csv");
        try {
            Files.write(file, csv.getBytes(CsvEncoding.WINDOWS_31J));
            browser.loginAsAdmin();
            browser.open("/products");
            browser.waitFor(By.id("import-products")).click();
            upload(file, false);

            assertThat(browser.waitFor(By.id("import-status")).getText()).contains("エラーのため取り込みませんでした");
            assertThat(browser.waitFor(By.id("import-encoding")).getText()).isEqualTo("Shift_JIS (CP932)");
            assertThat(browser.waitFor(By.id("count-created")).getText()).isEqualTo("0");
            assertThat(browser.waitFor(By.id("count-invalid")).getText()).isEqualTo("1");
            List<WebElement> errors = browser.driver().findElements(By.cssSelector("#import-errors tr.import-error"));
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().findElement(By.className("error-line")).getText()).isEqualTo("3");
            assertThat(errors.getFirst().findElement(By.className("error-sku")).getText()).isEqualTo(bad);
            assertThat(errors.getFirst().findElement(By.className("error-column")).getText()).isEqualTo("JANコード");
            assertThat(errors.getFirst().findElement(By.className("error-value")).getText()).isEqualTo(wrongJan);
            assertThat(errors.getFirst().findElement(By.className("error-message")).getText()).contains("チェックデジット");
            browser.screenshot("import-error-report");
            // Nothing was written, not even the valid rows.
            assertThat(products.find(Sku.of(good1))).isEmpty();
            assertThat(products.find(Sku.of(bad))).isEmpty();
            assertThat(products.find(Sku.of(good2))).isEmpty();

            upload(file, true);

            assertThat(browser.waitFor(By.id("import-status")).getText()).contains("一部取り込み");
            assertThat(browser.waitFor(By.id("count-created")).getText()).isEqualTo("2");
            assertThat(browser.waitFor(By.id("count-updated")).getText()).isEqualTo("0");
            assertThat(browser.waitFor(By.id("count-invalid")).getText()).isEqualTo("1");
            assertThat(browser.waitFor(By.id("validOnly")).isSelected()).isTrue();
            assertThat(products.get(Sku.of(good1)).name()).isEqualTo("①煎茶ティーバッグ");
            assertThat(products.get(Sku.of(good1)).price()).isEqualTo(1200);
            assertThat(products.get(Sku.of(good2)).price()).isEqualTo(2400);
            assertThat(products.find(Sku.of(bad))).isEmpty();
            browser.screenshot("import-valid-rows");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFileThatIsNoProductCsvIsReportedAsUnreadableAndTheTemplateIsOffered() throws IOException {
        Path file = Files.createTempFile("ichigen-not-products-", ".csv");
        try {
            Files.write(file, "注文番号,金額\r\nA-1,100\r\n".getBytes(CsvEncoding.WINDOWS_31J));
            browser.loginAsAdmin();
            browser.open("/products/import");
            upload(file, false);
            assertThat(browser.waitFor(By.id("import-status")).getText()).contains("ファイルを読めませんでした");
            assertThat(browser.waitFor(By.cssSelector("#import-errors .error-line")).getText()).isEqualTo("1");
            assertThat(browser.isPresent(By.cssSelector("#import-warnings tr.import-warning"))).isTrue();

            // The template: the header row only, in Shift_JIS.
            Object header = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/products/import/template').then(r => r.arrayBuffer())
                      .then(b => done(new TextDecoder('shift_jis').decode(b)), e => done('failed ' + e));""");
            assertThat((String) header).startsWith("商品コード(SKU),親商品コード,種別,JANコード,商品名")
                    .endsWith("セット構成\n").hasLineCount(1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void submittingWithoutAFileAsksForOne() {
        browser.loginAsAdmin();
        browser.open("/products/import");
        browser.waitFor(By.id("import-submit")).click();
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("取り込むファイルを選んでください");
    }
}
