package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.notification.CustomerMail;
import dev.ichigen.notification.MailKind;
import dev.ichigen.notification.MailStatus;
import dev.ichigen.notification.OutboxMail;
import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

/**
 * メール: the outbox shows the order confirmation kept as 未送信 (no SMTP server in tests); a channel's template is edited
 * with the live preview — an unknown placeholder is reported while typing and refused on save —, previewed against the
 * order, saved; the mail's page shows its body.
 */
@IchigenIntegrationTest
class MailBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    OrderIntake intake;

    @Autowired
    CustomerMail mail;

    @Autowired
    JdbcClient jdbc;

    @Test
    void editsAChannelTemplateWithLivePreviewAndShowsTheOutbox() {
        SalesFixtures fx = new SalesFixtures(jdbc);
        long channel = fx.channel();
        String email = UserAdminBrowserTests.uniqueName("kyaku") + "@example.jp";
        long orderId = intake.accept(NewOrder.builder(channel, SalesFixtures.unique("MB"))
                .orderedAt(Instant.parse("2026-11-20T01:00:00Z"))
                .customer(new Customer("鈴木 一郎", null, email, "09011112222"))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .line(NewOrderLine.ofSku(Sku.of(fx.product("MB")), "煎茶", 1, 1500, TaxRate.REDUCED_8))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED).build()).orderId();
        OutboxMail held = mail.outbox(null, orderId, 10).getFirst();
        assertThat(held.status()).isEqualTo(MailStatus.HELD);

        browser.loginAsAdmin();
        browser.click(By.id("nav-mail"));
        browser.waitFor(By.id("smtp-not-configured"));
        browser.click(By.id("filter-HELD"));
        browser.waitForText(By.id("mail-" + held.id()), "未送信");
        assertThat(browser.driver().findElement(By.id("mail-" + held.id())).getText()).contains(email, "注文確認");

        // open the channel's own template of 注文確認 through the "チャネル別に編集" form
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("override-kind"))).selectByValue("ORDER_CONFIRMATION");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("override-channel"))).selectByValue(String.valueOf(channel));
        browser.click(By.id("override-open"));
        browser.waitFor(By.id("template-inherited"));
        browser.waitFor(By.id("preview-subject")); // the preview loads with the page (sample values)
        assertThat(browser.driver().findElement(By.id("preview-body")).getText()).contains("佐藤 花子 様");

        // typing an unknown placeholder: reported in the preview at once
        browser.type(By.id("subject"), "ご注文 {{order.numbr}}");
        browser.waitForText(By.id("preview-problems"), "{{order.numbr}}");
        // saving it is refused with the field's error
        browser.click(By.id("template-save"));
        browser.waitForText(By.id("subject-error"), "{{order.numbr}} はありません");

        // a good text, previewed against the order, including an expression that stays literal
        browser.type(By.id("subject"), "ご注文 {{order.number}} 受付");
        browser.type(By.id("body"), "{{customer.name}} 様\n${7*7} [[${1+1}]]\n{{order.items}}");
        browser.type(By.id("previewOrderId"), String.valueOf(orderId));
        browser.waitForText(By.id("preview-to"), email);
        browser.waitForText(By.id("preview-body"), "鈴木 一郎 様");
        assertThat(browser.driver().findElement(By.id("preview-body")).getText()).contains("${7*7} [[${1+1}]]", "・煎茶 × 1");
        browser.screenshot("mail-template-preview");
        browser.click(By.id("template-save"));
        browser.waitFor(By.id("template-ORDER_CONFIRMATION-" + channel));
        assertThat(mail.template(MailKind.ORDER_CONFIRMATION, channel).subject()).isEqualTo("ご注文 {{order.number}} 受付");

        // the outbox mail's page shows the body as it will be sent
        browser.open("/mail/outbox/" + held.id());
        browser.waitForText(By.id("mail-status"), "未送信");
        assertThat(browser.driver().findElement(By.id("mail-body")).getText()).contains("鈴木 一郎 様");
        assertThat(browser.isPresent(By.id("mail-resend"))).isFalse(); // no SMTP server: nothing to resend with
    }
}
