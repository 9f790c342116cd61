package dev.ichigen.channel.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.TaxRate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * getOrders/getOrderItems JSON → NewOrder (Amazon.co.jp shapes), the JSON_LISTINGS_FEED document and its validation
 * before upload, carrier codes and the polling cursor.
 */
class AmazonOrderMapperTests {

    static JsonNode json(String text) {
        return AmazonClient.JSON.readTree(text);
    }

    static JsonNode reference(String name) throws Exception {
        try (InputStream in = AmazonOrderMapperTests.class.getResourceAsStream("/reference/amazon/" + name)) {
            return AmazonClient.JSON.readTree(in.readAllBytes());
        }
    }

    static final String ORDER = """
            {"AmazonOrderId":"503-1234567-7654321","PurchaseDate":"2026-11-20T01:15:30Z","LastUpdateDate":"2026-11-20T01:20:00Z",
             "OrderStatus":"Unshipped","FulfillmentChannel":"MFN","SalesChannel":"Amazon.co.jp",
             "OrderTotal":{"CurrencyCode":"JPY","Amount":"4360.00"},"PaymentMethod":"Other","PaymentMethodDetails":["CreditCard"],
             "MarketplaceId":"A1VC38T7YXB528","IsBusinessOrder":true,"IsPrime":true,
             "ShippingAddress":{"Name":"山田 花子","AddressLine1":"千代田1-1","AddressLine2":"ちよだハイツ","AddressLine3":"101号室",
               "City":"千代田区","StateOrRegion":"東京都","PostalCode":"1000001","CountryCode":"JP","Phone":"03-1234-5678"},
             "BuyerInfo":{"BuyerEmail":"abc123@marketplace.amazon.co.jp","BuyerName":"山田 太郎",
               "BuyerTaxInfo":{"CompanyLegalName":"山田商店株式会社"}}}""";

    static final String ITEMS = """
            [{"ASIN":"B0TOWEL","OrderItemId":"68828574383266","SellerSKU":"TOWEL-2P","Title":"国産タオル 2枚組","QuantityOrdered":2,
              "ItemPrice":{"CurrencyCode":"JPY","Amount":"4400.00"},"ItemTax":{"CurrencyCode":"JPY","Amount":"400.00"},
              "ShippingPrice":{"CurrencyCode":"JPY","Amount":"550.00"},"PromotionDiscount":{"CurrencyCode":"JPY","Amount":"-300.00"},
              "IsGift":"true","BuyerInfo":{"GiftWrapPrice":{"CurrencyCode":"JPY","Amount":"220.00"},"GiftMessageText":"のし: 御祝"},
              "ScheduledDeliveryStartDate":"2026-11-23T05:00:00Z","ScheduledDeliveryEndDate":"2026-11-23T07:00:00Z"},
             {"ASIN":"B0COFFEE","OrderItemId":"68828574383267","SellerSKU":"COFFEE-10","Title":"ドリップコーヒー","QuantityOrdered":1,
              "ItemPrice":{"CurrencyCode":"JPY","Amount":"1080.00"},"ItemTax":{"CurrencyCode":"JPY","Amount":"80.00"},
              "BuyerRequestedCancel":{"IsBuyerRequestedCancel":"false"}}]""";

    static List<JsonNode> items(String text) {
        List<JsonNode> list = new ArrayList<>();
        json(text).forEach(list::add);
        return list;
    }

    @Test
    void mapsAJapaneseOrderWithAddressLinesTaxRatesFeesPromotionGiftAndSlot() {
        NewOrder o = AmazonOrderMapper.map(7, json(ORDER), items(ITEMS));
        assertThat(o.channelOrderNumber()).isEqualTo("503-1234567-7654321");
        assertThat(o.orderedAt()).isEqualTo(Instant.parse("2026-11-20T01:15:30Z"));
        assertThat(o.customer().name()).isEqualTo("山田 太郎");
        assertThat(o.customer().email()).isEqualTo("abc123@marketplace.amazon.co.jp"); // Amazon's relay address
        assertThat(o.destinations()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("山田 花子");
            assertThat(d.phone()).isEqualTo("03-1234-5678");
            assertThat(d.company()).isEqualTo("山田商店株式会社");
            assertThat(d.address().postalCode()).isEqualTo("100-0001");
            assertThat(d.address().prefecture()).isEqualTo("東京都");
            assertThat(d.address().city()).isEqualTo("千代田区");
            assertThat(d.address().street()).isEqualTo("千代田1-1");
            assertThat(d.address().building()).isEqualTo("ちよだハイツ 101号室");
        });
        assertThat(o.ordererAddress().postalCode()).isEqualTo("100-0001");
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0)).satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("TOWEL-2P");
            assertThat(l.subCode()).isEmpty();
            assertThat(l.lineKey()).isEqualTo("68828574383266");
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.unitPrice()).isEqualTo(2200); // ItemPrice is for the whole line
            assertThat(l.taxRate()).isEqualTo(TaxRate.STANDARD_10);
            assertThat(l.priceIncludesTax()).isTrue();
        });
        assertThat(o.lines().get(1).taxRate()).isEqualTo(TaxRate.REDUCED_8);
        assertThat(o.charges().shippingFee()).isEqualTo(550);
        assertThat(o.charges().otherFees()).isEqualTo(220);
        assertThat(o.discounts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscountKind.COUPON);
            assertThat(d.amount()).isEqualTo(300);
            assertThat(d.taxRate()).isEqualTo(TaxRate.STANDARD_10);
        });
        assertThat(o.channelGrandTotal()).isEqualTo(4400 + 1080 + 550 + 220 - 300 - 1590); // 4360
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(o.delivery().date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(o.delivery().timeSlot()).isEqualTo("14-16");
        assertThat(o.delivery().giftWrapping()).isTrue();
        assertThat(o.delivery().noshi()).isEqualTo("御祝");
        assertThat(o.tags()).contains("Amazon:プライム", "Amazon:法人");
        assertThat(o.cancelled()).isFalse();
    }

    @Test
    void paymentMethodsCodWithPointsConvenienceStoreAndCancellation() {
        ObjectNode cod = (ObjectNode) json(ORDER);
        cod.put("PaymentMethod", "COD");
        cod.set("PaymentExecutionDetail", json("""
                [{"Payment":{"CurrencyCode":"JPY","Amount":"4060"},"PaymentMethod":"COD"},
                 {"Payment":{"CurrencyCode":"JPY","Amount":"300"},"PaymentMethod":"PointsAccount"}]"""));
        NewOrder c = AmazonOrderMapper.map(7, cod, items(ITEMS));
        assertThat(c.paymentMethod()).isEqualTo(PaymentMethod.COD);
        assertThat(c.pointsUsed()).isEqualTo(300);

        ObjectNode cvs = (ObjectNode) json(ORDER);
        cvs.put("PaymentMethod", "CVS");
        NewOrder v = AmazonOrderMapper.map(7, cvs, items(ITEMS));
        assertThat(v.paymentMethod()).isEqualTo(PaymentMethod.CONVENIENCE_STORE);
        assertThat(v.paymentStatus()).isEqualTo(PaymentStatus.PAID); // Unshipped = paid at the store

        ObjectNode other = (ObjectNode) json(ORDER);
        other.set("PaymentMethodDetails", json("[\"Standard\"]"));
        assertThat(AmazonOrderMapper.map(7, other, items(ITEMS)).paymentMethod()).isEqualTo(PaymentMethod.POINTS_OR_ID);

        ObjectNode cancelled = (ObjectNode) json(ORDER);
        cancelled.put("OrderStatus", "Canceled");
        assertThat(AmazonOrderMapper.map(7, cancelled, items(ITEMS)).cancelled()).isTrue();

        // a Pending order cancelled before payment: no prices, still a cancellation
        List<JsonNode> noPrices = items("""
                [{"OrderItemId":"1","SellerSKU":"TOWEL-2P","QuantityOrdered":1}]""");
        assertThat(AmazonOrderMapper.map(7, cancelled, noPrices).lines().get(0).unitPrice()).isZero();
    }

    @Test
    void pendingAndFbaOrdersAreNotTakenIn() {
        ObjectNode pending = (ObjectNode) json(ORDER);
        pending.put("OrderStatus", "Pending");
        assertThat(AmazonOrderMapper.importable(pending)).isFalse();
        ObjectNode afn = (ObjectNode) json(ORDER);
        afn.put("FulfillmentChannel", "AFN");
        assertThat(AmazonOrderMapper.importable(afn)).isFalse();
        assertThat(AmazonOrderMapper.importable(json(ORDER))).isTrue();
    }

    @Test
    void buyerRequestedCancelIsTaggedAndRemarked() {
        List<JsonNode> list = items(ITEMS);
        ((ObjectNode) list.get(1)).set("BuyerRequestedCancel", json("{\"IsBuyerRequestedCancel\":\"true\"}"));
        NewOrder o = AmazonOrderMapper.map(7, json(ORDER), list);
        assertThat(o.tags()).contains("Amazon:キャンセル要求");
        assertThat(o.remarks()).contains("キャンセルを要求");
    }

    @Test
    void errorsNameTheField() throws Exception {
        // the reference getOrderItems example prices a gift wrap in GBP: refused, naming the field
        List<JsonNode> reference = new ArrayList<>();
        reference("spapi-getOrderItems-200-example.json").path("payload").path("OrderItems").forEach(reference::add);
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, json(ORDER), reference))
                .isInstanceOf(AmazonPayloadException.class)
                .hasMessage("OrderItems[0].BuyerInfo.GiftWrapPrice.CurrencyCode: GBP is not JPY");

        ObjectNode noDate = (ObjectNode) json(ORDER);
        noDate.remove("PurchaseDate");
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, noDate, items(ITEMS))).hasMessage("PurchaseDate: missing");
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, json(ORDER), items("""
                [{"OrderItemId":"1","QuantityOrdered":1,"ItemPrice":{"CurrencyCode":"JPY","Amount":"100"}}]""")))
                .hasMessage("OrderItems[0].SellerSKU: missing");
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, json(ORDER), items("""
                [{"OrderItemId":"1","SellerSKU":"A","QuantityOrdered":1}]"""))).hasMessage("OrderItems[0].ItemPrice: missing");
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, json(ORDER), items("""
                [{"OrderItemId":"1","SellerSKU":"A","QuantityOrdered":1,"ItemPrice":{"CurrencyCode":"JPY","Amount":"1000"},
                  "ItemTax":{"CurrencyCode":"JPY","Amount":"300"}}]""")))
                .hasMessage("OrderItems[0].ItemTax: tax 300 on 1000 is neither 10% nor 8%");
        assertThatThrownBy(() -> AmazonOrderMapper.map(7, json(ORDER), items("[]"))).hasMessage("OrderItems: no items");
    }

    @Test
    void taxRateFromTheIncludedTaxToleratesRounding() {
        assertThat(AmazonOrderMapper.taxRate(1000, 90L, "t")).isEqualTo(TaxRate.STANDARD_10); // 1000 × 10/110 = 90.9
        assertThat(AmazonOrderMapper.taxRate(1000, 91L, "t")).isEqualTo(TaxRate.STANDARD_10);
        assertThat(AmazonOrderMapper.taxRate(1000, 74L, "t")).isEqualTo(TaxRate.REDUCED_8); // 1000 × 8/108 = 74.07
        assertThat(AmazonOrderMapper.taxRate(11, 1L, "t")).isEqualTo(TaxRate.STANDARD_10);
        assertThat(AmazonOrderMapper.taxRate(500, null, "t")).isEqualTo(TaxRate.STANDARD_10);
        assertThat(AmazonOrderMapper.taxRate(0, 0L, "t")).isEqualTo(TaxRate.STANDARD_10);
    }

    @Test
    void theStockFeedIsValidatedAgainstItsSchemaBeforeUpload() {
        JsonNode good = ListingsFeed.document("A2SELLER", List.of(new ListingsFeed.Entry("TOWEL-2P", 7),
                new ListingsFeed.Entry("COFFEE-10", 0)));
        assertThat(ListingsFeed.validate(good).none()).isTrue();
        JsonNode m = good.path("messages").path(0);
        assertThat(m.path("operationType").asString()).isEqualTo("PATCH");
        assertThat(m.path("patches").path(0).path("path").asString()).isEqualTo("/attributes/fulfillment_availability");
        assertThat(m.path("patches").path(0).path("op").asString()).isEqualTo("merge");
        assertThat(m.path("patches").path(0).path("value").path(0).path("fulfillment_channel_code").asString()).isEqualTo("DEFAULT");
        assertThat(m.path("patches").path(0).path("value").path(0).path("quantity").asInt()).isEqualTo(7);

        // an empty SKU, a SKU over Amazon's 40 characters and a negative quantity: refused per message
        ListingsFeed.Problems bad = ListingsFeed.validate(ListingsFeed.document("A2SELLER", List.of(
                new ListingsFeed.Entry("", 1), new ListingsFeed.Entry("X".repeat(41), 1), new ListingsFeed.Entry("OK", -1),
                new ListingsFeed.Entry("FINE", 3))));
        assertThat(bad.messages()).containsOnlyKeys(0, 1, 2);
        assertThat(bad.messages().get(0)).contains("sku");
        assertThat(bad.messages().get(2)).contains("quantity");

        // a document without its header is refused as a whole (the feed schema v2 requires header.sellerId/version)
        ObjectNode headless = ListingsFeed.document("A2SELLER", List.of(new ListingsFeed.Entry("A", 1)));
        headless.remove("header");
        assertThat(ListingsFeed.validate(headless).document()).isNotEmpty();
        ObjectNode wrongVersion = ListingsFeed.document("A2SELLER", List.of(new ListingsFeed.Entry("A", 1)));
        ((ObjectNode) wrongVersion.path("header")).put("version", "1.0");
        assertThat(ListingsFeed.validate(wrongVersion).document()).isNotEmpty();
    }

    @Test
    void carrierCodesAndCursor() {
        assertThat(AmazonConnector.carrierCode("yamato")).isEqualTo("Yamato Transport");
        assertThat(AmazonConnector.carrierCode("sagawa")).isEqualTo("Sagawa Express");
        assertThat(AmazonConnector.carrierCode("japanpost")).isEqualTo("Japan Post");
        assertThat(AmazonConnector.carrierCode("seino")).isEqualTo("Other");

        Instant fallback = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(AmazonConnector.Cursor.parse(null, fallback).since()).isEqualTo(fallback);
        AmazonConnector.Cursor paging = new AmazonConnector.Cursor(fallback, Instant.parse("2026-11-02T00:00:00Z"), "eyJhIjoxfQ==");
        assertThat(AmazonConnector.Cursor.parse(paging.format(), null)).isEqualTo(paging);
        assertThat(AmazonConnector.Cursor.parse("since=2026-11-02T00:00:00Z", fallback).next()).isNull();
    }
}
