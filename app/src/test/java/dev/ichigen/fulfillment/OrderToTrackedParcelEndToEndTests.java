package dev.ichigen.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.SandboxOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.notification.CustomerMail;
import dev.ichigen.notification.MailSettings;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end proof of issue 5 (倉庫・出荷): one order placed on a Shopify sandbox store (a real loopback HTTP
 * server speaking Shopify's shapes) goes all the way to a tracked parcel the store and the customer know about:
 * <ol>
 * <li>the store sends the signed {@code orders/create} webhook → order intake → allocation (引当) to EAST;</li>
 * <li>出荷指示 made automatically (the order is 出荷待ち);</li>
 * <li>the warehouse module's pick plan assigns location and lot (FEFO: the earlier-expiring lot, although it lies
 * further along the walk);</li>
 * <li>出荷検品: a wrong JAN is refused (409 誤品), the right scans complete it (PACKED);</li>
 * <li>送り状データ for ヤマト B2クラウド over the integrator contract {@code GET /api/v1/shipments/label-data};</li>
 * <li>the carrier's issued data imported back with a tracking number with a valid check digit
 * ({@code POST /api/v1/shipments/tracking-import});</li>
 * <li>出荷確定 → the channel write-back reaches the store: the sandbox shows the order fulfilled with the number;</li>
 * <li>the 発送完了 mail arrives at a real SMTP server (GreenMail) with the tracking number and URL.</li>
 * </ol>
 * Every step is the real HTTP API where one exists. Setup (the channel, its listing mapping, the product row, the
 * shop's sender settings) uses the modules directly. The mail sender is a db-scheduler task, disabled in tests by
 * {@link IchigenIntegrationTest}: the test runs its pass ({@link CustomerMail#sendDue()}) as the mail tests do.
 */
@IchigenIntegrationTest
class OrderToTrackedParcelEndToEndTests {

    static final int SMTP_PORT = freePort();
    static final Charset CP932 = Charset.forName("windows-31j");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    static ShopifySandbox shop;
    static GreenMail smtp;

    @LocalServerPort
    int port;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelListings listings;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    OrderManagement orders;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    FulfillmentSettingsStore fulfillmentSettings;

    @Autowired
    CustomerMail mail;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // The sandbox draws each order's buyer, payment and wishes from its seeded generator. Take a seed whose first
        // order is a plain card order (no gift wrap, remarks, coupon or points), so no hold stands in the way of
        // shipping; which seed that is follows from the generator itself, not from a guess.
        long seed = cardOrderSeed();
        shop = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), seed, "e2e-" + seed + ".myshopify.com",
                "shpat_e2e_" + UUID.randomUUID(), "secret-e2e-" + UUID.randomUUID(), 7007L).start();
    }

    @AfterAll
    static void stop() {
        shop.stop();
        smtp.stop();
    }

    @Test
    void aSandboxOrderIsPickedPackedLabelledTrackedShippedWrittenBackAndMailed() throws Exception {
        Api api = Api.admin(port);
        new FulfillmentFixtures(jdbc, warehouses, inventory); // EAST / WEST
        fulfillmentSettings.update(new FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都", "千代田区",
                "千代田1-1", null, "yamato", "takkyubin", "0123456789", null, "01", null));
        mail.updateSettings(new MailSettings("shop@ichigen.example", "いちげん商店", 7));

        // a lot-managed product with a JAN, received (入荷, REST) into two shelves: the lot expiring later lies first on
        // the walk, the one expiring sooner further along — FEFO must still take the sooner one
        String jan = FulfillmentFixtures.jan();
        String wrongJan = FulfillmentFixtures.jan();
        Sku sku = product(jan, true);
        Sku other = product(wrongJan, false);
        String first = location(10);
        String second = location(20);
        Api.Response receipt = api.post("/api/v1/receipts", Map.of("receiptKey", FulfillmentFixtures.unique("R"),
                "warehouse", "EAST", "lines", List.of(
                        lot(sku, 5, "LATE", TODAY.plusDays(200), first),
                        lot(sku, 5, "SOON", TODAY.plusDays(60), second),
                        Map.of("sku", other.value(), "countedQuantity", 3, "location", first))));
        assertThat(receipt.status()).as(receipt.text()).isEqualTo(201);

        // the store lists it with what we publish, mapped to our SKU; orders come to our webhook
        SalesChannel channel = channels.register(new NewChannel(Platform.SHOPIFY, "shopify-e2e-" + UUID.randomUUID().toString().substring(0, 8),
                "Shopify E2E", shop.credentials()));
        shop.webhookUrl("http://127.0.0.1:" + port + "/api/v1/webhooks/shopify/" + channel.id());
        shop.seed(List.of(SandboxListing.of(sku.value(), "", "E2E 商品 " + sku, 1100, 10)));
        listings.map(channel.id(), sku.value(), "", sku, String.valueOf(shop.listing(sku.value(), "").orElseThrow().inventoryItemId()));
        publishable.refreshChannel(channel.id(), true);

        // 1. the customer orders 2 on the store → webhook → intake → allocated
        SandboxOrder placed = shop.placeOrder(List.of(new Pick(sku.value(), 2)));
        assertThat(placed).isNotNull();
        await(() -> orders.find(channel.id(), placed.id()).isPresent(), "the order taken in by webhook");
        Order order = orders.find(channel.id(), placed.id()).orElseThrow();
        assertThat(order.paymentMethod()).isEqualTo(PaymentMethod.CARD);
        JsonNode orderJson = api.get("/api/v1/orders/" + order.id()).json();
        assertThat(orderJson.toString()).contains("ALLOCATED");

        // 2. 出荷指示: made automatically once the order is 出荷待ち
        await(() -> api.get("/api/v1/orders/" + order.id() + "/shipments").json().size() == 1, "出荷指示");
        JsonNode shipment = api.get("/api/v1/orders/" + order.id() + "/shipments").json().get(0);
        String key = shipment.get("key").asString();
        assertThat(shipment.get("status").asString()).isEqualTo("INSTRUCTED");
        assertThat(shipment.get("warehouse").asString()).isEqualTo("EAST");

        // 3. pick plan: location and lot assigned, FEFO
        JsonNode plan = api.get("/api/v1/shipments/" + key + "/picks").json();
        assertThat(plan.get("complete").asBoolean()).as(plan.toString()).isTrue();
        JsonNode pick = plan.get("lines").get(0).get("picks");
        assertThat(pick).hasSize(1);
        assertThat(pick.get(0).get("location").asString()).isEqualTo(second);
        assertThat(pick.get(0).get("lotNo").asString()).isEqualTo("SOON");
        assertThat(pick.get(0).get("quantity").asLong()).isEqualTo(2);
        JsonNode pickList = api.get("/api/v1/pick-lists?shipments=" + key).json();
        assertThat(pickList.get("rows")).singleElement().satisfies(r -> assertThat(r.get("location").asString()).isEqualTo(second));

        // 4. 出荷検品: the wrong item is refused and changes nothing; the right ones complete it
        Api.Response wrong = api.post("/api/v1/shipments/" + key + "/scans", Map.of("code", wrongJan));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.text()).contains("誤品");
        assertThat(api.get("/api/v1/shipments/" + key).json().get("lines").get(0).get("packedQuantity").asLong()).isZero();
        Api.Response one = api.post("/api/v1/shipments/" + key + "/scans", Map.of("code", jan));
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(one.json().get("packed").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/shipments/" + key + "/pack", Map.of()).status()).isEqualTo(422); // one still missing
        Api.Response two = api.post("/api/v1/shipments/" + key + "/scans", Map.of("code", jan));
        assertThat(two.json().get("packed").asBoolean()).as(two.text()).isTrue();
        assertThat(api.get("/api/v1/shipments/" + key).json().get("status").asString()).isEqualTo("PACKED");

        // shipping before a tracking number exists is refused
        assertThat(api.post("/api/v1/shipments/" + key + "/ship", Map.of()).status()).isGreaterThanOrEqualTo(400);

        // 5. 送り状データ for ヤマト B2クラウド (contract endpoint): CP932, CRLF, our key as お客様管理番号
        Api.Response labels = api.get("/api/v1/shipments/label-data?carrier=yamato-b2");
        assertThat(labels.status()).as(labels.text()).isEqualTo(200);
        String labelFile = new String(labels.bytes(), CP932);
        String[] labelRows = labelFile.split("\r\n");
        assertThat(labelRows).anySatisfy(row -> assertThat(row).contains(key));
        assertThat(labelFile).contains(placed.recipient().familyName());

        // 6. the carrier's issued data back: first a number with a wrong check digit (refused, naming the line),
        //    then the right one
        String number = FulfillmentFixtures.trackingRandom();
        String badNumber = number.substring(0, 11) + ((number.charAt(11) - '0' + 1) % 10);
        Api.Response refused = importIssued(api, labelRows[0], key, badNumber);
        assertThat(refused.status()).as(refused.text()).isEqualTo(200);
        assertThat(refused.json().get("attached").asInt()).isZero();
        assertThat(refused.json().get("errors")).singleElement().satisfies(e -> assertThat(e.get("message").asString()).contains("2行目", badNumber, "チェックデジット"));
        assertThat(api.get("/api/v1/shipments/" + key).json().get("tracking")).isEmpty();
        Api.Response imported = importIssued(api, labelRows[0], key, number);
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().get("errors")).isEmpty();
        JsonNode tracking = api.get("/api/v1/shipments/" + key).json().get("tracking");
        assertThat(tracking).singleElement().satisfies(t -> assertThat(t.get("trackingNumber").asString()).isEqualTo(number));

        // 7. 出荷確定 → the store shows the order fulfilled with the tracking number
        Api.Response shipped = api.post("/api/v1/shipments/" + key + "/ship", Map.of());
        assertThat(shipped.status()).as(shipped.text()).isEqualTo(200);
        assertThat(shipped.json().get("status").asString()).isEqualTo("SHIPPED");
        await(() -> "fulfilled".equals(shop.order(placed.id()).orElseThrow().status()), "the store shows the order fulfilled");
        assertThat(shop.order(placed.id()).orElseThrow().shipments()).singleElement()
                .satisfies(s -> assertThat(s.trackingNumber()).isEqualTo(number));
        assertThat(orders.get(order.id()).status().name()).isEqualTo("SHIPPED");
        // the shipped lot left its shelf: 3 of SOON remain, LATE untouched
        assertThat(inventory.locationStock(sku)).anySatisfy(l -> {
            assertThat(l.lotNo()).isEqualTo("SOON");
            assertThat(l.onHand()).isEqualTo(3);
        });

        // 8. the 発送完了 mail, received by a real SMTP server, with the number and the tracking URL
        String to = placed.buyer().email();
        await(() -> {
            mail.sendDue();
            return received(to).stream().anyMatch(m -> "SHIPPED".equals(header(m, "X-Ichigen-Mail-Kind")));
        }, "the shipped mail received");
        MimeMessage shippedMail = received(to).stream().filter(m -> "SHIPPED".equals(header(m, "X-Ichigen-Mail-Kind")))
                .findFirst().orElseThrow();
        assertThat(shippedMail.getSubject()).contains("発送", order.channelOrderNumber());
        String body = (String) shippedMail.getContent();
        assertThat(body).contains("ヤマト運輸", number, "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=" + number);
        mail.sendDue();
        assertThat(received(to).stream().filter(m -> "SHIPPED".equals(header(m, "X-Ichigen-Mail-Kind")))).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /** The carrier's issued file: the header of our export, then one row with our key (col 1) and the number (col 4). */
    private static Api.Response importIssued(Api api, String header, String key, String number) {
        String[] cells = new String[95];
        Arrays.fill(cells, "");
        cells[0] = key;
        cells[3] = number;
        byte[] file = (header + "\r\n" + String.join(",", cells) + "\r\n").getBytes(CP932);
        return api.postBytes("/api/v1/shipments/tracking-import?carrier=yamato-b2", FulfillmentFixtures.MULTIPART,
                FulfillmentFixtures.multipart("issued.csv", file));
    }

    private Sku product(String jan, boolean lotManaged) {
        String sku = FulfillmentFixtures.unique("E2E").toUpperCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, :name, 1000, 'STANDARD_10', true, 'AMBIENT', :lot, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", jan).param("name", "一気通貫テスト " + sku).param("lot", lotManaged)
                .param("now", now).update();
        return Sku.of(sku);
    }

    private String location(int walkOrder) {
        String code = FulfillmentFixtures.unique("E").toUpperCase(Locale.ROOT).replace("-", "");
        Api.Response r = Api.admin(port).post("/api/v1/warehouses/EAST/locations",
                Map.of("code", code, "zone", "E", "shelf", "1", "bin", String.valueOf(walkOrder), "walkOrder", walkOrder));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code;
    }

    private static Map<String, Object> lot(Sku sku, long q, String lotNo, LocalDate expiry, String location) {
        Map<String, Object> m = new HashMap<>();
        m.put("sku", sku.value());
        m.put("countedQuantity", q);
        m.put("lotNo", lotNo);
        m.put("expiryDate", expiry.toString());
        m.put("location", location);
        return m;
    }

    private static long cardOrderSeed() {
        for (long seed = 1; seed < 10_000; seed++) {
            SandboxOrderGenerator.GeneratedOrder g = new SandboxOrderGenerator(seed).forPicks(List.of(new Pick("X", 1)), TODAY);
            if (g.payment() == SandboxOrder.Payment.CARD && g.recipient() == g.buyer() && !g.giftWrap() && g.remarks() == null
                    && g.couponDiscount() == 0 && g.pointsUsed() == 0) {
                return seed;
            }
        }
        throw new AssertionError("no plain card order among the sandbox seeds");
    }

    private static List<MimeMessage> received(String to) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getRecipients(Message.RecipientType.TO) != null
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(to))) {
                    out.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String header(MimeMessage m, String name) {
        try {
            String[] v = m.getHeader(name);
            return v == null ? null : v[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
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
