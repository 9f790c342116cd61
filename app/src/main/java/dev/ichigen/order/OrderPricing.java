package dev.ichigen.order;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.ichigen.shared.TaxRate;

/**
 * Totals and the tax summary of an order (pure arithmetic, whole yen).
 *
 * <p>Consumption tax is computed ONCE PER RATE PER ORDER and rounded down (切り捨て) — the qualified invoice
 * rule (適格請求書: 税率ごとに区分した消費税額, one rounding per rate per document; see
 * ../shared/reference/invoice/qualified-invoice-required-items.csv). Summing per-line rounded taxes is wrong:
 * three ¥100 lines at 8% hold ⌊300 × 8/108⌋ = 22 yen, not 3 × ⌊100 × 8/108⌋ = 21.
 *
 * <p>Per rate r (in %): I = tax-included amounts of lines − shop discounts (+ fees at 10%), E = the same for
 * tax-exclusive amounts. Tax = ⌊I·r/(100+r)⌋ when all is tax-included, ⌊E·r/100⌋ when all is tax-exclusive,
 * and ⌊(I·r·100 + E·r·(100+r)) / (100·(100+r))⌋ — still one rounding over the exact sum — for the rare mix.
 * Tax added on top (外税) is ⌊E·r/100⌋ per rate. Shipping, COD and other fees are taxed at 10%. Points and
 * mall coupons are means of payment: they do not lower the taxable amount, only the amount to collect.
 *
 * <p>Public so documents can price a part of an order the same way: the 納品書 of a shipment builds a
 * {@link NewOrder} from the lines in that shipment and takes its per-rate totals from here.
 */
public final class OrderPricing {

    private OrderPricing() {
    }

    public static OrderTotals compute(NewOrder order) {
        Map<TaxRate, long[]> perRate = new EnumMap<>(TaxRate.class); // [0] tax-included, [1] tax-exclusive
        long goods = 0;
        for (NewOrderLine line : order.lines()) {
            long amount = line.amount();
            goods += amount;
            perRate.computeIfAbsent(line.taxRate(), r -> new long[2])[line.priceIncludesTax() ? 0 : 1] += amount;
        }
        long discounts = 0;
        long mallCoupons = 0;
        for (NewDiscount d : order.discounts()) {
            if (d.kind().reducesTaxableAmount()) {
                discounts += d.amount();
                perRate.computeIfAbsent(d.taxRate(), r -> new long[2])[d.includesTax() ? 0 : 1] -= d.amount();
            } else {
                mallCoupons += d.amount();
            }
        }
        Charges charges = order.charges();
        long fees = charges.total();
        if (fees != 0) {
            perRate.computeIfAbsent(TaxRate.STANDARD_10, r -> new long[2])[charges.includeTax() ? 0 : 1] += fees;
        }
        long taxAdded = 0;
        List<TaxSummary> summary = new ArrayList<>();
        for (TaxRate rate : TaxRate.values()) {
            long[] amounts = perRate.get(rate);
            if (amounts == null) {
                continue;
            }
            long included = amounts[0];
            long excluded = amounts[1];
            long p = rate.percent();
            long added = excluded == 0 ? 0 : Math.floorDiv(excluded * p, 100);
            long tax;
            if (excluded == 0) {
                tax = Math.floorDiv(included * p, 100 + p);
            } else if (included == 0) {
                tax = added;
            } else {
                tax = Math.floorDiv(included * p * 100 + excluded * p * (100 + p), 100 * (100 + p));
            }
            taxAdded += added;
            summary.add(new TaxSummary(rate, included + excluded + added, tax));
        }
        long grand = goods - discounts + fees + taxAdded;
        long toCollect = grand - order.pointsUsed() - mallCoupons;
        return new OrderTotals(goods, discounts, mallCoupons, charges.shippingFee(), charges.codFee(), charges.otherFees(),
                taxAdded, grand, order.pointsUsed(), toCollect, order.channelGrandTotal(), List.copyOf(summary));
    }
}
