package dev.ichigen.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.FulfillmentSettings;
import dev.ichigen.fulfillment.FulfillmentSettingsStore;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.Charges;
import dev.ichigen.order.Customer;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderRule;
import dev.ichigen.order.OrderRules;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.RuleAction;
import dev.ichigen.order.RuleCondition;
import dev.ichigen.order.RuleDraft;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.Role;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * 納品書 and 出荷日報 over HTTP against the whole app (H2 and PostgreSQL): the PDF is fetched with a bearer token and its
 * text extracted back with PDFBox, so the assertions see what a printer would print.
 */
@IchigenIntegrationTest
class DocumentIntegrationTests {

    static final Charset CP932 = Charset.forName("windows-31j");
    /** 法人番号 example of the NTA leaflet (check digit 7, see RegistrationNumber). */
    static final String REGISTRATION = "T7123456789012";

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    Shipments shipments;

    @Autowired
    ShopProfiles profiles;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    ApiTokenManagement tokens;

    @Autowired
    OrderRules rules;

    @Autowired
    ShipmentGrouping grouping;

    @Autowired
    FulfillmentSettingsStore fulfillmentSettings;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    FulfillmentFixtures fx;
    Api api;
    long channel;

    @BeforeEach
    void setUp() {
        fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        api = Api.admin(port);
        channel = fx.channel();
        fulfillmentSettings.update(new FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都", "千代田区", "千代田1-1",
                null, "yamato", "takkyubin", "0123456789", null, "01", null));
        Api.Response put = api.put("/api/v1/shop-profile", Map.of("shopName", "いちげん商店", "postalCode", "100-0001",
                "address", "東京都千代田区千代田1-1", "phone", "03-1234-5678", "email", "shop@example.jp",
                "registrationNumber", REGISTRATION, "slipMessage", "またのご利用をお待ちしております。"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }

    /**
     * An order of 3 × ¥100 green tea at 8% (per line ⌊100×8/108⌋ = 7, ×3 = 21; per rate ⌊300×8/108⌋ = 22) and one
     * ¥1,100 cup at 10%, ¥550 shipping (10%: ⌊1,650×10/110⌋ = 150), 100 points, to 大阪府大阪市北区 {@code street}.
     */
    private Shipment shipmentOf(String customerName, String street) {
        Sku tea = fx.product("DOC-TEA", FulfillmentFixtures.jan(), "AMBIENT");
        Sku cup = fx.product("DOC-CUP", FulfillmentFixtures.jan(), "AMBIENT");
        NewOrder.Builder b = FulfillmentFixtures.order(channel, FulfillmentFixtures.phone(), street, tea, 1);
        NewOrder base = b.build();
        NewOrder order = NewOrder.builder(channel, base.channelOrderNumber()).orderedAt(base.orderedAt())
                .customer(new Customer(customerName, "ヨシダ タロウ", null, base.customer().phone()))
                .ordererAddress(base.ordererAddress())
                .line(NewOrderLine.ofSku(tea, "有機緑茶ティーバッグ", 3, 100, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(cup, "美濃焼の湯呑み", 1, 1100, TaxRate.STANDARD_10))
                .charges(new Charges(550, 0, 0, true)).pointsUsed(100).insertFlyer("秋の新茶カタログ")
                .payment(base.paymentMethod(), base.paymentStatus()).build();
        long id = intake.accept(order).orderId();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> shipments.ofOrder(id).stream().anyMatch(s -> s.status().open()));
        return shipments.ofOrder(id).stream().filter(s -> s.status().open()).findFirst().orElseThrow();
    }

    static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true); // reading order: left to right, top to bottom, as printed
            return stripper.getText(doc);
        }
    }

    @Test
    void theDeliverySlipCarriesTheJapaneseTextsTotalsAndTaxPerRate() throws IOException {
        // an order rule adds an insert flyer (同梱物) to this channel's orders: it is listed next to the channel's own
        OrderRule flyerRule = rules.create(new RuleDraft("doc-flyer-" + channel, true, false,
                RuleCondition.leaf("channel", "in", String.valueOf(channel)), List.of(RuleAction.flyer("初回購入特典のご案内"))));
        Shipment s;
        try {
            s = shipmentOf("佐藤 花子", "梅田1-2-3");
        } finally {
            rules.setEnabled(flyerRule.id(), false);
        }

        Api.Response r = api.get("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pdf");
        String text = text(r.bytes());
        assertThat(text).contains("納品書", "佐藤 花子", "大阪府", "大阪市北区", "梅田1-2-3", "有機緑茶ティーバッグ", "美濃焼の湯呑み",
                "いちげん商店", "東京都千代田区千代田1-1", "秋の新茶カタログ", "初回購入特典のご案内", "またのご利用をお待ちしております。",
                orders.get(s.orderIds().getFirst()).channelOrderNumber(), s.key());
        assertThat(text).contains("登録番号 " + REGISTRATION);
        assertThat(text).contains("※は軽減税率対象");
        // goods 300 + 1,100, shipping 550, total 1,950; 100 points → 1,850 to collect
        assertThat(text).contains("¥1,400", "¥550", "¥1,950", "-¥100", "¥1,850");
        // per rate, rounded once: 8% ¥300 → ¥22 (per line would give ¥21), 10% ¥1,650 → ¥150
        assertThat(text).containsPattern("8%対象 ※ ¥300\\s*\\(消費税 ¥22\\)");
        assertThat(text).containsPattern("10%対象 ¥1,650\\s*\\(消費税 ¥150\\)");
        assertThat(text).doesNotContain("〓");

        // the bare shipment number works too
        assertThat(api.get("/api/v1/shipments/" + s.id() + "/delivery-slip.pdf").status()).isEqualTo(200);
    }

    @Test
    void aMergedShipmentListsEveryOrderAndPricesAllItsLinesTogether() throws IOException {
        String phone = FulfillmentFixtures.phone();
        Sku tea = fx.product("DOC-MTEA", FulfillmentFixtures.jan(), "AMBIENT");
        Sku cup = fx.product("DOC-MCUP", FulfillmentFixtures.jan(), "AMBIENT");
        long a = take(bare(phone, "梅田8-1-1")
                .line(NewOrderLine.ofSku(tea, "有機緑茶ティーバッグ", 3, 100, TaxRate.REDUCED_8)).charges(new Charges(550, 0, 0, true)));
        long b = take(bare(phone, "梅田8-1-1")
                .line(NewOrderLine.ofSku(cup, "美濃焼の湯呑み", 1, 1100, TaxRate.STANDARD_10)));
        grouping.merge(List.of(a, b), false);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shipments.ofOrder(a).stream()
                .anyMatch(x -> x.status().open() && x.orderIds().size() == 2));
        Shipment s = shipments.ofOrder(a).stream().filter(x -> x.status().open() && x.orderIds().size() == 2).findFirst().orElseThrow();

        String text = text(api.get("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf").bytes());

        assertThat(text).contains(orders.get(a).channelOrderNumber(), orders.get(b).channelOrderNumber(), "有機緑茶ティーバッグ",
                "美濃焼の湯呑み", "¥1,950");
        assertThat(text).containsPattern("8%対象 ※ ¥300\\s*\\(消費税 ¥22\\)");
        assertThat(text).containsPattern("10%対象 ¥1,650\\s*\\(消費税 ¥150\\)");
    }

    @Test
    void aSplitOrderPrintsItsFeesWithItsFirstPartOnly() throws IOException {
        Sku tea = fx.product("DOC-STEA", FulfillmentFixtures.jan(), "AMBIENT");
        Sku cup = fx.product("DOC-SCUP", FulfillmentFixtures.jan(), "AMBIENT");
        long id = take(bare(FulfillmentFixtures.phone(), "梅田8-2-2")
                .line(NewOrderLine.ofSku(tea, "有機緑茶ティーバッグ", 3, 100, TaxRate.REDUCED_8))
                .line(NewOrderLine.ofSku(cup, "美濃焼の湯呑み", 1, 1100, TaxRate.STANDARD_10)).charges(new Charges(550, 0, 0, true)));
        int cupLine = orders.get(id).lines().stream().filter(l -> l.sku().equals(cup)).findFirst().orElseThrow().lineNo();
        grouping.splitLines(id, List.of(cupLine));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> shipments.ofOrder(id).stream().filter(x -> x.status().open()).count() == 2);
        List<Shipment> parts = shipments.ofOrder(id).stream().filter(x -> x.status().open())
                .sorted(java.util.Comparator.comparingInt(Shipment::part)).toList();

        String first = text(api.get("/api/v1/shipments/" + parts.get(0).key() + "/delivery-slip.pdf").bytes());
        String second = text(api.get("/api/v1/shipments/" + parts.get(1).key() + "/delivery-slip.pdf").bytes());

        // part 1: the tea and the shipping fee (10%: ¥550 → ¥50); part 2: the cup alone
        assertThat(first).contains("有機緑茶ティーバッグ", "送料 ¥550", "¥850").doesNotContain("美濃焼の湯呑み");
        assertThat(first).containsPattern("8%対象 ※ ¥300\\s*\\(消費税 ¥22\\)").containsPattern("10%対象 ¥550\\s*\\(消費税 ¥50\\)");
        assertThat(second).contains("美濃焼の湯呑み", "送料 ¥0", "別の出荷の納品書").doesNotContain("有機緑茶ティーバッグ");
        assertThat(second).containsPattern("10%対象 ¥1,100\\s*\\(消費税 ¥100\\)").doesNotContain("8%対象");
    }

    /** A card-paid order of 佐藤 花子 in Osaka without lines (the fixture's builder comes with one). */
    private NewOrder.Builder bare(String phone, String street) {
        NewOrder base = FulfillmentFixtures.order(channel, phone, street, Sku.of("UNUSED"), 1).build();
        return NewOrder.builder(channel, base.channelOrderNumber()).orderedAt(base.orderedAt()).customer(base.customer())
                .ordererAddress(base.ordererAddress()).payment(base.paymentMethod(), base.paymentStatus());
    }

    private long take(NewOrder.Builder b) {
        long id = intake.accept(b.build()).orderId();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        return id;
    }

    @Test
    void withoutARegistrationNumberTheQualifiedInvoiceItemsAreLeftOut() throws IOException {
        Shipment s = shipmentOf("佐藤 花子", "梅田2-2-2");
        ShopProfile p = profiles.get();
        profiles.update(new ShopProfile(p.shopName(), p.postalCode(), p.address(), p.phone(), p.email(), null, p.slipMessage(), false));
        try {
            String text = text(api.get("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf").bytes());
            assertThat(text).contains("納品書", "¥1,950").doesNotContain("登録番号").doesNotContain("消費税 ¥22");
        } finally {
            profiles.update(new ShopProfile(p.shopName(), p.postalCode(), p.address(), p.phone(), p.email(), REGISTRATION,
                    p.slipMessage(), false));
        }
    }

    @Test
    void aCharacterTheFontLacksIsPrintedAsGetaAndReported() throws IOException {
        // 𠮷 (U+20BB7, つちよし) is not in IPAex Gothic; 髙 (U+9AD9) is
        Shipment s = shipmentOf("\uD842\uDFB7田 髙子", "梅田3-3-3");

        Api.Response r = api.get("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf");

        assertThat(r.status()).isEqualTo(200);
        String text = text(r.bytes());
        assertThat(text).contains("〓田 髙子").doesNotContain("\uD842\uDFB7");
        assertThat(text).contains("印字できない文字を〓で表示しています: U+20BB7");
        HttpResponse<byte[]> raw = raw("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf");
        assertThat(raw.headers().firstValue("X-Unprintable-Characters")).hasValueSatisfying(h -> assertThat(h)
                .contains("U+20BB7 recipient.name").contains("U+20BB7 orderer.name"));
        // a slip without such characters has no header
        Shipment plain = shipmentOf("佐藤 花子", "梅田4-4-4");
        assertThat(raw("/api/v1/shipments/" + plain.key() + "/delivery-slip.pdf").headers().firstValue("X-Unprintable-Characters"))
                .isEmpty();
    }

    @Test
    void theDocumentsNeedATokenOfAnOperator() {
        Shipment s = shipmentOf("佐藤 花子", "梅田5-5-5");
        String path = "/api/v1/shipments/" + s.key() + "/delivery-slip.pdf";
        assertThat(api.withToken(null).get(path).status()).isEqualTo(401);
        assertThat(api.withToken(null).get("/api/v1/shipments/daily-summary.pdf").status()).isEqualTo(401);
        String warehouse = tokens.issue("doc-warehouse-" + System.nanoTime(), Role.WAREHOUSE).secret();
        assertThat(api.withToken(warehouse).get(path).status()).isEqualTo(403);
        assertThat(api.withToken(warehouse).get("/api/v1/shipments/daily-summary.pdf").status()).isEqualTo(403);
        assertThat(api.withToken(warehouse).put("/api/v1/shop-profile", Map.of("shopName", "x")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/shipments/S999999999/delivery-slip.pdf").status()).isEqualTo(404);
    }

    @Test
    void theEndpointsAreDescribedInTheOpenApiDocument() {
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var slip = docs.json().get("paths").get("/api/v1/shipments/{id}/delivery-slip.pdf");
        assertThat(slip).as("delivery slip path").isNotNull();
        assertThat(slip.get("get").get("summary").asString()).contains("納品書");
        assertThat(slip.get("get").get("description").asString()).contains("T + 13", "X-Unprintable-Characters", "never per line");
        assertThat(docs.json().get("paths").has("/api/v1/shipments/daily-summary.pdf")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/shop-profile")).isTrue();
    }

    @Test
    void theShopProfileRefusesAWrongRegistrationNumberAndAnImageThatIsNoPngOrJpeg() {
        Api.Response bad = api.put("/api/v1/shop-profile", Map.of("shopName", "いちげん商店", "registrationNumber", "T1123456789012"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("registrationNumber").contains("チェックデジット");
        assertThat(profiles.get().registrationNumber()).isEqualTo(REGISTRATION);
        // full-width input is folded
        Api.Response wide = api.put("/api/v1/shop-profile", Map.of("shopName", "いちげん商店", "registrationNumber", "Ｔ７１２３４５６７８９０１２"));
        assertThat(wide.json().get("registrationNumber").asString()).isEqualTo(REGISTRATION);

        Api.Response gif = api.send(api.builder("/api/v1/shop-profile/logo").header("Content-Type", MULTIPART)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart("logo.png", "GIF89a....".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(gif.status()).isEqualTo(422);
        assertThat(gif.text()).contains("PNG");
    }

    @Test
    void theLogoIsStoredAndPrinted() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        Api.Response up = api.send(api.builder("/api/v1/shop-profile/logo").header("Content-Type", MULTIPART)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart("logo.png", png.toByteArray()))));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        assertThat(up.json().get("hasLogo").asBoolean()).isTrue();
        Shipment s = shipmentOf("佐藤 花子", "梅田6-6-6");
        try (PDDocument doc = Loader.loadPDF(api.get("/api/v1/shipments/" + s.key() + "/delivery-slip.pdf").bytes())) {
            long images = 0;
            for (var name : doc.getPage(0).getResources().getXObjectNames()) {
                if (doc.getPage(0).getResources().isImageXObject(name)) {
                    images++;
                }
            }
            assertThat(images).as("logo and barcode").isGreaterThanOrEqualTo(2);
        }
        assertThat(api.delete("/api/v1/shop-profile/logo").json().get("hasLogo").asBoolean()).isFalse();
    }

    @Test
    void theDailySummaryListsTheDaysShipmentsPerCarrierWithTrackingNumbers() throws IOException {
        Shipment s = shipmentOf("佐藤 花子", "梅田7-7-7");
        s.lines().forEach(l -> {
            for (int i = 0; i < l.quantity(); i++) {
                shipments.scan(s.key(), l.jan());
            }
        });
        String tracking = FulfillmentFixtures.trackingRandom();
        attachTracking(s.key(), tracking);
        assertThat(api.post("/api/v1/shipments/" + s.key() + "/ship", Map.of()).status()).isEqualTo(200);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));

        Api.Response r = api.get("/api/v1/shipments/daily-summary.pdf?date=" + today);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String text = text(r.bytes());
        assertThat(text).contains("出荷日報", "ヤマト運輸", s.key(), tracking, "佐藤 花子", "大阪府");
        // another day has none of it; a malformed date is named
        assertThat(text(api.get("/api/v1/shipments/daily-summary.pdf?date=" + today.minusDays(400)).bytes()))
                .contains("この日に出荷確定した出荷はありません").doesNotContain(s.key());
        Api.Response bad = api.get("/api/v1/shipments/daily-summary.pdf?date=2025-13-01");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("date");
    }

    /** The tracking number through the ヤマト B2 issued-data import, as the carrier's software gives it back. */
    private void attachTracking(String key, String number) {
        Api.Response file = api.post("/api/v1/shipment-labels/yamato-b2?status=PACKED", Map.of());
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        String header = new String(file.bytes(), CP932).split("\r\n")[0];
        String[] cells = new String[95];
        Arrays.fill(cells, "");
        cells[0] = key;
        cells[3] = number;
        String issued = header + "\r\n" + String.join(",", cells) + "\r\n";
        Api.Response imported = api.send(api.builder("/api/v1/shipment-tracking/yamato-b2").header("Content-Type", MULTIPART)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart("issued.csv", issued.getBytes(CP932)))));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(shipments.get(key).tracking()).extracting(Shipment.Tracking::trackingNumber).contains(number);
    }

    private HttpResponse<byte[]> raw(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(api.builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String BOUNDARY = "ichigen-doc-boundary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    static byte[] multipart(String fileName, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

}
