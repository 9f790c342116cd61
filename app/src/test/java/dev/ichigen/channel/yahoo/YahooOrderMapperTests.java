package dev.ichigen.channel.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.shared.TaxRate;

/** The orderInfo → NewOrder mapping on the reference skeleton (yahoo/orderInfo-response-skeleton.xml) and variations. */
class YahooOrderMapperTests {

    static String reference() throws Exception {
        try (InputStream in = YahooOrderMapperTests.class.getResourceAsStream("/reference/yahoo/orderInfo-response-skeleton.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Element orderInfo(String xml) throws Exception {
        return YahooOrderMapper.child(YahooOrderMapper.child(YahooOrderMapper.parse(xml.getBytes(StandardCharsets.UTF_8)),
                "Result"), "OrderInfo");
    }

    @Test
    void mapsTheReferenceOrder() throws Exception {
        NewOrder o = YahooOrderMapper.map(7, orderInfo(reference()));
        assertThat(o.channelOrderNumber()).isEqualTo("yshop-10000001");
        assertThat(o.orderedAt()).isEqualTo(Instant.parse("2024-06-01T01:15:30Z")); // +09:00
        assertThat(o.customer().name()).isEqualTo("山田 花子");
        assertThat(o.customer().email()).isEqualTo("buyer@example.com");
        assertThat(o.customer().phone()).isEqualTo("03-0000-0000");
        assertThat(o.ordererAddress().postalCode()).isEqualTo("100-0001");
        assertThat(o.destinations()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("山田 花子");
            assertThat(d.phone()).isEqualTo("03-0000-0000");
            assertThat(d.address().postalCode()).isEqualTo("100-0001");
            assertThat(d.address().prefecture()).isEqualTo("東京都");
            assertThat(d.address().city()).isEqualTo("千代田区");
            assertThat(d.address().street()).isEqualTo("千代田1-1");
        });
        assertThat(o.lines()).hasSize(2);
        assertThat(o.lines().get(0)).satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("towel-2p");
            assertThat(l.subCode()).isEmpty();
            assertThat(l.unitPrice()).isEqualTo(2200);
            assertThat(l.quantity()).isEqualTo(1);
            assertThat(l.taxRate()).isEqualTo(TaxRate.STANDARD_10);
            assertThat(l.lineKey()).isEqualTo("1");
        });
        assertThat(o.lines().get(1)).satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("coffee-10");
            assertThat(l.subCode()).isEqualTo("black"); // stock key = ItemId + SubCode
            assertThat(l.taxRate()).isEqualTo(TaxRate.REDUCED_8); // ItemTaxRatio is a percent
        });
        assertThat(o.charges().shippingFee()).isEqualTo(660);
        assertThat(o.charges().codFee()).isZero();
        assertThat(o.channelGrandTotal()).isEqualTo(3900); // 2200 + 1040 + 660
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(o.delivery().date()).isEqualTo(LocalDate.of(2024, 6, 5));
        assertThat(o.delivery().timeSlotText()).isEqualTo("14:00-16:00");
        assertThat(o.cancelled()).isFalse();
        assertThat(o.remarks()).isNull();
    }

    @Test
    void pointsCouponsFeesGiftNoshiRemarksAndCancellation() throws Exception {
        String xml = reference()
                .replace("<UsePoint>0</UsePoint>", "<UsePoint>300</UsePoint>")
                .replace("<Discount>0</Discount>", "<Discount>200</Discount><GiftWrapCharge>330</GiftWrapCharge>")
                .replace("<PayCharge>0</PayCharge>", "<PayCharge>330</PayCharge>")
                .replace("<TotalPrice>3900</TotalPrice>", "<TotalPrice>4060</TotalPrice>")
                .replace("<PayMethod>payment_a1</PayMethod>", "<PayMethod>payment_b1</PayMethod>")
                .replace("<PayMethodName>クレジットカード決済</PayMethodName>", "<PayMethodName>商品代引</PayMethodName>")
                .replace("<ShipMethodName>", "<NeedGiftWrap>true</NeedGiftWrap><GiftWrapName>のし（御中元）</GiftWrapName><ShipMethodName>")
                .replace("<BuyerComments></BuyerComments>", "<BuyerComments>置き配希望</BuyerComments>")
                .replace("<ShipPhoneNumber>0300000000</ShipPhoneNumber>", "<ShipPhoneNumber>09012345678</ShipPhoneNumber>")
                .replace("<ShipRequestTime>14:00-16:00</ShipRequestTime>", "<ShipRequestTime>午前中</ShipRequestTime>");
        NewOrder o = YahooOrderMapper.map(7, orderInfo(xml));
        assertThat(o.pointsUsed()).isEqualTo(300);
        assertThat(o.discounts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscountKind.COUPON);
            assertThat(d.amount()).isEqualTo(200);
            assertThat(d.taxRate()).isEqualTo(TaxRate.STANDARD_10);
        });
        assertThat(o.charges().codFee()).isEqualTo(330);
        assertThat(o.charges().otherFees()).isEqualTo(330);
        // TotalPrice is after points: our grand total compares with TotalPrice + UsePoint
        assertThat(o.channelGrandTotal()).isEqualTo(4360);
        assertThat(o.paymentMethod()).isEqualTo(PaymentMethod.COD);
        assertThat(o.delivery().giftWrapping()).isTrue();
        assertThat(o.delivery().noshi()).isEqualTo("御中元");
        assertThat(o.delivery().timeSlotText()).isEqualTo("午前中");
        assertThat(o.remarks()).isEqualTo("置き配希望");
        assertThat(o.destinations().get(0).phone()).isEqualTo("090-1234-5678");

        NewOrder cancelled = YahooOrderMapper.map(7, orderInfo(reference().replace("<OrderStatus>2</OrderStatus>",
                "<OrderStatus>4</OrderStatus>")));
        assertThat(cancelled.cancelled()).isTrue();
    }

    @Test
    void paymentMethodsByCodeAndName() {
        assertThat(YahooOrderMapper.paymentMethod("payment_a1", null)).isEqualTo(PaymentMethod.CARD);
        assertThat(YahooOrderMapper.paymentMethod("payment_a17", "PayPay残高等")).isEqualTo(PaymentMethod.POINTS_OR_ID);
        assertThat(YahooOrderMapper.paymentMethod("payment_a19", "PayPayクレジット")).isEqualTo(PaymentMethod.DEFERRED);
        assertThat(YahooOrderMapper.paymentMethod("payment_d1", "銀行振込")).isEqualTo(PaymentMethod.BANK_TRANSFER);
        assertThat(YahooOrderMapper.paymentMethod("payment_a8", "コンビニ決済")).isEqualTo(PaymentMethod.CONVENIENCE_STORE);
        assertThat(YahooOrderMapper.paymentMethod("payment_zz", "商品代引")).isEqualTo(PaymentMethod.COD);
        assertThat(YahooOrderMapper.paymentMethod(null, null)).isEqualTo(PaymentMethod.OTHER);
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        assertThatThrownBy(() -> YahooOrderMapper.map(7, orderInfo(reference().replace("<ItemTaxRatio>8</ItemTaxRatio>",
                "<ItemTaxRatio>0.08</ItemTaxRatio>")))).isInstanceOf(YahooPayloadException.class)
                .hasMessageContaining("Item[1].ItemTaxRatio");
        assertThatThrownBy(() -> YahooOrderMapper.map(7, orderInfo(reference().replace("<Quantity>1</Quantity>",
                "<Quantity>x</Quantity>")))).isInstanceOf(YahooPayloadException.class).hasMessageContaining("Item[0].Quantity");
        assertThatThrownBy(() -> YahooOrderMapper.map(7, orderInfo(reference().replace("<OrderId>yshop-10000001</OrderId>", ""))))
                .isInstanceOf(YahooPayloadException.class).hasMessageContaining("OrderId");
    }

    @Test
    void externalEntitiesAndDoctypesAreRefused() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ResultSet><Result><OrderInfo><OrderId>&x;</OrderId></OrderInfo></Result></ResultSet>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> YahooOrderMapper.parse(xxe)).isInstanceOf(org.xml.sax.SAXException.class);
    }

    @Test
    void zipAndPhoneGetTheirHyphens() {
        assertThat(YahooOrderMapper.zip("1000001")).isEqualTo("100-0001");
        assertThat(YahooOrderMapper.phone("0312345678")).isEqualTo("03-1234-5678");
        assertThat(YahooOrderMapper.phone("09012345678")).isEqualTo("090-1234-5678");
        assertThat(YahooOrderMapper.phone("0120123456")).isEqualTo("0120-123-456");
        assertThat(YahooOrderMapper.phone("0112345678")).isEqualTo("011-234-5678");
    }
}
