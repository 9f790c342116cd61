package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;

/** 一括処理 in the order list, 同梱候補 merged by a click, lines split in the order detail. */
@IchigenIntegrationTest
class OrderBulkBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    ShipmentGrouping grouping;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ProductManagement products;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    SalesChannel channel;
    Sku tea;
    Sku cup;
    String phone;

    @BeforeEach
    void setUp() {
        String suffix = UserAdminBrowserTests.uniqueName("b").toLowerCase(Locale.ROOT);
        channel = channels.register(new NewChannel(Platform.CUSTOM, "ch-" + suffix, "一括 " + suffix));
        String warehouse = UserAdminBrowserTests.uniqueName("BWH").toUpperCase(Locale.ROOT);
        warehouses.create(new NewWarehouse(warehouse, "一括テスト倉庫", 10, true));
        tea = Sku.of(ProductEditBrowserTests.uniqueSku("BTEA"));
        cup = Sku.of(ProductEditBrowserTests.uniqueSku("BCUP"));
        products.save(ProductDefinition.simple(tea, "玉露 50g", 1620));
        products.save(ProductDefinition.simple(cup, "茶托", 880));
        inventory.receive(tea, warehouse, 50, StockReference.NONE, null);
        inventory.receive(cup, warehouse, 50, StockReference.NONE, null);
        String digits = String.format("%08d", (System.nanoTime() / 1000) % 100_000_000);
        phone = "080-" + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    /** An order of this test's customer to one address in Kyoto, with a remark (so it is held: 備考あり). */
    private long order(Sku sku, long quantity, String remark) {
        String number = UserAdminBrowserTests.uniqueName("BK");
        return intake.accept(NewOrder.builder(channel.id(), number)
                .orderedAt(Instant.parse("2026-11-21T01:00:00Z"))
                .customer(new Customer("高橋 次郎", "タカハシ ジロウ", null, phone))
                .ordererAddress(new Address("600-8001", "京都府", "京都市下京区", "四条通1-2", null))
                .line(NewOrderLine.ofSku(sku, "商品", quantity, 1000, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(cup, "茶托", 1, 880, TaxRate.STANDARD_10))
                .remarks(remark)
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED).build()).orderId();
    }

    @Test
    void releasesHoldsInBulkThenMergesTheCandidatesAndSplitsALine() {
        long first = order(tea, 1, "のし不要");
        long second = order(tea, 2, "玄関前に置いてください");
        assertThat(orders.get(first).status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(orders.get(second).status()).isEqualTo(OrderStatus.ON_HOLD);

        browser.loginAsAdmin();
        browser.open("/orders?q=" + phone.replace("-", ""));
        browser.waitFor(By.id("order-" + first));
        browser.click(By.id("select-all"));
        assertThat(browser.waitFor(By.id("select-" + first)).isSelected()).isTrue();
        assertThat(browser.waitFor(By.id("select-" + second)).isSelected()).isTrue();
        new Select(browser.waitFor(By.id("bulk-action"))).selectByValue("release");
        browser.type(By.id("bulk-note"), "備考を確認済み");
        browser.click(By.id("bulk-submit"));
        browser.acceptConfirm();
        browser.waitForText(By.id("bulk-done"), "2件");
        assertThat(orders.get(first).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(orders.get(second).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(orders.history(first)).anyMatch(h -> h.kind().equals("HOLD_RELEASED") && "備考を確認済み".equals(h.note()));

        // 同梱候補: the two orders of one customer to one address, merged with a click
        browser.click(By.id("merge-candidates-link"));
        browser.waitFor(By.id("candidate-" + first));
        assertThat(browser.waitFor(By.id("candidate-" + first)).getText()).contains("高橋 次郎");
        browser.click(By.id("merge-" + first));
        browser.waitFor(By.id("merge-candidates"));
        assertThat(browser.isPresent(By.id("candidate-" + first))).isFalse();
        assertThat(grouping.groupOf(first)).hasValueSatisfying(g -> assertThat(g.orders()).hasSize(2));

        // the detail shows the group; a line is split off into a parcel of its own
        browser.open("/orders/" + second);
        assertThat(browser.waitFor(By.id("merge-group")).getText()).contains(orders.get(first).channelOrderNumber());
        browser.click(By.id("split-line-2"));
        browser.click(By.id("split-lines"));
        browser.waitForText(By.id("part-2"), "2");
        assertThat(browser.waitFor(By.id("part-1")).getText()).isEqualTo("1");
        assertThat(grouping.shipmentParts(second)).containsEntry(2, 2);

        // splitting every line is refused with the reason on the page
        browser.click(By.id("split-line-1"));
        browser.click(By.id("split-line-2"));
        browser.click(By.id("split-lines"));
        browser.waitForText(By.id("split-error"), "すべての明細");
    }

    @Test
    void bulkCancelReportsTheOrdersItCouldNotCancel() {
        long open = order(cup, 1, null);
        long shipped = order(cup, 2, null);
        orders.releaseAllHolds(shipped, "テスト"); // whatever the checks found, it may leave
        orders.markShipped(shipped);

        browser.loginAsAdmin();
        browser.open("/orders?q=" + phone.replace("-", ""));
        browser.waitFor(By.id("order-" + open));
        browser.click(By.id("select-" + open));
        browser.click(By.id("select-" + shipped));
        new Select(browser.waitFor(By.id("bulk-action"))).selectByValue("cancel");
        browser.type(By.id("bulk-note"), "お客様都合");
        browser.click(By.id("bulk-submit"));
        browser.acceptConfirm();
        browser.waitForText(By.id("bulk-done"), "1件");
        assertThat(browser.waitFor(By.id("bulk-failures")).getText())
                .contains(orders.get(shipped).channelOrderNumber()).contains("出荷済み");
        assertThat(orders.get(open).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.get(shipped).status()).isEqualTo(OrderStatus.SHIPPED);
    }
}
