package dev.ichigen.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.FulfillmentSettings;
import dev.ichigen.fulfillment.FulfillmentSettingsStore;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentLabels;
import dev.ichigen.fulfillment.ShipmentShipped;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Customer;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.support.IchigenIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Customer mail against a real SMTP server: GreenMail on a fixed local port (stopped to play "SMTP down"), and a
 * scripted SMTP conversation for the refusals GreenMail cannot make (550, 451). Retries have no backoff here
 * ({@code ichigen.mail.first-backoff=PT0S}) and give up after 3 attempts.
 */
@IchigenIntegrationTest
class CustomerMailSmtpIntegrationTests {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("ichigen.mail.first-backoff", () -> "PT0S");
        registry.add("ichigen.mail.max-attempts", () -> "3");
    }

    @Autowired
    CustomerMail mail;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    Shipments shipments;

    @Autowired
    ShipmentLabels labels;

    @Autowired
    FulfillmentSettingsStore fulfillmentSettings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    GreenMail smtp;
    MailFixtures fx;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        fx = new MailFixtures(jdbc, intake);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void theShippedMailArrivesOnceWithTheTrackingUrlInUtf8() throws Exception {
        FulfillmentFixtures ff = new FulfillmentFixtures(jdbc, warehouses, inventory);
        fulfillmentSettings.update(new FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都", "千代田区", "千代田1-1",
                null, "yamato", "takkyubin", "0123456789", null, "01", null));
        mail.updateSettings(new MailSettings("shop@ichigen.example", "いちげん商店", 7));
        String jan = FulfillmentFixtures.jan();
        Sku sku = ff.product("MAILSHIP", jan, "AMBIENT");
        String to = MailFixtures.address();
        long orderId = intake.accept(FulfillmentFixtures.order(ff.channel(), FulfillmentFixtures.phone(), "梅田7-7-7", sku, 1)
                .customer(new Customer("髙橋 﨑子", "タカハシ サキコ", to, FulfillmentFixtures.phone())).build()).orderId();
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !shipments.ofOrder(orderId).isEmpty());
        Shipment s = shipments.ofOrder(orderId).getFirst();
        assertThat(shipments.scan(s.key(), jan).packed()).isTrue();
        String[] rows = new String(labels.export("yamato-b2", ShipmentStatus.PACKED).files().getFirst().content(),
                Charset.forName("windows-31j")).split("\r\n");
        String number = FulfillmentFixtures.trackingRandom();
        String[] cells = new String[95];
        Arrays.fill(cells, "");
        cells[0] = s.key();
        cells[3] = number;
        labels.importTracking("yamato-b2", CsvSource.of((rows[0] + "\r\n" + String.join(",", cells) + "\r\n")
                .getBytes(Charset.forName("windows-31j"))));
        shipments.ship(s.key());

        // the same event once more (a re-delivery): still one shipped mail
        new TransactionTemplate(transactions).executeWithoutResult(st -> events.publishEvent(new ShipmentShipped(s.id(), s.key(),
                List.of(new ShipmentShipped.ShippedOrder(orderId, orders.get(orderId).channelId(), orders.get(orderId).channelOrderNumber())),
                "yamato", "takkyubin", List.of(number))));
        List<OutboxMail> shippedMails = mail.outbox(null, orderId, 10).stream().filter(m -> m.kind() == MailKind.SHIPPED).toList();
        assertThat(shippedMails).hasSize(1);

        mail.sendDue();
        mail.sendDue();
        List<MimeMessage> received = to(to);
        assertThat(received).hasSize(2); // 注文確認 + 発送完了, each once
        MimeMessage shipped = received.stream().filter(m -> header(m, "X-Ichigen-Mail-Kind").equals("SHIPPED")).findFirst().orElseThrow();
        String number2 = orders.get(orderId).channelOrderNumber();
        assertThat(shipped.getSubject()).isEqualTo("【いちげん商店】商品を発送しました（注文番号 " + number2 + "）");
        assertThat(shipped.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(shipped.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(shipped.getFrom()[0].toString()).contains("shop@ichigen.example");
        String body = (String) shipped.getContent();
        assertThat(body).contains("髙橋 﨑子 様", "ヤマト運輸", "お問い合わせ番号: " + number,
                "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=" + number);
        assertThat(mail.mail(shippedMails.getFirst().id()).status()).isEqualTo(MailStatus.SENT);
        assertThat(mail.mail(shippedMails.getFirst().id()).sentAt()).isNotNull();

        // フォローメール: off by default; enabled for the channel, it follows the shipped mail after 7 days — once
        long channel = orders.get(orderId).channelId();
        jdbc.sql("update mail_outbox set created_at = :t where id = :id")
                .param("t", OffsetDateTime.now(ZoneOffset.UTC).minusDays(8)).param("id", shippedMails.getFirst().id()).update();
        mail.sendDue();
        assertThat(mail.outbox(null, orderId, 10)).noneMatch(m -> m.kind() == MailKind.FOLLOW_UP);
        mail.saveTemplate(MailKind.FOLLOW_UP, channel, "届きましたか {{order.number}}",
                "{{customer.name}} 様 {{carrier.name}} {{tracking.number}}", true);
        mail.sendDue();
        mail.sendDue();
        assertThat(mail.outbox(null, orderId, 10).stream().filter(m -> m.kind() == MailKind.FOLLOW_UP).toList())
                .singleElement().satisfies(f -> {
                    assertThat(f.status()).isEqualTo(MailStatus.SENT);
                    assertThat(f.body()).isEqualTo("髙橋 﨑子 様 ヤマト運輸 " + number);
                });
        assertThat(to(to)).hasSize(3);
    }

    @Test
    void retriesWhileSmtpIsDownThenSendsOnceItIsUp() {
        smtp.stop();
        String to = MailFixtures.address();
        long orderId = fx.place(fx.channel(), to);
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        assertThat(m.status()).isEqualTo(MailStatus.PENDING);

        mail.sendDue();
        OutboxMail afterFirst = mail.mail(m.id());
        assertThat(afterFirst.status()).isEqualTo(MailStatus.PENDING);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.lastError()).contains("接続できません");

        mail.sendDue();
        assertThat(mail.mail(m.id()).attempts()).isEqualTo(2);

        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        mail.sendDue();
        assertThat(mail.mail(m.id()).status()).isEqualTo(MailStatus.SENT);
        assertThat(mail.mail(m.id()).lastError()).isNull();
        assertThat(to(to)).hasSize(1);
        mail.sendDue();
        assertThat(to(to)).hasSize(1);
    }

    @Test
    void givesUpAfterTheAttemptLimitWithTheReason() {
        smtp.stop();
        long orderId = fx.place(fx.channel(), MailFixtures.address());
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        for (int i = 0; i < 5; i++) {
            mail.sendDue();
        }
        OutboxMail failed = mail.mail(m.id());
        assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).startsWith("3回失敗").contains("接続できません");
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithTheServersReply() throws IOException {
        smtp.stop();
        long orderId = fx.place(fx.channel(), MailFixtures.address());
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        AtomicReference<String> statusDuringCall = new AtomicReference<>();
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer(PORT, "550 5.1.1 <" + m.toAddress() + ">: User unknown")) {
            refusing.onMail = () -> statusDuringCall.set(jdbc.sql("select status from mail_outbox where id = :id")
                    .param("id", m.id()).query(String.class).single());
            mail.sendDue();
            assertThat(refusing.recipientsRefused.get()).isEqualTo(1);
        }
        // the claim was committed before the SMTP call
        assertThat(statusDuringCall.get()).isEqualTo("SENDING");
        OutboxMail failed = mail.mail(m.id());
        assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("550", "User unknown");
    }

    @Test
    void aTemporaryRefusalIsRetried() throws IOException {
        smtp.stop();
        String to = MailFixtures.address();
        long orderId = fx.place(fx.channel(), to);
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer(PORT, "451 4.3.0 Try again later")) {
            mail.sendDue();
        }
        OutboxMail pending = mail.mail(m.id());
        assertThat(pending.status()).isEqualTo(MailStatus.PENDING);
        assertThat(pending.lastError()).contains("451");
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        mail.sendDue();
        assertThat(mail.mail(m.id()).status()).isEqualTo(MailStatus.SENT);
        assertThat(to(to)).hasSize(1);
    }

    @Test
    void anInvalidAddressFailsAtOnce() {
        long orderId = fx.place(fx.channel(), "no-at-sign.example.jp");
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        mail.sendDue();
        OutboxMail failed = mail.mail(m.id());
        assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("宛先が正しくありません");
    }

    @Test
    void aMailLeftSendingByACrashBecomesUncertainAndIsNotResentByItself() {
        String to = MailFixtures.address();
        long orderId = fx.place(fx.channel(), to);
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        // what a process that died during the SMTP call leaves behind: claimed, lease run out
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        jdbc.sql("update mail_outbox set status = 'SENDING', attempts = 1, lease_until = :t, updated_at = :t where id = :id")
                .param("t", past).param("id", m.id()).update();

        mail.sendDue();
        mail.sendDue();
        OutboxMail uncertain = mail.mail(m.id());
        assertThat(uncertain.status()).isEqualTo(MailStatus.UNCERTAIN);
        assertThat(uncertain.lastError()).contains("自動では再送しません");
        assertThat(to(to)).isEmpty();

        // a person decides: send it again — once
        mail.resend(m.id());
        mail.sendDue();
        mail.sendDue();
        assertThat(mail.mail(m.id()).status()).isEqualTo(MailStatus.SENT);
        assertThat(to(to)).hasSize(1);
    }

    @Test
    void aPersonCanMarkAnUncertainMailSent() {
        String to = MailFixtures.address();
        long orderId = fx.place(fx.channel(), to);
        OutboxMail m = mail.outbox(null, orderId, 10).getFirst();
        jdbc.sql("update mail_outbox set status = 'SENDING', attempts = 1, lease_until = :t where id = :id")
                .param("t", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10)).param("id", m.id()).update();
        mail.sendDue();
        assertThat(mail.markSent(m.id(), "お客様に届いていることを確認").status()).isEqualTo(MailStatus.SENT);
        mail.sendDue();
        assertThat(to(to)).isEmpty();
        assertThat(mail.mail(m.id()).lastError()).contains("届いていることを確認");
    }

    private List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                for (var r : m.getRecipients(Message.RecipientType.TO)) {
                    if (r.toString().equals(address)) {
                        found.add(m);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }

    private static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? "" : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
