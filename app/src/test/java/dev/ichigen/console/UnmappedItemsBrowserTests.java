package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class UnmappedItemsBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    ProductManagement products;

    @Autowired
    ChannelListings listings;

    @Autowired
    ChannelManagement channels;

    private SalesChannel channel(String name) {
        return channels.register(new NewChannel(Platform.RAKUTEN, UserAdminBrowserTests.uniqueName("rakuten"), name));
    }

    private Optional<WebElement> row(String itemCode) {
        return browser.driver().findElements(By.cssSelector("#unmapped-table tr.unmapped-item")).stream()
                .filter(r -> r.findElement(By.className("item-code")).getText().equals(itemCode)).findFirst();
    }

    @Test
    void anUnmappedItemIsListedAndMappingItRemovesIt() {
        SalesChannel shop = channel("一元茶舗 楽天市場店");
        String itemCode = UserAdminBrowserTests.uniqueName("sencha-tb");
        assertThat(listings.resolve(shop.id(), itemCode, "size:M", "注文 376512-20250401-0001")).isEmpty();
        String sku = ProductEditBrowserTests.uniqueSku("MAP");
        products.save(ProductDefinition.simple(Sku.of(sku), "煎茶ティーバッグ M", 980));

        browser.loginAsAdmin();
        browser.waitFor(By.id("nav-unmapped")).click();
        WebElement item = row(itemCode).orElseThrow();
        assertThat(item.getText()).contains("一元茶舗 楽天市場店", "size:M", "注文 376512-20250401-0001");
        browser.screenshot("unmapped-items");

        item.findElement(By.className("map-sku")).sendKeys("NO-SUCH-" + sku);
        item.findElement(By.className("map-submit")).click();
        assertThat(browser.waitFor(By.className("map-error")).getText()).contains("登録されていません");
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains(itemCode);
        assertThat(row(itemCode)).isPresent();

        item = row(itemCode).orElseThrow();
        WebElement input = item.findElement(By.className("map-sku"));
        input.clear();
        input.sendKeys(sku);
        item.findElement(By.className("map-submit")).click();

        assertThat(browser.waitFor(By.id("notice")).getText()).contains(itemCode + " → " + sku);
        assertThat(row(itemCode)).isEmpty();
        assertThat(listings.listBySku(Sku.of(sku))).singleElement()
                .satisfies(l -> assertThat(l.itemCode()).isEqualTo(itemCode));
        assertThat(listings.resolve(shop.id(), itemCode, "size:M", "次の注文")).contains(Sku.of(sku));

        // The product shows the listing.
        browser.open("/products/" + sku);
        assertThat(browser.waitFor(By.id("listings")).getText()).contains("一元茶舗 楽天市場店", itemCode, "size:M");
    }
}
