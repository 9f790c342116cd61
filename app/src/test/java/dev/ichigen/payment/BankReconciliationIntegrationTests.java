package dev.ichigen.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderHistoryEntry;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
public class BankReconciliationIntegrationTests {

    static final String FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";
    static final String HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    AuditLog audit;

    Api api;
    long channel;
    String sku;

    @BeforeEach
    void setUp() {
        api = Api.admin(port);
        SalesFixtures fixtures = new SalesFixtures(jdbc);
        channel = fixtures.channel();
        sku = fixtures.product("BANK");
    }

    /** Six random full-width katakana: a name no other test's order has. */
    public static String randomKana() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append(FULL.charAt(ThreadLocalRandom.current().nextInt(FULL.length())));
        }
        return b.toString();
    }

    /** Full-width katakana (of {@link #FULL}) as banks print them: half-width. */
    public static String halfWidth(String kana) {
        StringBuilder b = new StringBuilder();
        for (char c : kana.toCharArray()) {
            int i = FULL.indexOf(c);
            b.append(i < 0 ? c : HALF.charAt(i));
        }
        return b.toString();
    }

    /** An amount no other test's open order is likely to have. */
    public static long randomAmount() {
        return 10_000 + ThreadLocalRandom.current().nextLong(89_000); // below the AMOUNT_OVER_THRESHOLD check
    }

    /** A bank-transfer order of one line at {@code amount} (tax included, no fees) for {@code kana}. */
    public static Order bankTransferOrder(OrderIntake intake, OrderManagement orders, long channel, String sku, String number,
            String kana, long amount) {
        String digits = String.format("%08d", Math.floorMod(number.hashCode(), 100_000_000));
        NewOrder order = NewOrder.builder(channel, number)
                .orderedAt(Instant.parse("2025-06-01T01:00:00Z"))
                .customer(new Customer("試験 太郎", kana, number.toLowerCase() + "@example.jp",
                        "080-" + digits.substring(0, 4) + "-" + digits.substring(4)))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .line(NewOrderLine.ofSku(Sku.of(sku), "テスト商品", 1, amount, TaxRate.STANDARD_10))
                .payment(PaymentMethod.BANK_TRANSFER, null).build();
        long id = intake.accept(order).orderId();
        return orders.get(id);
    }

    Order order(String kana, long amount) {
        return bankTransferOrder(intake, orders, channel, sku, SalesFixtures.unique("BT"), kana, amount);
    }

    Api.Response upload(String csv, String account) {
        return api.postBytes("/api/v1/bank-statements?account=" + account, SalesFixtures.MULTIPART,
                SalesFixtures.multipartFile("statement.csv", csv.replace("\n", "\r\n").getBytes(CsvEncoding.WINDOWS_31J)));
    }

    JsonNode line(long orderId, String state) {
        for (JsonNode l : api.get("/api/v1/bank-statement-lines?state=" + state).json()) {
            for (JsonNode c : l.get("candidates")) {
                if (c.get("orderId").asLong() == orderId) {
                    return l;
                }
            }
            if (l.get("orderId") != null && !l.get("orderId").isNull() && l.get("orderId").asLong() == orderId) {
                return l;
            }
        }
        return null;
    }

    @Test
    void confidentMatchesConfirmThePaymentAndLiftTheHoldAndNothingIsConfirmedTwice() {
        String kanaA = randomKana();
        long amountA = randomAmount();
        Order a = order("ショウ " + kanaA, amountA);
        assertThat(a.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(a.openHolds()).extracting(h -> h.code()).contains(HoldReason.PAYMENT_PENDING);
        // B: the payer is someone else, but the order number is in the transfer name
        long amountB = randomAmount();
        Order b = order(randomKana(), amountB);
        // C: a company (ｶ) prefix) paying for the orderer's company name
        String kanaC = randomKana();
        long amountC = randomAmount();
        Order c = order(kanaC, amountC);
        String account = SalesFixtures.unique("acct");
        String statement = """
                日付,摘要,入金額,出金額,振込依頼人名
                2025/06/02,振込,%s,,ｼﾖｳ %s
                2025/06/02,振込,"%,d",,ﾍﾞﾂﾒｲ %s
                2025/06/03,振込,%d,,ｶ)%s
                2025/06/03,カード引落,,5000,ｶｰﾄﾞｶﾞｲｼﾔ
                """.formatted(amountA, halfWidth(kanaA), amountB, b.channelOrderNumber(), amountC, halfWidth(kanaC));
        Api.Response r = upload(statement, account);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode summary = r.json();
        assertThat(summary.get("encoding").asString()).isEqualTo("Shift_JIS (CP932)");
        assertThat(summary.get("credits").asInt()).isEqualTo(3);
        assertThat(summary.get("debits").asInt()).isEqualTo(1);
        assertThat(summary.get("matched").asInt()).isEqualTo(3);
        assertThat(summary.get("known").asInt()).isZero();

        for (Order o : List.of(a, b, c)) {
            Order paid = orders.get(o.id());
            assertThat(paid.paymentStatus()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.status()).isNotEqualTo(OrderStatus.AWAITING_PAYMENT);
            assertThat(paid.openHolds()).extracting(h -> h.code()).doesNotContain(HoldReason.PAYMENT_PENDING);
            List<OrderHistoryEntry> history = orders.history(o.id());
            assertThat(history).anySatisfy(h -> assertThat(h.note()).contains("入金消込（自動）", "入金明細 #"));
        }
        assertThat(line(a.id(), "MATCHED").get("matchedBy").asString()).isEqualTo("AUTO");

        // the same statement again, and an overlapping one with one new line: nothing is confirmed twice
        Api.Response again = upload(statement, account);
        assertThat(again.json().get("known").asInt()).isEqualTo(3);
        assertThat(again.json().get("matched").asInt()).isZero();
        String kanaD = randomKana();
        long amountD = randomAmount();
        Order d = order(kanaD, amountD);
        String overlapping = statement.lines().skip(2).reduce("日付,摘要,入金額,出金額,振込依頼人名\n", (x, y) -> x + y + "\n")
                + "2025/06/04,振込,%d,,%s\n".formatted(amountD, halfWidth(kanaD));
        Api.Response third = upload(overlapping, account);
        assertThat(third.status()).as(third.text()).isEqualTo(200);
        assertThat(third.json().get("known").asInt()).isEqualTo(2);
        assertThat(third.json().get("matched").asInt()).isEqualTo(1);
        assertThat(orders.get(d.id()).paymentStatus()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void unclearCreditsWaitForAPersonWhoConfirmsOrDismisses() {
        long amountName = randomAmount();
        Order nameDiffers = order(randomKana(), amountName);
        String kanaAmt = randomKana();
        long amountAmt = randomAmount();
        Order amountDiffers = order(kanaAmt, amountAmt);
        String kanaTwice = randomKana();
        long amountTwice = randomAmount();
        Order twice1 = order(kanaTwice, amountTwice);
        Order twice2 = order(kanaTwice, amountTwice);
        String stranger = randomKana();
        long strangerAmount = randomAmount();
        String account = SalesFixtures.unique("acct");
        String statement = """
                日付,入金額,振込依頼人名
                2025/06/05,%d,%s
                2025/06/05,%d,%s
                2025/06/05,%d,%s
                2025/06/05,%d,%s
                """.formatted(amountName, halfWidth(randomKana()), amountAmt - 100, halfWidth(kanaAmt), amountTwice,
                halfWidth(kanaTwice), strangerAmount, halfWidth(stranger));
        Api.Response r = upload(statement, account);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("matched").asInt()).isZero();
        assertThat(r.json().get("review").asInt()).isEqualTo(3);
        assertThat(r.json().get("unmatched").asInt()).isEqualTo(1);

        JsonNode lineName = line(nameDiffers.id(), "REVIEW");
        assertThat(lineName.get("reason").asString()).isEqualTo("NAME_DIFFERS");
        JsonNode lineAmount = line(amountDiffers.id(), "REVIEW");
        assertThat(lineAmount.get("reason").asString()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(lineAmount.get("candidates").get(0).get("difference").asLong()).isEqualTo(-100);
        JsonNode lineTwice = line(twice1.id(), "REVIEW");
        assertThat(lineTwice.get("reason").asString()).isEqualTo("SEVERAL_CANDIDATES");
        assertThat(lineTwice.get("candidates").findValuesAsString("orderId"))
                .containsExactly(String.valueOf(twice1.id()), String.valueOf(twice2.id()));
        JsonNode unmatched = null;
        for (JsonNode l : api.get("/api/v1/bank-statement-lines?state=UNMATCHED").json()) {
            if (l.get("account").asString().equals(account)) {
                unmatched = l;
            }
        }
        assertThat(unmatched).isNotNull();
        assertThat(orders.get(amountDiffers.id()).paymentStatus()).isEqualTo(PaymentStatus.PENDING);

        // a person confirms the under-payment with a note
        long lineId = lineAmount.get("id").asLong();
        Api.Response matched = api.post("/api/v1/bank-statement-lines/" + lineId + "/match",
                Map.of("orderId", amountDiffers.id(), "note", "振込手数料差引のため了承"));
        assertThat(matched.status()).as(matched.text()).isEqualTo(200);
        assertThat(matched.json().get("state").asString()).isEqualTo("MATCHED");
        assertThat(matched.json().get("matchedBy").asString()).isEqualTo("PERSON");
        Order paid = orders.get(amountDiffers.id());
        assertThat(paid.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(paid.openHolds()).extracting(h -> h.code()).doesNotContain(HoldReason.PAYMENT_PENDING);
        assertThat(orders.history(amountDiffers.id())).anySatisfy(h -> assertThat(h.note())
                .contains("入金消込（担当者", "差額 -100円", "振込手数料差引のため了承"));
        assertThat(audit.search("bank_statement_line", String.valueOf(lineId), null, 0, 5).items())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("payment.reconciliation.match"));
        // not twice, and not to an order that is not waiting for payment
        assertThat(api.post("/api/v1/bank-statement-lines/" + lineId + "/match", Map.of("orderId", amountDiffers.id())).status())
                .isEqualTo(409);
        long twiceLine = lineTwice.get("id").asLong();
        assertThat(api.post("/api/v1/bank-statement-lines/" + twiceLine + "/match", Map.of("orderId", amountDiffers.id()))
                .status()).isEqualTo(409);
        assertThat(api.post("/api/v1/bank-statement-lines/" + twiceLine + "/match", Map.of("note", "x")).status())
                .isEqualTo(422);

        // the stranger's credit is not an order payment
        long strangerLine = unmatched.get("id").asLong();
        Api.Response dismissed = api.post("/api/v1/bank-statement-lines/" + strangerLine + "/dismiss", Map.of("note", "返金の戻り"));
        assertThat(dismissed.status()).as(dismissed.text()).isEqualTo(200);
        assertThat(dismissed.json().get("state").asString()).isEqualTo("DISMISSED");
        assertThat(audit.search("bank_statement_line", String.valueOf(strangerLine), null, 0, 5).items())
                .anySatisfy(e -> assertThat(e.summary()).contains("返金の戻り"));
        assertThat(api.post("/api/v1/bank-statement-lines/" + strangerLine + "/dismiss", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aStatementWithoutTheNeededColumnsIsRefusedAndNamedColumnsAreRead() {
        Api.Response refused = upload("年,お金,誰\n2025/06/01,100,ﾀﾞﾚｶ\n", SalesFixtures.unique("acct"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("日付の列が見つかりません");
        String kana = randomKana();
        long amount = randomAmount();
        Order o = order(kana, amount);
        String csv = "年,お金,誰\n2025/06/01,%d,%s\n".formatted(amount, halfWidth(kana));
        Api.Response r = api.postBytes("/api/v1/bank-statements?account=" + SalesFixtures.unique("acct")
                + "&dateColumn=%E5%B9%B4&creditColumn=%E3%81%8A%E9%87%91&payerColumn=%E8%AA%B0", SalesFixtures.MULTIPART,
                SalesFixtures.multipartFile("s.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("matched").asInt()).isEqualTo(1);
        assertThat(orders.get(o.id()).paymentStatus()).isEqualTo(PaymentStatus.PAID);
    }
}
