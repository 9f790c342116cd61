package dev.ichigen.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.order.Charges;
import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.OrderTotals;
import dev.ichigen.order.TaxSummary;
import dev.ichigen.shared.TaxRate;

/**
 * Tax per rate on a document: rounded down ONCE per rate over the document's lines (適格請求書 item 5), in cases
 * where rounding each line and summing would give a different figure.
 */
class SlipPricingTests {

    static SlipPricing.Line line(long qty, long price, TaxRate rate) {
        return new SlipPricing.Line("x", qty, price, rate, true);
    }

    static SlipPricing.Line excl(long qty, long price, TaxRate rate) {
        return new SlipPricing.Line("x", qty, price, rate, false);
    }

    static TaxSummary rate(OrderTotals t, TaxRate r) {
        return t.taxSummary().stream().filter(s -> s.rate() == r).findFirst().orElseThrow();
    }

    /** What summing per-line rounded taxes (wrong) would give, for comparison. */
    static long perLine(List<SlipPricing.Line> lines, TaxRate r) {
        return lines.stream().filter(l -> l.rate() == r)
                .mapToLong(l -> Math.floorDiv(l.unitPrice() * l.quantity() * r.percent(), 100 + r.percent())).sum();
    }

    @Test
    void taxIncludedLinesAreRoundedOncePerRate() {
        // three separate ¥100 lines at 8%: per line ⌊100×8/108⌋ = 7 → 21; per rate ⌊300×8/108⌋ = 22
        // three ¥105 lines at 10%: per line ⌊105×10/110⌋ = 9 → 27; per rate ⌊315×10/110⌋ = 28
        List<SlipPricing.Line> lines = List.of(line(1, 100, TaxRate.REDUCED_8), line(1, 100, TaxRate.REDUCED_8),
                line(1, 100, TaxRate.REDUCED_8), line(1, 105, TaxRate.STANDARD_10), line(1, 105, TaxRate.STANDARD_10),
                line(1, 105, TaxRate.STANDARD_10));

        OrderTotals t = SlipPricing.totals(lines, List.of(), Charges.NONE, 0);

        assertThat(perLine(lines, TaxRate.REDUCED_8)).isEqualTo(21);
        assertThat(rate(t, TaxRate.REDUCED_8)).isEqualTo(new TaxSummary(TaxRate.REDUCED_8, 300, 22));
        assertThat(perLine(lines, TaxRate.STANDARD_10)).isEqualTo(27);
        assertThat(rate(t, TaxRate.STANDARD_10)).isEqualTo(new TaxSummary(TaxRate.STANDARD_10, 315, 28));
        assertThat(t.grandTotal()).isEqualTo(615);
    }

    @Test
    void taxExclusiveLinesAddTaxRoundedOncePerRate() {
        // three ¥19 lines at 8% 外税: per line ⌊19×8/100⌋ = 1 → 3; per rate ⌊57×8/100⌋ = 4 (taxable 57 + 4 = 61)
        List<SlipPricing.Line> lines = List.of(excl(1, 19, TaxRate.REDUCED_8), excl(1, 19, TaxRate.REDUCED_8),
                excl(1, 19, TaxRate.REDUCED_8));

        OrderTotals t = SlipPricing.totals(lines, List.of(), Charges.NONE, 0);

        long perLine = 3 * Math.floorDiv(19 * 8, 100);
        assertThat(perLine).isEqualTo(3);
        assertThat(t.taxAdded()).isEqualTo(4);
        assertThat(rate(t, TaxRate.REDUCED_8)).isEqualTo(new TaxSummary(TaxRate.REDUCED_8, 61, 4));
        assertThat(t.grandTotal()).isEqualTo(61);
    }

    @Test
    void feesCountAt10PercentDiscountsLowerTheirRateAndPointsDoNot() {
        // 8%: 3 × ¥100 − ¥50 coupon on food = ¥250 → ⌊250×8/108⌋ = 18; 10%: ¥1,100 + ¥550 shipping + ¥330 COD fee = ¥1,980 → 180
        List<SlipPricing.Line> lines = List.of(line(3, 100, TaxRate.REDUCED_8), line(1, 1100, TaxRate.STANDARD_10));
        OrderTotals t = SlipPricing.totals(lines, List.of(new NewDiscount(DiscountKind.COUPON, "食品クーポン", 50, TaxRate.REDUCED_8, true)),
                new Charges(550, 330, 0, true), 200);

        assertThat(rate(t, TaxRate.REDUCED_8)).isEqualTo(new TaxSummary(TaxRate.REDUCED_8, 250, 18));
        assertThat(rate(t, TaxRate.STANDARD_10)).isEqualTo(new TaxSummary(TaxRate.STANDARD_10, 1980, 180));
        assertThat(t.grandTotal()).isEqualTo(2230);
        assertThat(t.amountToCollect()).isEqualTo(2030);
    }

    @Test
    void yenIsPrintedWithThousandsSeparators() {
        assertThat(DeliverySlips.yen(1234567)).isEqualTo("¥1,234,567");
        assertThat(DeliverySlips.yen(-100)).isEqualTo("-¥100");
        assertThat(DeliverySlips.normalizeKey("123")).isEqualTo("S000123");
        assertThat(DeliverySlips.normalizeKey("S000123")).isEqualTo("S000123");
    }
}
