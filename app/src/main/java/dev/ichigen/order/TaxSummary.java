package dev.ichigen.order;

import dev.ichigen.shared.TaxRate;

/**
 * 税率ごとの合計 (qualified invoice items 4 and 5, ../shared/reference/invoice): the amount of one tax rate,
 * tax included ({@code taxableAmount}, after shop discounts; fees count as 10%), and the consumption tax in
 * it. The tax is computed ONCE per rate per order and rounded down (切り捨て) — never per line and summed.
 */
public record TaxSummary(TaxRate rate, long taxableAmount, long tax) {

    /** The same amount without tax (税抜). */
    public long amountExcludingTax() {
        return taxableAmount - tax;
    }
}
