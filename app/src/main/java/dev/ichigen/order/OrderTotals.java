package dev.ichigen.order;

import java.util.List;

/**
 * The money of an order, computed by ichigen from lines, discounts and fees (yen).
 *
 * <ul>
 * <li>{@code goodsTotal} 商品合計: Σ unit price × quantity, each line on its own tax basis.</li>
 * <li>{@code discountTotal}: shop discounts and coupons (they lower the taxable amount).</li>
 * <li>{@code taxAdded} 外税: tax added on top of tax-exclusive amounts, per rate, rounded down once per rate.</li>
 * <li>{@code grandTotal} 合計 = goods − discounts + fees + taxAdded.</li>
 * <li>{@code amountToCollect} 請求額 = grandTotal − points − mall coupons (what the payment method, or the
 * carrier for 代引き, still has to collect).</li>
 * <li>{@code channelGrandTotal}: the channel's own figure when it stated one; {@link #matchesChannel()}.</li>
 * </ul>
 */
public record OrderTotals(long goodsTotal, long discountTotal, long mallCouponTotal, long shippingFee, long codFee,
        long otherFees, long taxAdded, long grandTotal, long pointsUsed, long amountToCollect, Long channelGrandTotal,
        List<TaxSummary> taxSummary) {

    /** True when the channel stated no total or the same total as ours. */
    public boolean matchesChannel() {
        return channelGrandTotal == null || channelGrandTotal == grandTotal;
    }
}
