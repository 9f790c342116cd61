package dev.ichigen.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.PersonalDataRetention;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * Customer mail without an SMTP server (the embedded default): templates and their placeholder checks, the outbox rows
 * written with the order's intake, kept as 未送信 (HELD), per-channel templates, duplicates and retention.
 */
@IchigenIntegrationTest
class CustomerMailIntegrationTests {

    @Autowired
    CustomerMail mail;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    PersonalDataRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    MailFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new MailFixtures(jdbc, intake);
    }

    @Test
    void keepsTheOrderConfirmationInTheOutboxWhenNoSmtpServerIsConfigured() {
        assertThat(mail.smtpConfigured()).isFalse();
        String to = MailFixtures.address();
        long orderId = fx.place(fx.channel(), to);

        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        assertThat(m.kind()).isEqualTo(MailKind.ORDER_CONFIRMATION);
        assertThat(m.status()).isEqualTo(MailStatus.HELD);
        assertThat(m.toAddress()).isEqualTo(to);
        String number = orders.get(orderId).channelOrderNumber();
        assertThat(m.subject()).contains("ご注文ありがとうございます", number);
        assertThat(m.body()).contains("髙橋 﨑子 様", "■ 注文番号: " + number, "・有機緑茶 100g × 2", "2,000円", "2026/11/20");
        assertThat(m.body()).doesNotContain("{{");

        assertThat(mail.sendDue()).isZero();
        assertThat(mail.mail(m.id()).status()).isEqualTo(MailStatus.HELD);
        assertThatThrownBy(() -> mail.resend(m.id())).isInstanceOf(ConflictException.class).hasMessageContaining("SMTP");
    }

    @Test
    void anOrderWithoutAddressGetsASkippedRowWithTheReason() {
        long orderId = fx.place(fx.channel(), null);
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        assertThat(m.status()).isEqualTo(MailStatus.SKIPPED);
        assertThat(m.toAddress()).isNull();
        assertThat(m.lastError()).isEqualTo("メールアドレスがありません");
    }

    @Test
    void theSameEventWritesOneMail() {
        long orderId = fx.place(fx.channel(), MailFixtures.address());
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> mail.write(MailKind.ORDER_CONFIRMATION, orderId, null, Map.of()));
        tx.executeWithoutResult(s -> mail.write(MailKind.ORDER_CONFIRMATION, orderId, null, Map.of()));
        assertThat(mail.outbox(null, orderId, 10)).hasSize(1);
    }

    @Test
    void refusesUnknownAndMisplacedPlaceholdersNamingThem() {
        assertThatThrownBy(() -> mail.saveTemplate(MailKind.ORDER_CONFIRMATION, fx.channel(), "ご注文 {{order.numbr}}", "本文", true))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> {
                    var errors = ((InvalidInputException) e).errors();
                    assertThat(errors).singleElement().satisfies(err -> {
                        assertThat(err.field()).isEqualTo("subject");
                        assertThat(err.message()).contains("{{order.numbr}}", "ありません", "{{order.number}}");
                    });
                });
        assertThatThrownBy(() -> mail.saveTemplate(MailKind.ORDER_CONFIRMATION, null, "件名", "追跡: {{tracking.url}}", true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("{{tracking.url}} は注文確認メールでは使えません");
        assertThatThrownBy(() -> mail.saveTemplate(MailKind.SHIPPED, null, "件名", "閉じていない {{order.number", true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("閉じられていません");
        assertThatThrownBy(() -> mail.saveTemplate(MailKind.SHIPPED, null, "件名", "{{ T(java.lang.Runtime) }}", true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ありません");
        // the shop's template was not changed by any of these
        assertThat(mail.template(MailKind.SHIPPED, null).body()).isEqualTo(MailKind.SHIPPED.defaultBody());
    }

    @Test
    void expressionsInATemplateAreLiteralText() {
        long channel = fx.channel();
        String evil = "${T(java.lang.Runtime).getRuntime().exec('touch /tmp/ichigen-pwned')} [[${7*7}]] #{7*7} *{order} __${7*7}__";
        mail.saveTemplate(MailKind.ORDER_CONFIRMATION, channel, "注文 {{order.number}} ${7*7}", evil + "\n{{ customer.name }} 様", true);
        long orderId = fx.place(channel, MailFixtures.address());
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        assertThat(m.subject()).endsWith(" ${7*7}");
        assertThat(m.body()).isEqualTo(evil + "\n髙橋 﨑子 様");
        assertThat(new java.io.File("/tmp/ichigen-pwned")).doesNotExist();
        assertThat(mail.preview(MailKind.ORDER_CONFIRMATION, "x", evil, null).body()).isEqualTo(evil);
    }

    @Test
    void aValueIsNeverExpandedAgain() {
        long channel = fx.channel();
        long orderId = intake.accept(fx.order(channel, MailFixtures.address())
                .customer(new dev.ichigen.order.Customer("{{order.total}}", null, MailFixtures.address(), null)).build()).orderId();
        assertThat(mail.outbox(null, orderId, 10).getFirst().body()).startsWith("{{order.total}} 様");
    }

    @Test
    void aChannelTemplateOverridesTheShopsOnlyForThatChannel() {
        long own = fx.channel();
        long other = fx.channel();
        mail.saveTemplate(MailKind.ORDER_CONFIRMATION, own, "チャネル専用 {{order.number}}", "専用本文 {{customer.name}}", true);
        assertThat(mail.hasOverride(MailKind.ORDER_CONFIRMATION, own)).isTrue();
        long a = fx.place(own, MailFixtures.address());
        long b = fx.place(other, MailFixtures.address());
        assertThat(mail.outbox(null, a, 10).getFirst().body()).isEqualTo("専用本文 髙橋 﨑子");
        assertThat(mail.outbox(null, b, 10).getFirst().subject()).contains("ご注文ありがとうございます");

        // disabled for a channel: no mail at all; reset: the shop's applies again
        mail.saveTemplate(MailKind.ORDER_CONFIRMATION, own, "x", "y", false);
        assertThat(mail.outbox(null, fx.place(own, MailFixtures.address()), 10)).isEmpty();
        mail.resetTemplate(MailKind.ORDER_CONFIRMATION, own);
        assertThat(mail.template(MailKind.ORDER_CONFIRMATION, own).channelId()).isNull();
    }

    @Test
    void previewsWithSamplesOrAnOrderAndReportsProblems() {
        CustomerMail.Preview sample = mail.preview(MailKind.SHIPPED, "発送 {{order.number}}", "{{carrier.name}} {{tracking.url}} {{nope}}", null);
        assertThat(sample.body()).startsWith("ヤマト運輸 https://toi.kuronekoyamato.co.jp/");
        assertThat(sample.errors()).singleElement().asString().contains("{{nope}}");
        long orderId = fx.place(fx.channel(), "preview@example.jp");
        CustomerMail.Preview real = mail.preview(MailKind.ORDER_CONFIRMATION, "{{order.number}}", "{{customer.name}}", orderId);
        assertThat(real.subject()).isEqualTo(orders.get(orderId).channelOrderNumber());
        assertThat(real.body()).isEqualTo("髙橋 﨑子");
        assertThat(real.to()).isEqualTo("preview@example.jp");
        assertThat(real.errors()).isEmpty();
    }

    @Test
    void clearsOldMailsAfterTheOrderRetentionPeriod() {
        long orderId = fx.place(fx.channel(), MailFixtures.address());
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        // written 400 days ago
        jdbc.sql("update mail_outbox set created_at = :t where id = :id")
                .param("t", OffsetDateTime.now(ZoneOffset.UTC).minusDays(400)).param("id", m.id()).update();
        Integer before = retention.retentionDays();
        try {
            retention.updateRetentionDays(null);
            mail.anonymiseDue();
            assertThat(mail.mail(m.id()).anonymisedAt()).isNull();
            retention.updateRetentionDays(365);
            assertThat(mail.anonymiseDue()).isPositive();
        } finally {
            retention.updateRetentionDays(before);
        }
        OutboxMail cleared = mail.mail(m.id());
        assertThat(cleared.toAddress()).isNull();
        assertThat(cleared.body()).isEmpty();
        assertThat(cleared.subject()).isEqualTo(CustomerMail.ANONYMISED);
        assertThat(cleared.status()).isEqualTo(MailStatus.SKIPPED);
        assertThat(cleared.lastError()).contains("保存期間");
        assertThat(mail.outbox(null, fx.place(fx.channel(), MailFixtures.address()), 10).getFirst().anonymisedAt()).isNull();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> mail.updateSettings(new MailSettings("not an address", "店", 7)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("差出人メールアドレス");
        assertThatThrownBy(() -> mail.updateSettings(new MailSettings(null, null, 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1〜90");
        MailSettings before = mail.settings();
        try {
            assertThat(mail.updateSettings(new MailSettings(" shop@ichigen.example ", " いちげん商店 ", 14)))
                    .isEqualTo(new MailSettings("shop@ichigen.example", "いちげん商店", 14));
            assertThat(mail.preview(MailKind.FOLLOW_UP, "{{shop.name}}", "x", null).subject()).isEqualTo("いちげん商店");
        } finally {
            mail.updateSettings(before);
        }
    }
}
