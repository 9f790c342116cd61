package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductImages;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class ProductEditBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ProductManagement products;

    @Autowired
    ProductImages images;

    @Autowired
    UserManagement users;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    static String uniqueSku(String prefix) {
        return UserAdminBrowserTests.uniqueName(prefix).toUpperCase(java.util.Locale.ROOT);
    }

    private void click(String id) {
        WebElement button = browser.waitFor(By.id(id));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button);
        button.click();
    }

    @Test
    void createsAProductThroughTheFormThenChangesItsNameAndPrice() {
        String sku = uniqueSku("TEA");
        browser.loginAsAdmin();
        browser.open("/products");
        click("new-product");
        browser.type(By.id("sku"), sku);
        browser.type(By.id("name"), "静岡 深蒸し煎茶 100g");
        browser.type(By.id("nameKana"), "しずおか ふかむしせんちゃ");
        browser.type(By.id("brand"), "茶屋一元");
        browser.type(By.id("category"), "食品>お茶");
        browser.type(By.id("price"), "1,080");
        new Select(browser.waitFor(By.id("taxRate"))).selectByValue("REDUCED_8");
        // datetime-local: typing depends on the browser's locale, so the value is set as the picker would.
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2025-04-01T10:00'",
                browser.waitFor(By.id("saleStartsAt")));
        click("save-product");

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("商品 " + sku + " を登録しました");
        assertThat(browser.currentPath()).isEqualTo("/products/" + sku);
        Product created = products.get(Sku.of(sku));
        assertThat(created.price()).isEqualTo(1080);
        assertThat(created.taxRate()).isEqualTo(TaxRate.REDUCED_8);
        assertThat(created.nameKana()).isEqualTo("しずおか ふかむしせんちゃ");
        assertThat(created.saleStartsAt()).hasToString("2025-04-01T01:00:00Z"); // 10:00 Japan time
        assertThat(browser.waitFor(By.id("saleStartsAt")).getDomProperty("value")).isEqualTo("2025-04-01T10:00");
        assertThat(browser.waitFor(By.id("sku")).getDomProperty("readOnly")).isEqualTo("true");

        browser.type(By.id("name"), "静岡 深蒸し煎茶 200g");
        browser.type(By.id("price"), "１９８０"); // full-width digits, as a Japanese IME types them
        click("save-product");

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("商品 " + sku + " を保存しました");
        assertThat(browser.waitFor(By.id("product-title")).getText()).isEqualTo("静岡 深蒸し煎茶 200g");
        assertThat(browser.waitFor(By.id("price")).getDomProperty("value")).isEqualTo("1980");
        assertThat(products.get(Sku.of(sku)).price()).isEqualTo(1980);
        assertThat(products.get(Sku.of(sku)).version()).isEqualTo(created.version() + 1);
        browser.screenshot("product-edit");

        browser.open("/products?q=" + sku);
        String row = browser.waitFor(By.id("product-" + sku)).getText();
        assertThat(row).contains(sku, "静岡 深蒸し煎茶 200g", "¥1,980", "税込 8%（軽減）", "販売中", "通常");
        assertThat(browser.waitFor(By.id("product-count")).getText()).isEqualTo("全 1 件中 1〜1 件");
    }

    @Test
    void theListShowsKindsPricesStatusStockAndFiltersByKind() throws IOException {
        String prefix = uniqueSku("LIST");
        String warehouse = prefix + "-W";
        warehouses.create(new NewWarehouse(warehouse, "一覧テスト倉庫", 50, true));
        Sku parent = Sku.of(prefix + "-TS");
        products.save(ProductDefinition.parent(parent, "和柄Tシャツ", 3300, List.of("カラー", "サイズ")));
        Sku navyM = Sku.of(prefix + "-TS-NV-M");
        products.save(ProductDefinition.variant(navyM, parent, "和柄Tシャツ 紺 M", 3300, List.of("紺", "M")));
        products.save(ProductDefinition.variant(Sku.of(prefix + "-TS-WH-L"), parent, "和柄Tシャツ 白 L", 3300, List.of("白", "L")));
        inventory.receive(navyM, warehouse, 24, StockReference.NONE, "入荷");
        Sku cup = Sku.of(prefix + "-CUP");
        products.save(ProductDefinition.simple(cup, "有田焼 湯のみ", 2200).withTax(TaxRate.STANDARD_10, false));
        images.add(cup, "cup.png", png(60, 60, new Color(0x2E, 0x5E, 0xAA)));
        inventory.receive(cup, warehouse, 3, StockReference.NONE, "入荷");
        products.save(ProductDefinition.set(Sku.of(prefix + "-SET"), "Tシャツと湯のみのセット", 5000,
                List.of(new SetComponent(navyM, 1), new SetComponent(cup, 1))));
        products.save(ProductDefinition.simple(Sku.of(prefix + "-OLD"), "旧柄 手ぬぐい", 880).withStatus(ProductStatus.DISCONTINUED));

        browser.loginAsAdmin();
        browser.open("/products?q=" + prefix);
        assertThat(browser.waitFor(By.id("product-count")).getText()).isEqualTo("全 6 件中 1〜6 件");
        assertThat(browser.waitFor(By.id("product-" + parent)).getText()).contains("親商品", "—");
        assertThat(browser.waitFor(By.cssSelector("#product-" + navyM + " .product-available")).getText()).isEqualTo("24");
        assertThat(browser.waitFor(By.id("product-" + cup)).getText()).contains("¥2,200", "税抜 10%");
        assertThat(naturalWidth(browser.waitFor(By.cssSelector("#product-" + cup + " img.product-thumb-sm")))).isEqualTo(60);
        assertThat(browser.waitFor(By.cssSelector("#product-" + prefix + "-SET .product-available")).getText()).isEqualTo("3");
        assertThat(browser.waitFor(By.id("product-" + prefix + "-OLD")).getText()).contains("販売終了");
        browser.screenshot("product-list");

        new Select(browser.waitFor(By.id("kind"))).selectByValue("VARIANT");
        browser.waitFor(By.id("product-search")).click();
        assertThat(browser.waitFor(By.id("product-count")).getText()).isEqualTo("全 2 件中 1〜2 件");

        // The parent's page lists its variants with their stock.
        browser.open("/products/" + parent);
        assertThat(browser.waitFor(By.id("variant-" + navyM)).getText()).contains("紺", "M", "24");
        assertThat(browser.isPresent(By.id("stock-summary"))).isFalse();
        browser.screenshot("product-parent");
    }

    @Test
    void everyProductAndStockScreenIsCompleteInEnglishAndTheDashboardCountsAreReal() {
        String sku = uniqueSku("EN");
        products.save(ProductDefinition.simple(Sku.of(sku), "English check", 100));
        long active = products.search(new dev.ichigen.catalog.ProductQuery(null, null, null, ProductStatus.ACTIVE, null, null), 0, 1).total();
        browser.loginAsAdmin();
        assertThat(browser.waitFor(By.id("count-products")).getText()).isEqualTo("販売中 " + String.format("%,d", active) + " 件");
        assertThat(browser.waitFor(By.id("count-unmapped")).getText()).startsWith("未連携 ");

        browser.open("/?lang=en");
        assertThat(browser.waitFor(By.id("count-products")).getText()).endsWith("on sale");
        for (String path : List.of("/products", "/products/new", "/products/" + sku, "/products/import", "/inventory",
                "/inventory/" + sku, "/listings/unmapped")) {
            browser.open(path);
            browser.waitFor(By.id("logout"));
            String page = browser.driver().getPageSource();
            // A missing English text would show as ??key_en??.
            assertThat(page).as(path).contains("<html lang=\"en\"").doesNotContain("??");
        }
        browser.open("/products/" + sku);
        assertThat(browser.waitFor(By.id("save-product")).getText()).isEqualTo("Save");
    }

    private static byte[] png(int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void wrongJanCheckDigitIsShownUnderTheJanFieldAndTheOtherInputIsKept() {
        String sku = uniqueSku("JAN");
        String payload = "490123456789";
        String wrong = payload + (Gtin.checkDigit(payload) + 1) % 10;
        browser.loginAsAdmin();
        browser.open("/products/new");
        browser.type(By.id("sku"), sku);
        browser.type(By.id("name"), "ほうじ茶ラテ");
        browser.type(By.id("price"), "540");
        browser.type(By.id("jan"), wrong);
        click("save-product");

        assertThat(browser.waitFor(By.id("jan-error")).getText()).contains("チェックデジットが正しくありません");
        assertThat(browser.waitFor(By.id("jan")).getAttribute("class")).contains("is-invalid");
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("入力内容を確認してください");
        assertThat(browser.isPresent(By.id("name-error"))).isFalse();
        assertThat(browser.waitFor(By.id("sku")).getDomProperty("value")).isEqualTo(sku);
        assertThat(browser.waitFor(By.id("name")).getDomProperty("value")).isEqualTo("ほうじ茶ラテ");
        assertThat(browser.waitFor(By.id("price")).getDomProperty("value")).isEqualTo("540");
        assertThat(browser.waitFor(By.id("jan")).getDomProperty("value")).isEqualTo(wrong);
        assertThat(products.find(Sku.of(sku))).isEmpty();
        browser.screenshot("product-form-error");
    }

    @Test
    void catalogRulesLandUnderTheirFieldsForSetComponents() {
        String part = uniqueSku("PART");
        products.save(ProductDefinition.simple(Sku.of(part), "湯のみ", 800));
        String set = uniqueSku("SET");
        browser.loginAsAdmin();
        browser.open("/products/new?kind=SET");
        browser.type(By.id("sku"), set);
        browser.type(By.id("name"), "湯のみセット");
        browser.type(By.id("price"), "2000");
        browser.type(By.id("components0.sku"), part);
        browser.type(By.id("components0.quantity"), "2");
        browser.type(By.id("components1.sku"), "NO-SUCH-SKU-X");
        click("save-product");

        // Rows are put in SKU order (as the catalog stores them): NO-SUCH… sorts before PART-…
        assertThat(browser.waitFor(By.id("components0-sku-error")).getText()).contains("NO-SUCH-SKU-X", "登録されていません");
        assertThat(products.find(Sku.of(set))).isEmpty();

        browser.type(By.id("components0.sku"), "");
        click("save-product");
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("登録しました");
        assertThat(products.get(Sku.of(set)).components()).containsExactly(new SetComponent(Sku.of(part), 2));
        assertThat(browser.waitFor(By.id("component-" + part)).getText()).contains("湯のみ", "× 2");
    }

    @Test
    void aSaveBasedOnAnOldVersionIsRefusedWithAnAlertAndOverwritesNothing() {
        String sku = uniqueSku("RACE");
        products.save(ProductDefinition.simple(Sku.of(sku), "玄米茶", 600));
        browser.loginAsAdmin();
        browser.open("/products/" + sku);
        browser.type(By.id("name"), "玄米茶（画面で変更）");

        // Meanwhile someone else changes the price.
        Product other = products.save(products.get(Sku.of(sku)).definition().withPrice(650L)).product();
        click("save-product");

        assertThat(browser.waitFor(By.id("conflict-alert")).getText()).contains("他の人が先にこの商品を更新しました");
        assertThat(browser.waitFor(By.id("name")).getDomProperty("value")).isEqualTo("玄米茶（画面で変更）");
        Product stored = products.get(Sku.of(sku));
        assertThat(stored.name()).isEqualTo("玄米茶");
        assertThat(stored.price()).isEqualTo(650);
        assertThat(stored.version()).isEqualTo(other.version());

        click("reload-product");
        assertThat(browser.waitFor(By.id("price")).getDomProperty("value")).isEqualTo("650");
    }

    @Test
    void discontinuesAfterConfirmation() {
        String sku = uniqueSku("OLD");
        products.save(ProductDefinition.simple(Sku.of(sku), "旧パッケージ 煎茶", 900));
        browser.loginAsAdmin();
        browser.open("/products/" + sku);
        click("discontinue");
        browser.acceptConfirm();

        assertThat(browser.waitFor(By.id("notice")).getText()).contains("販売終了にしました");
        assertThat(browser.waitFor(By.id("product-status")).getText()).isEqualTo("販売終了");
        assertThat(browser.isPresent(By.id("discontinue"))).isFalse();
        assertThat(products.get(Sku.of(sku)).active()).isFalse();
    }

    @Test
    void aWarehouseUserSeesTheProductReadOnlyAndItsPostsAreRefused() {
        String sku = uniqueSku("WH");
        products.save(ProductDefinition.simple(Sku.of(sku), "抹茶", 1500));
        String username = UserAdminBrowserTests.uniqueName("souko");
        users.create(username, "倉庫 太郎", Role.WAREHOUSE, "warehouse-pass-1");

        browser.login(username, "warehouse-pass-1");
        browser.open("/products");
        assertThat(browser.waitFor(By.id("products-table")).isDisplayed()).isTrue();
        assertThat(browser.isPresent(By.id("new-product"))).isFalse();
        assertThat(browser.isPresent(By.id("import-products"))).isFalse();

        browser.open("/products/" + sku);
        assertThat(browser.waitFor(By.id("read-only-note")).isDisplayed()).isTrue();
        assertThat(browser.waitFor(By.id("name")).isEnabled()).isFalse();
        assertThat(browser.isPresent(By.id("save-product"))).isFalse();
        assertThat(browser.isPresent(By.id("discontinue"))).isFalse();
        assertThat(browser.isPresent(By.id("image-upload"))).isFalse();

        // A hand-made POST (with a valid CSRF token) is refused all the same.
        assertThat(post("/products/" + sku, "name=changed&price=1&kind=SIMPLE")).isEqualTo(403);
        assertThat(post("/products/" + sku + "/discontinue", "")).isEqualTo(403);
        assertThat(post("/products/import", "")).isEqualTo(403);
        assertThat(products.get(Sku.of(sku)).name()).isEqualTo("抹茶");
        browser.open("/products/new");
        assertThat(browser.waitFor(By.cssSelector("#error-403 h1")).getText()).isEqualTo("アクセスできません");
    }

    @Test
    void uploadsAnImageAndShowsItsThumbnailInTheDetailAndTheList() throws IOException {
        String sku = uniqueSku("IMG");
        products.save(ProductDefinition.simple(Sku.of(sku), "急須 常滑焼", 4800));
        Path png = Files.createTempFile("ichigen-kyusu-", ".png");
        try {
            Files.write(png, png(40, 30, new Color(0x8B, 0x45, 0x13)));

            browser.loginAsAdmin();
            browser.open("/products/" + sku);
            assertThat(browser.waitFor(By.id("no-images")).isDisplayed()).isTrue();
            browser.driver().findElement(By.id("image-file")).sendKeys(png.toAbsolutePath().toString());
            click("upload-image");

            assertThat(browser.waitFor(By.id("notice")).getText()).contains("を追加しました");
            WebElement thumbnail = browser.waitFor(By.cssSelector("#images img.product-thumb"));
            assertThat(naturalWidth(thumbnail)).isEqualTo(40);
            assertThat(images.list(Sku.of(sku))).singleElement()
                    .satisfies(i -> assertThat(i.contentType()).isEqualTo("image/png"));

            browser.open("/products?q=" + sku);
            WebElement small = browser.waitFor(By.cssSelector("#product-" + sku + " img.product-thumb-sm"));
            assertThat(naturalWidth(small)).isEqualTo(40);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void refusesAFileThatIsNoImageWithTheCatalogsMessage() throws IOException {
        String sku = uniqueSku("NOIMG");
        products.save(ProductDefinition.simple(Sku.of(sku), "茶こし", 300));
        Path text = Files.createTempFile("ichigen-not-an-image-", ".png");
        try {
            Files.writeString(text, "this is not a PNG");
            browser.loginAsAdmin();
            browser.open("/products/" + sku);
            browser.driver().findElement(By.id("image-file")).sendKeys(text.toAbsolutePath().toString());
            click("upload-image");
            assertThat(browser.waitFor(By.id("image-errors")).getText()).contains("JPEG・PNG・GIF・WebP");
            assertThat(images.list(Sku.of(sku))).isEmpty();
        } finally {
            Files.deleteIfExists(text);
        }
    }

    private long naturalWidth(WebElement image) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), BrowserSupport.TIMEOUT).until(d ->
                Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return arguments[0].complete", image)));
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript("return arguments[0].naturalWidth", image)).longValue();
    }

    /** POSTs a form body from the signed-in page with the page's CSRF token; answers the HTTP status. */
    private long post(String path, String body) {
        Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name="_csrf"]').content;
                const header = document.querySelector('meta[name="_csrf_header"]').content;
                fetch(arguments[0], {method: 'POST', redirect: 'manual', body: arguments[1],
                    headers: {[header]: token, 'Content-Type': 'application/x-www-form-urlencoded'}})
                  .then(r => done(r.status), e => done(-1));""", path, body);
        return ((Number) status).longValue();
    }
}
