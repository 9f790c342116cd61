package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class InventoryBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ProductManagement products;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    UserManagement users;

    /** A new warehouse with a unique code (the database is shared between test classes). */
    private String warehouse(String name) {
        String code = UserAdminBrowserTests.uniqueName("WH").toUpperCase(java.util.Locale.ROOT);
        warehouses.create(new NewWarehouse(code, name, 10, true));
        return code;
    }

    private String product(String name) {
        String sku = ProductEditBrowserTests.uniqueSku("STK");
        products.save(ProductDefinition.simple(Sku.of(sku), name, 1000));
        return sku;
    }

    private void adjust(String warehouse, String delta, String reason) {
        new Select(browser.waitFor(By.id("warehouse"))).selectByValue(warehouse);
        browser.type(By.id("delta"), delta);
        browser.type(By.id("reason"), reason);
        WebElement submit = browser.waitFor(By.id("adjust-submit"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", submit);
        submit.click();
    }

    @Test
    void adjustsStockThroughTheFormAndShowsTheBalanceAndTheLedgerRow() {
        String wh = warehouse("本社倉庫");
        String sku = product("有機ほうじ茶 200g");
        String username = UserAdminBrowserTests.uniqueName("souko");
        users.create(username, "倉庫 花子", Role.WAREHOUSE, "warehouse-pass-1");

        browser.login(username, "warehouse-pass-1");
        browser.open("/inventory/" + sku);
        assertThat(browser.waitFor(By.id("ledger-none")).isDisplayed()).isTrue();
        adjust(wh, "+12", "初回入庫分の登録");

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("商品 " + sku + " の在庫を調整しました");
        WebElement balance = browser.waitFor(By.id("balance-" + wh));
        assertThat(balance.findElement(By.className("balance-on-hand")).getText()).isEqualTo("12");
        assertThat(balance.findElement(By.className("balance-available")).getText()).isEqualTo("12");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#ledger-table tr.movement"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().findElement(By.className("movement-type")).getText()).isEqualTo("調整");
        assertThat(rows.getFirst().findElement(By.className("movement-on-hand")).getText()).isEqualTo("+12");
        assertThat(rows.getFirst().findElement(By.className("movement-reason")).getText()).isEqualTo("初回入庫分の登録");
        assertThat(rows.getFirst().findElement(By.className("movement-actor")).getText()).isEqualTo(username);
        assertThat(inventory.stock(Sku.of(sku)).onHand()).isEqualTo(12);

        adjust(wh, "-2", "破損");
        browser.waitFor(By.id("notice"));
        rows = browser.driver().findElements(By.cssSelector("#ledger-table tr.movement"));
        assertThat(rows).hasSize(2);
        // Newest first.
        assertThat(rows.getFirst().findElement(By.className("movement-on-hand")).getText()).isEqualTo("-2");
        assertThat(rows.getFirst().findElement(By.className("movement-reason")).getText()).isEqualTo("破損");
        assertThat(browser.waitFor(By.id("balance-" + wh)).findElement(By.className("balance-on-hand")).getText()).isEqualTo("10");
        browser.screenshot("stock-detail");
        // The warehouse role works with stock but does not run the consistency check.
        assertThat(browser.isPresent(By.id("check-consistency"))).isFalse();
    }

    @Test
    void aDecreaseBelowWhatIsReservedIsRefusedUnderTheQuantity() {
        String wh = warehouse("第二倉庫");
        String sku = product("玉露 50g");
        inventory.receive(Sku.of(sku), wh, 5, StockReference.NONE, "テスト入荷");
        inventory.reserve(UserAdminBrowserTests.uniqueName("order"), "1", Sku.of(sku), 3, wh);

        browser.loginAsAdmin();
        browser.open("/inventory/" + sku);
        adjust(wh, "-4", "数え間違い");

        assertThat(browser.waitFor(By.id("delta-error")).getText())
                .contains("引当済の数より少なくはできません", "実在庫 5・引当済 3", "減らせるのは 2 まで");
        assertThat(browser.waitFor(By.id("delta")).getAttribute("class")).contains("is-invalid");
        assertThat(browser.waitFor(By.id("delta")).getDomProperty("value")).isEqualTo("-4");
        assertThat(browser.waitFor(By.id("reason")).getDomProperty("value")).isEqualTo("数え間違い");
        WebElement balance = browser.waitFor(By.id("balance-" + wh));
        assertThat(balance.findElement(By.className("balance-on-hand")).getText()).isEqualTo("5");
        assertThat(balance.findElement(By.className("balance-reserved")).getText()).isEqualTo("3");
        assertThat(inventory.stock(Sku.of(sku)).onHand()).isEqualTo(5);
        browser.screenshot("stock-adjust-error");

        // Empty reason and a zero change are caught by the form.
        adjust(wh, "0", " ");
        assertThat(browser.waitFor(By.id("delta-error")).getText()).contains("0 以外");
        assertThat(browser.waitFor(By.id("reason-error")).getText()).contains("理由を入力してください");
    }

    @Test
    void theOverviewShowsWarehousesSideBySideAndMarksZeroStockAndTheCheckFindsNoDrift() {
        String wh = warehouse("東倉庫");
        String stocked = product("煎茶 在庫あり");
        String empty = product("煎茶 在庫なし");
        inventory.receive(Sku.of(stocked), wh, 30, StockReference.NONE, "テスト入荷");
        String set = ProductEditBrowserTests.uniqueSku("STK-SET");
        products.save(ProductDefinition.set(Sku.of(set), "飲み比べセット", 3000,
                List.of(new SetComponent(Sku.of(stocked), 2), new SetComponent(Sku.of(empty), 1))));

        browser.loginAsAdmin();
        browser.open("/inventory?q=STK");
        WebElement stockedRow = browser.waitFor(By.id("stock-" + stocked));
        assertThat(stockedRow.findElement(By.className("stock-available")).getText()).isEqualTo("30");
        assertThat(stockedRow.getAttribute("class")).doesNotContain("stock-zero").doesNotContain("stock-low");
        assertThat(browser.waitFor(By.id("stock-" + empty)).getAttribute("class")).contains("stock-zero");
        WebElement setRow = browser.waitFor(By.id("stock-" + set));
        assertThat(setRow.getText()).contains("(セット)");
        assertThat(setRow.findElement(By.className("stock-available")).getText()).isEqualTo("0");
        assertThat(browser.waitFor(By.id("stock-table")).getText()).contains("東倉庫");
        browser.screenshot("stock-overview");

        browser.open("/inventory?q=STK&low=40");
        assertThat(browser.waitFor(By.id("stock-" + stocked)).getAttribute("class")).contains("stock-low");

        browser.waitFor(By.id("check-consistency")).click();
        assertThat(browser.waitFor(By.id("consistency-ok")).getText()).isEqualTo("台帳と在庫数は一致しています。");
        assertThat(browser.waitFor(By.id("consistency-checked")).getText()).contains("件の在庫数");
    }
}
