package dev.ichigen.channel.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.TaxRate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ShopifyOrderMapperTests {

    static byte[] reference() {
        try (InputStream in = ShopifyOrderMapperTests.class.getResourceAsStream("/reference/shopify/orders-create-webhook-test-payload.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode referenceJson() {
        return (ObjectNode) ShopifyOrderMapper.parse(reference());
    }

    @Test
    void keepsIdsAboveTwoToTheFiftyThreeExactly() {
        NewOrder o = ShopifyOrderMapper.map(7, referenceJson());
        // 820982911946154508 as a double would be 820982911946154496
        assertThat(o.channelOrderNumber()).isEqualTo("820982911946154508");
        assertThat(o.lines()).extracting(l -> l.lineKey()).containsExactly("866550311766439020", "141249953214522974");
        assertThat(o.orderName()).isEqualTo("#9999");
        assertThat(o.channelId()).isEqualTo(7);
    }

    @Test
    void mapsTheReferencePayload() {
        NewOrder o = ShopifyOrderMapper.map(7, referenceJson());
        assertThat(o.orderedAt()).isEqualTo(Instant.parse("2019-06-04T17:53:06Z"));
        assertThat(o.lines()).allSatisfy(l -> {
            assertThat(l.itemCode()).isEqualTo("IPOD2008PINK");
            assertThat(l.unitPrice()).isEqualTo(199);
            assertThat(l.quantity()).isEqualTo(1);
            assertThat(l.priceIncludesTax()).isFalse(); // taxes_included: false
        });
        assertThat(o.discounts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscountKind.DISCOUNT);
            assertThat(d.amount()).isEqualTo(5);
        });
        assertThat(o.charges().shippingFee()).isEqualTo(10);
        assertThat(o.channelGrandTotal()).isEqualTo(403);
        assertThat(o.customer().name()).isEqualTo("Biller Bob");
        assertThat(o.customer().email()).isEqualTo("jon@doe.ca");
        assertThat(o.destinations()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("Shipper Steve");
            assertThat(d.company()).isEqualTo("Shipping Company");
            assertThat(d.address().prefecture()).isEqualTo("Kentucky"); // not Japan: as given
        });
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.CARD); // payment_gateway_names: visa
        assertThat(o.paymentStatus()).isEqualTo(PaymentStatus.FAILED); // voided
        assertThat(o.cancelled()).isTrue(); // cancelled_at set
    }

    @Test
    void mapsAJapaneseOrder() {
        ObjectNode j = referenceJson();
        j.put("taxes_included", true).put("currency", "JPY").put("gateway", "Cash on Delivery (COD)")
                .put("financial_status", "pending").put("note", "不在時は宅配ボックスへ").put("total_price", "5280")
                .put("total_discounts", "0").putNull("cancelled_at");
        ObjectNode ship = (ObjectNode) j.get("shipping_address");
        ship.put("last_name", "比嘉").put("first_name", "美咲").put("zip", "9071801").put("province", "Okinawa")
                .put("province_code", "JP-47").put("city", "八重山郡与那国町").put("address1", "与那国1-2-3")
                .put("address2", "コーポ桜101").put("country_code", "JP");
        ObjectNode bill = (ObjectNode) j.get("billing_address");
        bill.put("last_name", "佐藤").put("first_name", "太郎").put("zip", "100-0001").put("province", "東京都")
                .remove("province_code");
        bill.put("country_code", "JP").put("city", "千代田区").put("address1", "千代田1-1");
        ArrayNode notes = j.putArray("note_attributes");
        notes.addObject().put("name", "配送希望日").put("value", "2026-12-01");
        notes.addObject().put("name", "配送希望時間帯").put("value", "14時～16時");
        notes.addObject().put("name", "のし").put("value", "御歳暮");
        ArrayNode lines = j.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("id", 9007199254740993L).put("variant_id", 43000000000001L).put("sku", "TEA-SENCHA-100")
                .put("name", "煎茶 100g").put("quantity", 2).put("price", "1620");
        line.putArray("tax_lines").addObject().put("rate", 0.08).put("price", "240");

        NewOrder o = ShopifyOrderMapper.map(3, j);
        assertThat(o.destinations().getFirst().name()).isEqualTo("比嘉 美咲");
        assertThat(o.destinations().getFirst().address().postalCode()).isEqualTo("907-1801");
        assertThat(o.destinations().getFirst().address().prefecture()).isEqualTo("沖縄県");
        assertThat(o.destinations().getFirst().address().city()).isEqualTo("八重山郡与那国町");
        assertThat(o.destinations().getFirst().address().street()).isEqualTo("与那国1-2-3");
        assertThat(o.destinations().getFirst().address().building()).isEqualTo("コーポ桜101");
        assertThat(o.ordererAddress().prefecture()).isEqualTo("東京都");
        assertThat(o.ordererAddress().postalCode()).isEqualTo("100-0001");
        assertThat(o.customer().name()).isEqualTo("佐藤 太郎");
        assertThat(o.lines()).singleElement().satisfies(l -> {
            assertThat(l.lineKey()).isEqualTo("9007199254740993"); // 2^53 + 1
            assertThat(l.taxRate()).isEqualTo(TaxRate.REDUCED_8);
            assertThat(l.priceIncludesTax()).isTrue();
            assertThat(l.unitPrice()).isEqualTo(1620);
        });
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.COD);
        assertThat(o.paymentStatus()).isNull(); // COD: the method's default (不要)
        assertThat(o.remarks()).isEqualTo("不在時は宅配ボックスへ");
        assertThat(o.delivery().date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(o.delivery().timeSlot()).isEqualTo("14-16");
        assertThat(o.delivery().noshi()).isEqualTo("御歳暮");
        assertThat(o.cancelled()).isFalse();
    }

    @Test
    void anItemWithoutSkuIsNamedByItsVariant() {
        ObjectNode j = referenceJson();
        ((ObjectNode) j.get("line_items").get(0)).putNull("sku");
        assertThat(ShopifyOrderMapper.map(1, j).lines().getFirst().itemCode()).isEqualTo("variant:808950810");
    }

    @Test
    void missingFieldsAreClearErrors() {
        ObjectNode noId = referenceJson();
        noId.remove("id");
        assertThatThrownBy(() -> ShopifyOrderMapper.map(1, noId)).isInstanceOf(ShopifyPayloadException.class)
                .hasMessage("id: missing");
        ObjectNode noLines = referenceJson();
        noLines.putArray("line_items");
        assertThatThrownBy(() -> ShopifyOrderMapper.map(1, noLines)).hasMessage("line_items: missing or empty");
        ObjectNode badPrice = referenceJson();
        ((ObjectNode) badPrice.get("line_items").get(1)).put("price", "abc");
        assertThatThrownBy(() -> ShopifyOrderMapper.map(1, badPrice)).hasMessage("line_items[1].price: not an amount");
        ObjectNode noTime = referenceJson();
        noTime.remove("created_at");
        assertThatThrownBy(() -> ShopifyOrderMapper.map(1, noTime)).hasMessage("created_at: missing");
        assertThatThrownBy(() -> ShopifyOrderMapper.parse("{\"id\": 1, ".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("body: malformed JSON");
    }

    @Test
    void provincesBecomePrefectures() {
        assertThat(Prefectures.of("JP-13", "Tokyo")).isEqualTo("東京都");
        assertThat(Prefectures.of(null, "Kyoto")).isEqualTo("京都府");
        assertThat(Prefectures.of(null, "Hokkaidō")).isEqualTo("北海道");
        assertThat(Prefectures.of(null, "Osaka-fu")).isEqualTo("大阪府");
        assertThat(Prefectures.of(null, "大阪")).isEqualTo("大阪府");
        assertThat(Prefectures.of(null, "神奈川県")).isEqualTo("神奈川県");
        assertThat(ShopifyOrderMapper.zip("１００－０００１")).isEqualTo("100-0001");
    }

    @Test
    void webhookSignatureIsBase64HmacOfTheRawBody() {
        byte[] body = reference();
        String good = dev.ichigen.channel.sandbox.ShopifySandbox.signature(body, "secret");
        assertThat(ShopifyWebhookApi.verify(body, good, "secret")).isTrue();
        assertThat(ShopifyWebhookApi.verify(body, good, "other")).isFalse();
        assertThat(ShopifyWebhookApi.verify(body, "not base64!", "secret")).isFalse();
        byte[] changed = body.clone();
        changed[10] ^= 1;
        assertThat(ShopifyWebhookApi.verify(changed, good, "secret")).isFalse();
    }

    @Test
    void cursorRoundTrips() {
        var c = new ShopifyConnector.Cursor(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-23T01:00:00Z"),
                "http://127.0.0.1:1/admin/api/2025-07/orders.json?limit=250&page_info=abc");
        assertThat(ShopifyConnector.Cursor.parse(c.format(), Instant.EPOCH)).isEqualTo(c);
        assertThat(ShopifyConnector.inventoryItemId("gid://shopify/InventoryItem/45000000000123")).isEqualTo("45000000000123");
        assertThat(ShopifyConnector.inventoryItemId("abc")).isNull();
    }
}
