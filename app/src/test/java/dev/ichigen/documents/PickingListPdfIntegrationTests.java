package dev.ichigen.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import com.google.zxing.oned.EAN13Reader;

import dev.ichigen.fulfillment.FulfillmentFixtures;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewLocation;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * ピッキングリスト PDFs (batch トータルピッキング and one shipment) fetched over HTTP: the text extracted back with
 * PDFBox comes in location walk order, with name, lot / expiry and the summed quantity; the barcodes on the page
 * decode (ZXing) to the items' JANs and the shipment key.
 */
@IchigenIntegrationTest
class PickingListPdfIntegrationTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    OrderIntake intake;

    @Autowired
    Shipments shipments;

    FulfillmentFixtures fx;
    Api api;
    long channel;

    @BeforeEach
    void setUp() {
        fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        api = Api.admin(port);
        channel = fx.channel();
    }

    @Test
    void theBatchPickListPdfFollowsTheWalkOrderWithLotsQuantitiesAndDecodableBarcodes() throws IOException {
        String janX = FulfillmentFixtures.jan();
        String janY = FulfillmentFixtures.jan();
        String janZ = FulfillmentFixtures.jan();
        Sku x = product("PLX", janX, "出汁パック", false);
        Sku y = product("PLY", janY, "玄米茶", false);
        Sku z = product("PLZ", janZ, "生麩まんじゅう", true);
        String late = location(930);
        String early = location(910);
        String middle = location(920);
        Api.Response receipt = api.post("/api/v1/receipts", Map.of("receiptKey", FulfillmentFixtures.unique("R"), "warehouse", "EAST",
                "lines", List.of(line(x, 10, late, null, null), line(y, 10, early, null, null),
                        line(z, 10, middle, "LOT-PL1", TODAY.plusDays(45)))));
        assertThat(receipt.status()).as(receipt.text()).isEqualTo(201);
        Shipment s1 = shipmentFor(x, 1);
        Shipment s2 = shipmentFor(y, 2);
        Shipment s3 = shipmentFor(z, 3);
        Shipment s4 = shipmentFor(x, 4);
        String keys = String.join(",", s1.key(), s2.key(), s3.key(), s4.key());

        Api.Response pdf = api.get("/api/v1/pick-lists.pdf?shipments=" + keys);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        String text = DocumentIntegrationTests.text(pdf.bytes());
        assertThat(text).contains("トータルピッキングリスト", "出汁パック", "玄米茶", "生麩まんじゅう", "LOT-PL1",
                TODAY.plusDays(45).toString(), s1.key(), s4.key(), janX, janY, janZ);
        // walk order: early (910, 玄米茶 ×2) → middle (920, 生麩まんじゅう ×3) → late (930, 出汁パック ×1+4), read in the
        // order the rows were drawn: sorted by position, a single-line cell beside two-line cells can come out split
        // across the lines of its neighbours ("9" … "20426994" was seen)
        String drawn = textAsDrawn(pdf.bytes());
        int e = drawn.indexOf(early);
        int m = drawn.indexOf(middle);
        int l = drawn.indexOf(late);
        assertThat(e).as(drawn).isPositive();
        assertThat(e).as(drawn).isLessThan(m);
        assertThat(m).as(drawn).isLessThan(l);
        assertThat(drawn.indexOf("玄米茶")).isLessThan(drawn.indexOf("生麩まんじゅう"));
        assertThat(drawn.indexOf("生麩まんじゅう")).isLessThan(drawn.indexOf("出汁パック"));
        assertThat(drawn.substring(l)).containsPattern("出汁パック[\\s\\S]*\\b5\\b");
        assertThat(barcodes(pdf.bytes())).contains(janX, janY, janZ);

        // every INSTRUCTED shipment of the warehouse (what the ピッキング screen's PDF link asks for)
        Api.Response byWarehouse = api.get("/api/v1/pick-lists.pdf?warehouse=EAST");
        assertThat(byWarehouse.status()).as(byWarehouse.text()).isEqualTo(200);
        assertThat(DocumentIntegrationTests.text(byWarehouse.bytes())).contains(early, middle, late);

        // neither shipments nor warehouse: 422 naming the field; an unknown shipment too
        Api.Response none = api.get("/api/v1/pick-lists.pdf");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.text()).contains("warehouse");
        assertThat(api.get("/api/v1/pick-lists.pdf?shipments=S999999999").status()).isEqualTo(422);
    }

    @Test
    void aSingleShipmentPickListCarriesItsKeyAsBarcodeAndItsPicksInWalkOrder() throws IOException {
        String jan = FulfillmentFixtures.jan();
        Sku sku = product("PLS", jan, "柚子胡椒", true);
        String far = location(960);
        String near = location(950);
        // FEFO takes the sooner lot (on the far shelf) first, then the later one: printed in walk order, near first
        Api.Response receipt = api.post("/api/v1/receipts", Map.of("receiptKey", FulfillmentFixtures.unique("R"), "warehouse", "EAST",
                "lines", List.of(line(sku, 2, far, "SOON", TODAY.plusDays(20)), line(sku, 5, near, "LATER", TODAY.plusDays(90)))));
        assertThat(receipt.status()).as(receipt.text()).isEqualTo(201);
        Shipment s = shipmentFor(sku, 3);

        Api.Response pdf = api.get("/api/v1/shipments/" + s.key() + "/pick-list.pdf");
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        String text = DocumentIntegrationTests.text(pdf.bytes());
        assertThat(text).contains("ピッキングリスト", s.key(), "柚子胡椒", "SOON", "LATER");
        assertThat(text.indexOf(near)).isPositive().isLessThan(text.indexOf(far));
        assertThat(text.indexOf("LATER")).isLessThan(text.indexOf("SOON"));
        assertThat(barcodes(pdf.bytes())).contains(s.key(), jan);

        assertThat(api.get("/api/v1/shipments/S999999999/pick-list.pdf").status()).isEqualTo(404);
        // WAREHOUSE may print pick lists; no token → 401
        assertThat(new Api(port, null).get("/api/v1/shipments/" + s.key() + "/pick-list.pdf").status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    /** Every barcode image on the pages, decoded as Code128 or EAN-13. */
    static List<String> barcodes(byte[] pdf) throws IOException {
        List<String> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject img) {
                        String decoded = decode(img.getImage());
                        if (decoded != null) {
                            out.add(decoded);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return new EAN13Reader().decode(bitmap).getText();
        } catch (NotFoundException | com.google.zxing.FormatException e) {
            try {
                return new Code128Reader().decode(bitmap).getText();
            } catch (NotFoundException | com.google.zxing.FormatException e2) {
                return null;
            }
        }
    }

    private Sku product(String prefix, String jan, String name, boolean lotManaged) {
        String sku = FulfillmentFixtures.unique(prefix).toUpperCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product (sku, kind, gtin, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', :jan, :name, 1000, 'STANDARD_10', true, 'AMBIENT', :lot, 'ACTIVE', 0, :now, :now)""")
                .param("sku", sku).param("jan", jan).param("name", name).param("lot", lotManaged).param("now", now).update();
        return Sku.of(sku);
    }

    private String location(int walkOrder) {
        String code = FulfillmentFixtures.unique("P").toUpperCase(Locale.ROOT).replace("-", "");
        warehouses.addLocation("EAST", new NewLocation(code, "P", "1", String.valueOf(walkOrder), walkOrder));
        return code;
    }

    private static Map<String, Object> line(Sku sku, long q, String location, String lotNo, LocalDate expiry) {
        Map<String, Object> m = new HashMap<>();
        m.put("sku", sku.value());
        m.put("countedQuantity", q);
        m.put("location", location);
        if (lotNo != null) {
            m.put("lotNo", lotNo);
            m.put("expiryDate", expiry.toString());
        }
        return m;
    }

    /** A card order of {@code quantity} × {@code sku}, the line named as the product, and its shipment once planned. */
    private Shipment shipmentFor(Sku sku, long quantity) {
        String name = jdbc.sql("select name from product where sku = :s").param("s", sku.value()).query(String.class).single();
        NewOrder base = FulfillmentFixtures.order(channel, FulfillmentFixtures.phone(), "梅田2-2-2", sku, quantity).build();
        long id = intake.accept(NewOrder.builder(channel, base.channelOrderNumber()).orderedAt(base.orderedAt())
                .customer(base.customer()).ordererAddress(base.ordererAddress())
                .line(NewOrderLine.ofSku(sku, name, quantity, 1000, TaxRate.STANDARD_10))
                .payment(base.paymentMethod(), base.paymentStatus()).build()).orderId();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shipments.ofOrder(id).stream().anyMatch(s -> s.status().open()));
        Shipment s = shipments.ofOrder(id).stream().filter(x -> x.status().open()).findFirst().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from shipment_pick_status where shipment_id = :s")
                .param("s", s.id()).query(Long.class).single() == 1);
        return s;
    }

    /** The PDF's text in the order it was drawn (row after row, cell after cell), not sorted by position. */
    private static String textAsDrawn(byte[] pdf) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }
}
