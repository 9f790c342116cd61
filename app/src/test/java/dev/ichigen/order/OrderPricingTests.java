package dev.ichigen.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

class OrderPricingTests {

    private static NewOrder.Builder order() {
        return NewOrder.builder(1, "T-1").orderedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .payment(PaymentMethod.CARD, null);
    }

    private static NewOrderLine line(String sku, long quantity, long price, TaxRate rate, boolean included) {
        return new NewOrderLine(null, null, null, null, Sku.of(sku), sku, quantity, price, rate, included);
    }

    @Test
    void roundsTaxOncePerRateNotPerLine() {
        // per line: ⌊100·8/108⌋ = 7 three times = 21 and ⌊105·10/110⌋ = 9 twice = 18; per rate: 22 and 19
        NewOrder o = OrderNormaliser.normalise(order()
                .line(line("A", 1, 100, TaxRate.REDUCED_8, true)).line(line("B", 1, 100, TaxRate.REDUCED_8, true))
                .line(line("C", 1, 100, TaxRate.REDUCED_8, true)).line(line("D", 1, 105, TaxRate.STANDARD_10, true))
                .line(line("E", 1, 105, TaxRate.STANDARD_10, true)).build());
        OrderTotals t = OrderPricing.compute(o);
        assertThat(t.taxSummary()).containsExactly(new TaxSummary(TaxRate.STANDARD_10, 210, 19),
                new TaxSummary(TaxRate.REDUCED_8, 300, 22));
        assertThat(t.grandTotal()).isEqualTo(510);
        assertThat(t.taxAdded()).isZero();
    }

    @Test
    void feesAreStandardRateAndDiscountsReduceTheirOwnRate() {
        NewOrder o = OrderNormaliser.normalise(order()
                .line(line("TEA", 2, 1080, TaxRate.REDUCED_8, true))
                .line(line("CUP", 1, 2200, TaxRate.STANDARD_10, true))
                .discount(new NewDiscount(DiscountKind.COUPON, "食品10%OFF", 216, TaxRate.REDUCED_8, true))
                .charges(new Charges(880, 330, 0, true)).build());
        OrderTotals t = OrderPricing.compute(o);
        // 8%: 2160 − 216 = 1944 → ⌊1944·8/108⌋ = 144; 10%: 2200 + 880 + 330 = 3410 → ⌊3410·10/110⌋ = 310
        assertThat(t.taxSummary()).containsExactly(new TaxSummary(TaxRate.STANDARD_10, 3410, 310),
                new TaxSummary(TaxRate.REDUCED_8, 1944, 144));
        assertThat(t.goodsTotal()).isEqualTo(4360);
        assertThat(t.discountTotal()).isEqualTo(216);
        assertThat(t.grandTotal()).isEqualTo(4360 - 216 + 880 + 330);
    }

    @Test
    void pointsAndMallCouponsLowerTheAmountToCollectButNotTheTaxableAmount() {
        NewOrder o = OrderNormaliser.normalise(order()
                .line(line("A", 1, 11000, TaxRate.STANDARD_10, true))
                .discount(new NewDiscount(DiscountKind.MALL_COUPON, "楽天クーポン", 1000, TaxRate.STANDARD_10, true))
                .pointsUsed(500).build());
        OrderTotals t = OrderPricing.compute(o);
        assertThat(t.taxSummary()).containsExactly(new TaxSummary(TaxRate.STANDARD_10, 11000, 1000));
        assertThat(t.grandTotal()).isEqualTo(11000);
        assertThat(t.mallCouponTotal()).isEqualTo(1000);
        assertThat(t.amountToCollect()).isEqualTo(9500);
    }

    @Test
    void taxExclusivePricesAddTaxOncePerRate() {
        // 3 × ¥99 税抜 at 10%: per line ⌊9.9⌋ = 9 → 27; once per rate ⌊29.7⌋ = 29
        NewOrder o = OrderNormaliser.normalise(order()
                .line(line("A", 1, 99, TaxRate.STANDARD_10, false)).line(line("B", 1, 99, TaxRate.STANDARD_10, false))
                .line(line("C", 1, 99, TaxRate.STANDARD_10, false)).build());
        OrderTotals t = OrderPricing.compute(o);
        assertThat(t.taxAdded()).isEqualTo(29);
        assertThat(t.taxSummary()).containsExactly(new TaxSummary(TaxRate.STANDARD_10, 326, 29));
        assertThat(t.grandTotal()).isEqualTo(326);
    }

    @Test
    void comparesTheChannelsTotalWithOurs() {
        NewOrder o = OrderNormaliser.normalise(order().line(line("A", 1, 1000, TaxRate.STANDARD_10, true))
                .channelGrandTotal(1100L).build());
        OrderTotals t = OrderPricing.compute(o);
        assertThat(t.grandTotal()).isEqualTo(1000);
        assertThat(t.channelGrandTotal()).isEqualTo(1100L);
        assertThat(t.matchesChannel()).isFalse();
    }
}
