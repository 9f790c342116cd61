package dev.ichigen.channel.rakuten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.channel.connector.SalesChannelConnector.StockUpdate;
import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.shared.TaxRate;
import tools.jackson.databind.node.ObjectNode;

/** The RMS getOrder → NewOrder mapping on the reference skeleton (rakuten/rms-getOrder-response-skeleton.json). */
class RakutenOrderMapperTests {

    static ObjectNode reference() {
        try (InputStream in = RakutenOrderMapperTests.class.getResourceAsStream("/reference/rakuten/rms-getOrder-response-skeleton.json")) {
            return (ObjectNode) RakutenOrderMapper.JSON.readTree(in.readAllBytes()).path("OrderModelList").get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mapsTheReferenceOrder() {
        NewOrder o = RakutenOrderMapper.map(7, reference());
        assertThat(o.channelOrderNumber()).isEqualTo("123456-20240601-0000000001");
        assertThat(o.orderedAt()).isEqualTo(Instant.parse("2024-06-01T01:15:30Z")); // +0900
        assertThat(o.destinations()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("987654321");
            assertThat(d.name()).isEqualTo("楽天 太郎");
            assertThat(d.kana()).isEqualTo("ラクテン タロウ");
            assertThat(d.phone()).isEqualTo("011-000-0000");
            assertThat(d.address().postalCode()).isEqualTo("060-0001");
            assertThat(d.address().prefecture()).isEqualTo("北海道");
            assertThat(d.address().city()).isEqualTo("札幌市中央区");
            assertThat(d.address().street()).isEqualTo("北一条西1-1");
        });
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0)).satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("towel-2p");
            assertThat(l.subCode()).isEqualTo("towel-2p-white");
            assertThat(l.unitPrice()).isEqualTo(2200);
            assertThat(l.taxRate()).isEqualTo(TaxRate.STANDARD_10);
            assertThat(l.destination()).isEqualTo("987654321");
            assertThat(l.lineKey()).isEqualTo("111111111");
        });
        assertThat(o.lines().get(1)).satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("coffee-10");
            assertThat(l.subCode()).isEmpty(); // variantId = manageNumber: an item without variations
            assertThat(l.taxRate()).isEqualTo(TaxRate.REDUCED_8);
        });
        assertThat(o.charges().shippingFee()).isEqualTo(660);
        assertThat(o.pointsUsed()).isEqualTo(100);
        assertThat(o.channelGrandTotal()).isEqualTo(3900);
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(o.delivery().date()).isEqualTo(LocalDate.parse("2024-06-05"));
        assertThat(o.delivery().timeSlot()).isEqualTo("14-16");
        // the [配送日時指定:] block is read from the fields, not kept as the buyer's remarks
        assertThat(o.remarks()).isNull();
        assertThat(o.tags()).isEmpty();
        assertThat(o.cancelled()).isFalse();
    }

    @Test
    void minus9999IsNeverSummedAndTagsTheOrder() {
        ObjectNode j = reference();
        j.put("postagePrice", -9999).put("totalPrice", -9999).put("requestPrice", -9999);
        ((ObjectNode) j.path("PackageModelList").get(0)).put("postagePrice", -9999).put("totalPrice", -9999);
        NewOrder o = RakutenOrderMapper.map(7, j);
        assertThat(o.charges().shippingFee()).isZero();
        assertThat(o.channelGrandTotal()).isNull();
        assertThat(o.tags()).containsExactly(RakutenOrderMapper.AMOUNT_NOT_FIXED_TAG);
        assertThat(RakutenOrderMapper.amountsFixed(j)).isFalse();
        assertThat(RakutenOrderMapper.amountsFixed(reference())).isTrue();
    }

    @Test
    void couponsPointsFeesWrappingAndCancellation() {
        ObjectNode j = reference();
        j.put("couponShopPrice", 300).put("couponOtherPrice", 200).put("deliveryPrice", 330).put("orderProgress", 900);
        j.putObject("WrappingModel1").put("title", 1).put("name", "包装紙").put("price", 330).put("deleteWrappingFlag", 0);
        ((ObjectNode) j.path("PackageModelList").get(0)).put("deliveryPrice", 330).put("noshi", "御祝");
        j.putArray("CouponModelList").addObject().put("couponName", "300円OFFクーポン");
        ((ObjectNode) j.path("TaxSummaryModelList").get(0)).put("couponPrice", 300);
        ((ObjectNode) j.path("SettlementModel")).put("settlementMethod", "代金引換");
        j.put("remarks", "[配送日時指定:]\n2024-06-05(水) 14:00-16:00\n[ご要望:]\n置き配を希望します。");
        NewOrder o = RakutenOrderMapper.map(7, j);
        assertThat(o.discounts()).hasSize(2);
        assertThat(o.discounts().get(0)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscountKind.COUPON);
            assertThat(d.amount()).isEqualTo(300);
            assertThat(d.taxRate()).isEqualTo(TaxRate.STANDARD_10);
            assertThat(d.name()).isEqualTo("300円OFFクーポン");
        });
        assertThat(o.discounts().get(1).kind()).isEqualTo(DiscountKind.MALL_COUPON);
        assertThat(o.charges().codFee()).isEqualTo(330);
        assertThat(o.charges().otherFees()).isEqualTo(330);
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.COD);
        assertThat(o.delivery().giftWrapping()).isTrue();
        assertThat(o.delivery().noshi()).isEqualTo("御祝");
        assertThat(o.remarks()).isEqualTo("置き配を希望します。");
        assertThat(o.channelGrandTotal()).isEqualTo(3900 - 300);
        assertThat(o.cancelled()).isTrue();
    }

    @Test
    void casingOfKeysDoesNotMatterAndBadFieldsAreNamed() {
        ObjectNode j = reference();
        j.set("ordernumber", j.remove("orderNumber"));
        assertThat(RakutenOrderMapper.map(7, j).channelOrderNumber()).isEqualTo("123456-20240601-0000000001");

        ObjectNode rate = reference();
        ((ObjectNode) rate.path("PackageModelList").get(0).path("ItemModelList").get(0)).put("taxRate", 0.05);
        assertThatThrownBy(() -> RakutenOrderMapper.map(7, rate)).isInstanceOf(RakutenPayloadException.class)
                .hasMessageContaining("PackageModelList[0].ItemModelList[0].taxRate");
        ObjectNode noTime = reference();
        noTime.remove("orderDatetime");
        assertThatThrownBy(() -> RakutenOrderMapper.map(7, noTime)).hasMessage("orderDatetime: missing");
    }

    @Test
    void paymentNamesAndTimeSlots() {
        assertThat(RakutenOrderMapper.paymentMethod("銀行振込")).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(RakutenOrderMapper.paymentMethod("後払い決済")).isEqualTo(PaymentMethod.DEFERRED);
        assertThat(RakutenOrderMapper.paymentMethod("ローソン、郵便局ATM等（前払）")).isEqualTo(PaymentMethod.CONVENIENCE_STORE);
        assertThat(RakutenOrderMapper.paymentMethod("Apple Pay")).isEqualTo(PaymentMethod.POINTS_OR_ID);
        assertThat(RakutenOrderMapper.shippingTerm(1)).isEqualTo("午前中");
        assertThat(RakutenOrderMapper.shippingTerm(1820)).isEqualTo("18:00-20:00");
        assertThat(RakutenOrderMapper.shippingTerm(0)).isNull();
    }

    @Test
    void cursorAndStockKeys() {
        RakutenConnector.Cursor c = RakutenConnector.Cursor.parse(
                "since=2026-01-01T00:00:00Z;from=2025-12-31T23:50:00Z;to=2026-01-02T00:00:00Z;page=3;wait=a-1,b-2",
                Instant.EPOCH);
        assertThat(c.page()).isEqualTo(3);
        assertThat(c.waiting()).containsExactly("a-1", "b-2");
        assertThat(RakutenConnector.Cursor.parse(c.format(), Instant.EPOCH)).isEqualTo(c);
        assertThat(RakutenConnector.Cursor.parse(null, Instant.EPOCH).since()).isEqualTo(Instant.EPOCH);
        assertThat(RakutenConnector.variantId(new StockUpdate("S", "towel-2p", "towel-2p-white", null, 1))).isEqualTo("towel-2p-white");
        assertThat(RakutenConnector.variantId(new StockUpdate("S", "coffee-10", "", null, 1))).isEqualTo("coffee-10");
        assertThat(RakutenConnector.variantId(new StockUpdate("S", "coffee-10", "", "c10-sku", 1))).isEqualTo("c10-sku");
        assertThat(List.of(RakutenClient.rms(Instant.parse("2024-06-01T01:15:30Z")))).containsExactly("2024-06-01T10:15:30+0900");
    }
}
