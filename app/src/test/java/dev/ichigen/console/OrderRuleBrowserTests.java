package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

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
import dev.ichigen.order.HoldResolution;
import dev.ichigen.order.HoldSource;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderRule;
import dev.ichigen.order.OrderRules;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.order.RuleAction;
import dev.ichigen.order.RuleCondition;
import dev.ichigen.order.RuleDraft;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * 受注処理ルール in the console: a rule written in the editor, dry-run before saving, saved; an order taken in
 * over REST held by a rule, shown with the rule's name in the order detail and released by a person. Every
 * rule is limited to this test's channel and deleted afterwards (the database is shared).
 */
@IchigenIntegrationTest
class OrderRuleBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @LocalServerPort
    int port;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    OrderRules rules;

    @Autowired
    ChannelManagement channels;

    @Autowired
    dev.ichigen.platform.UserManagement users;

    @Autowired
    ProductManagement products;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    SalesChannel channel;
    Sku sku;
    final List<Long> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        String suffix = UserAdminBrowserTests.uniqueName("r").toLowerCase(Locale.ROOT);
        channel = channels.register(new NewChannel(Platform.CUSTOM, "ch-" + suffix, "ルール " + suffix));
        String warehouse = UserAdminBrowserTests.uniqueName("RWH").toUpperCase(Locale.ROOT);
        warehouses.create(new NewWarehouse(warehouse, "ルールテスト倉庫", 10, true));
        sku = Sku.of(ProductEditBrowserTests.uniqueSku("RUL"));
        products.save(ProductDefinition.simple(sku, "手ぬぐい", 1200));
        inventory.receive(sku, warehouse, 100, StockReference.NONE, null);
    }

    @AfterEach
    void deleteRules() {
        created.stream().distinct().forEach(rules::delete);
    }

    private long take(String number, long quantity) {
        return intake.accept(NewOrder.builder(channel.id(), number)
                .orderedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .customer(new Customer("高橋 花子", null, number.toLowerCase(Locale.ROOT) + "@example.jp", uniquePhone()))
                .ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", "梅田1-1", null))
                .line(NewOrderLine.ofSku(sku, "手ぬぐい", quantity, 1200, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED).build()).orderId();
    }

    private static String uniquePhone() {
        String digits = String.format("%08d", (System.nanoTime() / 1000) % 100_000_000);
        return "090-" + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    private void select(String id, String value) {
        new Select(browser.waitFor(By.id(id))).selectByValue(value);
    }

    @Test
    void aRuleWrittenInTheEditorIsDryRunBeforeSavingThenSavedWithItsFirstVersion() {
        long big = take(UserAdminBrowserTests.uniqueName("RB"), 6);
        long small = take(UserAdminBrowserTests.uniqueName("RS"), 1);
        String name = UserAdminBrowserTests.uniqueName("まとめ買い");

        browser.loginAsAdmin();
        browser.click(By.id("nav-order-rules"));
        browser.click(By.id("new-rule"));
        browser.type(By.id("name"), name);
        select("groups0.rows0.field", "channel");
        select("groups0.rows0.op", "in");
        browser.type(By.id("groups0.rows0.value"), String.valueOf(channel.id()));
        select("groups0.rows1.field", "totalQuantity");
        select("groups0.rows1.op", ">=");
        browser.type(By.id("groups0.rows1.value"), "abc");
        select("actions0.type", "HOLD");
        browser.type(By.id("actions0.code"), "BULK_ORDER");
        browser.type(By.id("actions0.reason"), "まとめ買いは在庫を確認");
        select("actions1.type", "ADD_TAG");
        browser.type(By.id("actions1.value"), "まとめ買い");

        // a wrong value: the dry run names the field instead of running
        browser.click(By.id("dry-run"));
        assertThat(browser.waitFor(By.id("dry-run-errors")).getText()).contains("groups[0].rows[1].value");

        browser.type(By.id("groups0.rows1.value"), "5");
        browser.click(By.id("dry-run"));
        browser.waitFor(By.id("dry-run-table"));
        WebElement bigRow = browser.waitFor(By.id("dry-run-" + big));
        assertThat(bigRow.getAttribute("class")).contains("dry-run-match");
        assertThat(bigRow.getText()).contains("保留 BULK_ORDER: まとめ買いは在庫を確認").contains("タグ まとめ買い");
        assertThat(browser.waitFor(By.id("dry-run-" + small)).getAttribute("class")).doesNotContain("dry-run-match");
        assertThat(browser.waitFor(By.id("dry-run-summary")).getText()).contains("何も変更していません");
        browser.screenshot("order-rule-dry-run");
        assertThat(orders.get(big).openHolds()).isEmpty(); // a dry run writes nothing
        assertThat(rules.list(false)).noneMatch(r -> r.name().equals(name));

        browser.click(By.id("save-rule"));
        assertThat(browser.waitFor(By.id("notice")).getText()).contains(name + " v1");
        assertThat(browser.waitFor(By.id("version-1")).getText()).contains(name);
        OrderRule saved = rules.list(false).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        created.add(saved.id());
        assertThat(saved.actions()).extracting(RuleAction::type).containsExactly("HOLD", "ADD_TAG");

        browser.click(By.id("nav-order-rules"));
        WebElement row = browser.waitFor(By.id("rule-" + saved.id()));
        assertThat(row.getText()).contains(name).contains("v1");
        browser.click(By.id("toggle-" + saved.id()));
        browser.waitForText(By.id("notice"), name);
        assertThat(rules.get(saved.id()).enabled()).isFalse();
    }

    @Test
    void anOrderTakenInOverRestIsHeldByARuleShownWithItsNameAndReleasedByAPerson() {
        String name = UserAdminBrowserTests.uniqueName("大阪確認");
        OrderRule rule = rules.create(new RuleDraft(name, true, false, RuleCondition.all(
                RuleCondition.leaf("channel", "in", String.valueOf(channel.id())),
                RuleCondition.leaf("prefecture", "in", "大阪")), List.of(RuleAction.hold("OSAKA_CHECK", "大阪向けは確認"))));
        created.add(rule.id());
        String number = UserAdminBrowserTests.uniqueName("RR");
        Api.Response r = Api.admin(port).post("/api/v1/orders", Map.of("channel", channel.id(), "channelOrderNumber", number,
                "orderedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "paymentMethod", "CARD",
                "customer", Map.of("name", "高橋 花子", "email", number.toLowerCase(Locale.ROOT) + "@example.jp", "phone",
                        uniquePhone()),
                "ordererAddress", Map.of("postalCode", "530-0001", "prefecture", "大阪府", "city", "大阪市北区", "street", "梅田1-1"),
                "lines", List.of(Map.of("lineKey", "1", "sku", sku.value(), "name", "手ぬぐい", "quantity", 1, "unitPrice", 1200,
                        "taxRate", 10))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        long id = r.json().get("order").get("id").asLong();
        Order held = orders.get(id);
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        Hold hold = held.openHolds().stream().filter(h -> h.source() == HoldSource.RULE).findFirst().orElseThrow();

        browser.loginAsAdmin();
        browser.open("/orders/" + id);
        assertThat(browser.waitFor(By.id("order-status")).getText()).isEqualTo("確認待ち");
        WebElement item = browser.waitFor(By.id("hold-" + hold.id()));
        assertThat(item.getText()).contains("大阪向けは確認");
        assertThat(browser.waitFor(By.id("hold-rule-" + hold.id())).getText()).isEqualTo("ルール「" + name + "」v1");
        assertThat(browser.waitFor(By.id("applied-rule-" + rule.id() + "-1")).getText()).contains(name).contains("保留 OSAKA_CHECK");
        browser.screenshot("order-held-by-rule");

        browser.type(By.id("note-" + hold.id()), "大阪の倉庫に確認済み");
        browser.click(By.id("release-" + hold.id()));
        browser.waitForText(By.id("notice"), number);
        assertThat(browser.waitFor(By.id("order-status")).getText()).isEqualTo("出荷待ち");
        Order released = orders.get(id);
        assertThat(released.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(released.holds().stream().filter(h -> h.id() == hold.id()).findFirst().orElseThrow().resolution())
                .isEqualTo(HoldResolution.RELEASED);
        // the same data again: the rule does not hold it again
        assertThat(orders.recheck(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
    }

    @Test
    void aWarehouseUserHasNoRuleMenuAndTheRuleScreensAnswer403() {
        String username = UserAdminBrowserTests.uniqueName("souko");
        users.create(username, "倉庫 次郎", dev.ichigen.platform.Role.WAREHOUSE, "warehouse-pass-1");
        browser.login(username, "warehouse-pass-1");
        browser.open("/products");
        browser.waitFor(By.id("nav-products"));
        assertThat(browser.isPresent(By.id("nav-order-rules"))).isFalse();
        browser.open("/order-rules");
        assertThat(browser.waitFor(By.cssSelector("#error-403 h1")).getText()).isEqualTo("アクセスできません");
        browser.open("/order-rules/new");
        assertThat(browser.waitFor(By.cssSelector("#error-403 h1")).getText()).isEqualTo("アクセスできません");
    }
}
