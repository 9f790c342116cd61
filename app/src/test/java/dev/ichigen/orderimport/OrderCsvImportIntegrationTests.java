package dev.ichigen.orderimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
public class OrderCsvImportIntegrationTests {

    /** The generic layout's header, in field order. */
    static final String HEADER = Arrays.stream(OrderImportField.values()).map(OrderImportField::header)
            .collect(Collectors.joining(","));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderManagement orders;

    @Autowired
    AuditLog audit;

    Api api;
    SalesFixtures fixtures;
    long channel;
    String sku;

    @BeforeEach
    void setUp() {
        api = Api.admin(port);
        fixtures = new SalesFixtures(jdbc);
        channel = fixtures.channel();
        sku = fixtures.product("CSVORD");
    }

    /** A row of the generic layout: values by header, the rest empty. */
    public static String row(Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (OrderImportField f : OrderImportField.values()) {
            String v = values.getOrDefault(f.header(), "");
            cells.add(v.contains(",") ? "\"" + v + "\"" : v);
        }
        return String.join(",", cells);
    }

    /** A plausible order row: Tokyo address, unique phone and e-mail per order number. */
    public static Map<String, String> orderRow(String number, String sku, String quantity, String payment) {
        Map<String, String> m = new HashMap<>();
        String digits = String.format("%08d", Math.floorMod(number.hashCode(), 100_000_000));
        m.put("注文番号", number);
        m.put("注文日時", "2025/06/01 10:15");
        m.put("注文者名", "山田 太郎");
        m.put("注文者名カナ", "ヤマダ タロウ");
        m.put("注文者メールアドレス", number.toLowerCase() + "@example.jp");
        m.put("注文者電話番号", "090-" + digits.substring(0, 4) + "-" + digits.substring(4));
        m.put("注文者郵便番号", "100-0001");
        m.put("注文者都道府県", "東京都");
        m.put("注文者市区町村", "千代田区");
        m.put("注文者住所", "千代田1-1");
        m.put("支払方法", payment);
        m.put("送料", "500");
        m.put("商品コード(SKU)", sku);
        m.put("商品名", "テスト商品");
        m.put("数量", quantity);
        m.put("単価", "1,000");
        m.put("税率", "10%");
        return m;
    }

    static Map<String, String> with(Map<String, String> row, String header, String value) {
        Map<String, String> m = new HashMap<>(row);
        m.put(header, value);
        return m;
    }

    public static String file(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    static byte[] utf8Bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    long genericSource(String name) {
        JsonNode preset = api.get("/api/v1/order-import-sources/presets").json().get(0);
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("channelId", channel);
        body.put("encoding", "AUTO");
        body.put("headerRow", true);
        body.put("columns", preset.get("columns"));
        Api.Response r = api.post("/api/v1/order-import-sources", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    Api.Response upload(long source, byte[] bytes, boolean validOnly) {
        return api.postBytes("/api/v1/order-imports?source=" + source + "&validOnly=" + validOnly, SalesFixtures.MULTIPART,
                SalesFixtures.multipartFile("orders.csv", bytes));
    }

    @Test
    void importsCp932AndUtf8FilesAndTheSameFileAgainIsUnchanged() {
        long source = genericSource(SalesFixtures.unique("汎用"));
        String a = SalesFixtures.unique("A"), b = SalesFixtures.unique("B"), c = SalesFixtures.unique("C");
        // order A: two lines (rows), bank transfer written as 銀行振込; order B: 代金引換 with COD fee, 髙 (CP932 only)
        Map<String, String> a1 = orderRow(a, sku, "2", "銀行振込");
        Map<String, String> a2 = with(with(orderRow(a, sku, "1", "銀行振込"), "単価", "500"), "注文者名", "");
        Map<String, String> b1 = with(with(with(orderRow(b, sku, "1", "代金引換"), "代引手数料", "330"), "注文者名", "髙橋 花子"),
                "お届け時間帯", "14時～16時");
        byte[] cp932 = file(row(a1), row(a2), row(b1)).getBytes(CsvEncoding.WINDOWS_31J);

        Api.Response r = upload(source, cp932, false);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(report.get("encoding").asString()).isEqualTo("Shift_JIS (CP932)");
        assertThat(report.get("rows").asInt()).isEqualTo(3);
        assertThat(report.get("orders").asInt()).isEqualTo(2);
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("errors")).isEmpty();

        Order orderA = orders.find(channel, a).orElseThrow();
        assertThat(orderA.lines()).hasSize(2);
        assertThat(orderA.lines()).extracting(l -> l.quantity()).containsExactly(2L, 1L);
        assertThat(orderA.paymentMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(orderA.paymentStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(orderA.customer().name()).isEqualTo("山田 太郎");
        assertThat(orderA.totals().amountToCollect()).isEqualTo(2000 + 500 + 500);
        assertThat(orderA.orderedAt()).isEqualTo(java.time.Instant.parse("2025-06-01T01:15:00Z"));
        Order orderB = orders.find(channel, b).orElseThrow();
        assertThat(orderB.paymentMethod()).isEqualTo(PaymentMethod.COD);
        assertThat(orderB.customer().name()).isEqualTo("髙橋 花子");
        assertThat(orderB.delivery().timeSlot()).isEqualTo("14-16");
        assertThat(orderB.lines().getFirst().taxRate()).isEqualTo(TaxRate.STANDARD_10);
        // 代引き: the amount to collect includes the COD fee (docs/ORDERS.md)
        assertThat(orderB.totals().codFee()).isEqualTo(330);
        assertThat(orderB.totals().amountToCollect()).isEqualTo(1000 + 500 + 330);

        // the same file again: nothing changes
        Api.Response again = upload(source, cp932, false);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);

        // UTF-8 with BOM: a new order, and order A with a changed quantity (updated)
        byte[] utf8 = utf8Bom(file(row(with(a1, "数量", "3")), row(a2), row(orderRow(c, sku, "1", "クレジットカード"))));
        Api.Response r2 = upload(source, utf8, false);
        assertThat(r2.status()).as(r2.text()).isEqualTo(200);
        assertThat(r2.json().get("encoding").asString()).isEqualTo("UTF-8 (BOM付き)");
        assertThat(r2.json().get("created").asInt()).isEqualTo(1);
        assertThat(r2.json().get("updated").asInt()).isEqualTo(1);
        assertThat(orders.find(channel, a).orElseThrow().lines().getFirst().quantity()).isEqualTo(3);
        assertThat(orders.find(channel, c).orElseThrow().paymentMethod()).isEqualTo(PaymentMethod.CARD);
    }

    @Test
    void reportsEveryProblemByRowAndColumnAndTakesNothingInUnlessValidOnly() {
        long source = genericSource(SalesFixtures.unique("エラー"));
        String good = SalesFixtures.unique("OK"), badQty = SalesFixtures.unique("QTY"), split = SalesFixtures.unique("DIFF"),
                noPay = SalesFixtures.unique("PAY");
        String csv = file(
                row(orderRow(good, sku, "1", "銀行振込")),                                    // line 2
                row(orderRow(badQty, sku, "abc", "銀行振込")),                                // line 3: not a number
                row(orderRow(split, sku, "1", "銀行振込")),                                   // line 4
                row(with(orderRow(split, sku, "1", "銀行振込"), "注文日時", "2025/06/02 09:00")), // line 5: differs from line 4
                row(with(orderRow(noPay, sku, "0", ""), "支払方法", "")));                      // line 6: no payment, quantity 0
        byte[] bytes = csv.getBytes(CsvEncoding.WINDOWS_31J);

        Api.Response rejected = upload(source, bytes, false);
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(422);
        JsonNode report = rejected.json();
        assertThat(report.get("status").asString()).isEqualTo("REJECTED");
        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("orders").asInt()).isEqualTo(4);
        assertThat(report.get("refused").asInt()).isEqualTo(3);
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.get("line").asLong() + "|" + e.get("column").asString() + "|"
                + e.get("field").asString() + "|" + e.get("message").asString()));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("3|数量|quantity|整数で"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("5|注文日時|orderedAt|同じ注文の最初の行（4 行目）と値が違います"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("6|支払方法|paymentMethod|支払い方法を指定"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("6|数量|quantity|数量は1〜"));
        assertThat(orders.find(channel, good)).isEmpty();

        // the error report as CSV for Excel (CP932)
        long runId = report.get("runId").asLong();
        Api.Response csvErrors = api.get("/api/v1/order-imports/" + runId + "/errors");
        assertThat(csvErrors.status()).isEqualTo(200);
        String text = new String(csvErrors.bytes(), CsvEncoding.WINDOWS_31J);
        assertThat(text).startsWith("行,注文番号,列,項目,値,内容\r\n");
        assertThat(text).contains("3," + badQty + ",数量,quantity,abc,整数で入力してください");

        Api.Response partial = upload(source, bytes, true);
        assertThat(partial.status()).as(partial.text()).isEqualTo(200);
        assertThat(partial.json().get("status").asString()).isEqualTo("IMPORTED_VALID_ORDERS");
        assertThat(partial.json().get("created").asInt()).isEqualTo(1);
        assertThat(partial.json().get("refused").asInt()).isEqualTo(3);
        assertThat(orders.find(channel, good)).isPresent();
        assertThat(orders.find(channel, split)).isEmpty();
        assertThat(orders.find(channel, badQty)).isEmpty();
    }

    @Test
    void headerlessFilesAreReadByColumnNumberWithFixedValuesAndValueMaps() {
        Map<String, Object> body = new HashMap<>();
        String name = SalesFixtures.unique("列番号");
        body.put("name", name);
        body.put("channelId", channel);
        body.put("encoding", "UTF8");
        body.put("headerRow", false);
        body.put("columns", List.of(
                Map.of("field", "orderNumber", "index", 1),
                Map.of("field", "orderedAt", "index", 2),
                Map.of("field", "customerName", "index", 3),
                Map.of("field", "ordererPostalCode", "fixedValue", "100-0001"),
                Map.of("field", "ordererPrefecture", "fixedValue", "東京都"),
                Map.of("field", "ordererCity", "fixedValue", "千代田区"),
                Map.of("field", "ordererStreet", "fixedValue", "千代田1-1"),
                Map.of("field", "paymentMethod", "index", 4, "values", Map.of("フリコミ", "BANK_TRANSFER", "ダイビキ", "COD")),
                Map.of("field", "sku", "index", 5),
                Map.of("field", "quantity", "index", 6),
                Map.of("field", "unitPrice", "index", 7),
                Map.of("field", "taxRate", "fixedValue", "8")));
        Api.Response created = api.post("/api/v1/order-import-sources", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long source = created.json().get("id").asLong();
        String number = SalesFixtures.unique("H");
        String csv = number + ",2025-06-03 08:00," + "佐藤 一郎,ﾌﾘｺﾐ," + sku + ",２,¥540\r\n";
        Api.Response r = upload(source, csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("encoding").asString()).isEqualTo("UTF-8");
        Order order = orders.find(channel, number).orElseThrow();
        assertThat(order.paymentMethod()).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(order.lines().getFirst().quantity()).isEqualTo(2);
        assertThat(order.lines().getFirst().unitPrice()).isEqualTo(540);
        assertThat(order.lines().getFirst().taxRate()).isEqualTo(TaxRate.REDUCED_8);
        assertThat(order.ordererAddress().prefecture()).isEqualTo("東京都");
    }

    @Test
    void sourcesAreCreatedChangedListedAndDeletedWithValidation() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", "");
        bad.put("channelId", 987654321L);
        bad.put("headerRow", false);
        bad.put("columns", List.of(Map.of("field", "nosuchfield", "column", "x"),
                Map.of("field", "quantity", "column", "数量")));
        Api.Response r = api.post("/api/v1/order-import-sources", bad);
        assertThat(r.status()).isEqualTo(422);
        String problem = r.text();
        assertThat(problem).contains("\"name\"", "\"channelId\"", "columns[0].field", "columns[1].column", "注文番号の列を指定してください",
                "商品コード(SKU)か商品管理番号の列を指定してください");

        String name = SalesFixtures.unique("CRUD");
        long id = genericSource(name);
        Api.Response dup = api.post("/api/v1/order-import-sources", Map.of("name", name, "channelId", channel,
                "columns", List.of(Map.of("field", "orderNumber", "column", "注文番号"), Map.of("field", "sku", "column", "SKU"),
                        Map.of("field", "quantity", "column", "数量"))));
        assertThat(dup.status()).isEqualTo(422);
        assertThat(dup.text()).contains("すでにあります");

        Api.Response updated = api.put("/api/v1/order-import-sources/" + id, Map.of("name", name + "-2", "channelId", channel,
                "encoding", "CP932", "columns", List.of(Map.of("field", "orderNumber", "column", "受注番号"),
                        Map.of("field", "itemCode", "column", "商品番号"), Map.of("field", "quantity", "column", "個数"))));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("encoding").asString()).isEqualTo("CP932");
        assertThat(updated.json().get("columns")).hasSize(3);
        assertThat(api.get("/api/v1/order-import-sources").json().findValuesAsString("name")).contains(name + "-2");
        assertThat(audit.search("order_import_source", String.valueOf(id), null, 0, 10).items()).hasSizeGreaterThanOrEqualTo(2);

        // a file without the mapped columns cannot be read
        Api.Response unreadable = upload(id, file(row(orderRow("X", sku, "1", "銀行振込"))).getBytes(CsvEncoding.WINDOWS_31J), false);
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().get("status").asString()).isEqualTo("UNREADABLE");
        assertThat(unreadable.text()).contains("受注番号", "商品番号", "個数");

        assertThat(api.delete("/api/v1/order-import-sources/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/order-import-sources/" + id).status()).isEqualTo(404);
    }
}
