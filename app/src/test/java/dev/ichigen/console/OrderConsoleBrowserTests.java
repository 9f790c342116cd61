package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.Hold;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.HoldResolution;
import dev.ichigen.order.HoldSource;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

/** 受注一覧 and 受注詳細: tabs and counts, search, a check's hold released by a person, remarks shown as text. */
@IchigenIntegrationTest
class OrderConsoleBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ProductManagement products;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    SalesChannel channel;
    Sku food;
    Sku goods;

    @BeforeEach
    void setUp() {
        String suffix = UserAdminBrowserTests.uniqueName("o").toLowerCase(Locale.ROOT);
        channel = channels.register(new NewChannel(Platform.CUSTOM, "ch-" + suffix, "自社サイト " + suffix));
        String warehouse = UserAdminBrowserTests.uniqueName("OWH").toUpperCase(Locale.ROOT);
        warehouses.create(new NewWarehouse(warehouse, "受注テスト倉庫", 10, true));
        food = Sku.of(ProductEditBrowserTests.uniqueSku("TEA"));
        goods = Sku.of(ProductEditBrowserTests.uniqueSku("CUP"));
        products.save(ProductDefinition.simple(food, "煎茶 100g", 1080));
        products.save(ProductDefinition.simple(goods, "湯呑み", 2200));
        inventory.receive(food, warehouse, 100, StockReference.NONE, null);
        inventory.receive(goods, warehouse, 100, StockReference.NONE, null);
    }

    /** Digits as katakana, so a test's kana is unique and still kana: 0→ア, 1→イ … */
    private static String kana(String digits) {
        StringBuilder b = new StringBuilder();
        digits.chars().filter(Character::isDigit).forEach(c -> b.append("アイウエオカキクケコ".charAt(c - '0')));
        return b.toString();
    }

    private NewOrder.Builder order(String number, String kana, String phone) {
        return NewOrder.builder(channel.id(), number)
                .orderedAt(Instant.parse("2026-11-20T01:30:00Z"))
                .customer(new Customer("鈴木 一郎", kana, number.toLowerCase(Locale.ROOT) + "@example.jp", phone))
                .ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", "梅田1-1", null))
                .line(NewOrderLine.ofSku(food, "煎茶 100g", 2, 1080, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(goods, "湯呑み", 1, 2200, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
    }

    private static String uniquePhone() {
        String digits = String.format("%08d", (System.nanoTime() / 1000) % 100_000_000);
        return "090-" + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    @Test
    void listShowsTheOrderUnderItsStatusTabWithTheModulesCountsAndFindsItByKanaAndPhone() {
        String number = UserAdminBrowserTests.uniqueName("R");
        String kana = "スズキ" + kana(number);
        String phone = uniquePhone();
        long id = intake.accept(order(number, kana + " イチロウ", phone).build()).orderId();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);

        browser.loginAsAdmin();
        browser.click(By.id("nav-orders"));
        browser.waitFor(By.id("orders-table"));
        var counts = orders.counts().byStatus();
        for (OrderStatus s : OrderStatus.values()) {
            assertThat(browser.waitFor(By.id("count-" + s)).getText()).as(s.name())
                    .isEqualTo(String.format("%,d", counts.getOrDefault(s, 0L)));
        }

        browser.click(By.id("tab-READY_TO_SHIP"));
        WebElement row = browser.waitFor(By.id("order-" + id));
        assertThat(row.findElement(By.className("order-link")).getText()).isEqualTo(number);
        assertThat(row.findElement(By.className("order-status")).getText()).isEqualTo("出荷待ち");
        assertThat(row.findElement(By.className("order-channel")).getText()).isEqualTo(channel.name());
        assertThat(row.findElement(By.className("order-ordered-at")).getText()).isEqualTo("2026/11/20 10:30");
        assertThat(row.findElement(By.className("order-prefecture")).getText()).isEqualTo("大阪府");
        // 1,080 × 2 (8%) + 2,200 (10%), prices tax included
        assertThat(row.findElement(By.className("order-total")).getText()).isEqualTo("¥4,360");
        assertThat(row.findElement(By.className("order-payment")).getText()).isEqualTo("クレジットカード");
        browser.open("/orders?status=ON_HOLD");
        browser.waitFor(By.id("order-tabs"));
        assertThat(browser.isPresent(By.id("order-" + id))).isFalse();

        browser.open("/orders");
        browser.type(By.id("q"), kana);
        browser.click(By.id("order-search"));
        browser.waitFor(By.id("order-" + id));
        assertThat(browser.driver().findElements(By.className("order-row"))).hasSize(1);

        browser.open("/orders");
        browser.type(By.id("q"), phone.replace("-", ""));
        new Select(browser.waitFor(By.id("channel"))).selectByValue(String.valueOf(channel.id()));
        browser.click(By.id("order-search"));
        browser.waitFor(By.id("order-" + id));
        assertThat(browser.driver().findElements(By.className("order-row"))).hasSize(1);
        browser.screenshot("orders-list");

        browser.type(By.id("q"), "存在しない" + kana);
        browser.click(By.id("order-search"));
        browser.waitForText(By.id("order-count"), "該当する受注はありません。");
    }

    @Test
    void holdFromRemarksIsShownAndReleasedByThePersonWithANoteAndTheRemarksStayText() {
        String number = UserAdminBrowserTests.uniqueName("R");
        String remarks = "<script>alert(1)</script> 置き配希望";
        long id = intake.accept(order(number, "タナカ" + kana(number), uniquePhone()).remarks(remarks).build()).orderId();
        Order held = orders.get(id);
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        Hold hold = held.openHolds().stream().filter(h -> h.code().equals(HoldReason.REMARKS_PRESENT)).findFirst().orElseThrow();
        assertThat(hold.source()).isEqualTo(HoldSource.CHECK);

        browser.loginAsAdmin();
        browser.open("/orders?status=ON_HOLD&q=" + number);
        WebElement row = browser.waitFor(By.id("order-" + id));
        assertThat(row.findElement(By.className("order-holds")).getText()).contains("備考あり");
        row.findElement(By.className("order-link")).click();

        browser.waitFor(By.id("order-detail"));
        assertThat(browser.waitFor(By.id("order-status")).getText()).isEqualTo("確認待ち");
        assertThat(browser.waitFor(By.id("remarks")).getText()).isEqualTo(remarks);
        assertThat(browser.alertIsOpen()).isFalse();
        WebElement holdItem = browser.waitFor(By.id("hold-" + hold.id()));
        assertThat(holdItem.findElement(By.className("hold-code")).getText()).isEqualTo("備考あり");
        assertThat(holdItem.findElement(By.className("hold-source")).getText()).startsWith("チェック");
        assertThat(browser.waitFor(By.id("reduced-note")).getText()).contains("軽減税率");
        assertThat(browser.waitFor(By.id("tax-REDUCED_8")).getText()).contains("¥2,160").contains("¥160");
        assertThat(browser.waitFor(By.id("tax-STANDARD_10")).getText()).contains("¥2,200").contains("¥200");
        browser.screenshot("order-detail-held");

        // the note is required: the page comes back with the module's message at that hold
        browser.click(By.id("release-" + hold.id()));
        assertThat(browser.waitFor(By.id("note-" + hold.id() + "-error")).getText()).isEqualTo("解除する理由を入力してください");
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.ON_HOLD);

        browser.type(By.id("note-" + hold.id()), "お客様に電話で確認済み");
        browser.click(By.id("release-" + hold.id()));
        browser.waitForText(By.id("notice"), "受注 " + number + " の保留を解除しました。");
        assertThat(browser.waitFor(By.id("order-status")).getText()).isEqualTo("出荷待ち");
        assertThat(browser.waitFor(By.id("hold-" + hold.id())).findElement(By.className("hold-resolution")).getText())
                .contains("解除（担当者）").contains("admin").contains("お客様に電話で確認済み");
        List<String> kinds = browser.driver().findElements(By.className("history-kind")).stream().map(WebElement::getText).toList();
        assertThat(kinds).contains("取込", "保留", "保留解除");
        assertThat(browser.driver().findElements(By.cssSelector("tr.history-entry[data-kind=HOLD_RELEASED] .history-note")))
                .extracting(WebElement::getText).containsExactly("お客様に電話で確認済み");
        browser.screenshot("order-detail-released");

        browser.click(By.id("recheck"));
        browser.waitForText(By.id("notice"), "受注 " + number + " を再チェックしました。");
        assertThat(browser.driver().findElements(By.className("history-kind"))).extracting(WebElement::getText).contains("再チェック");

        Order released = orders.get(id);
        assertThat(released.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Hold after = released.holds().stream().filter(h -> h.id() == hold.id()).findFirst().orElseThrow();
        assertThat(after.resolution()).isEqualTo(HoldResolution.RELEASED);
        assertThat(after.resolvedBy()).isEqualTo("admin");
        assertThat(after.note()).isEqualTo("お客様に電話で確認済み");
        assertThat(orders.history(id)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("HOLD_RELEASED");
            assertThat(e.actor()).isEqualTo("admin");
        });
    }
}
