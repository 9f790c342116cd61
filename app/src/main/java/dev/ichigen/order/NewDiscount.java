package dev.ichigen.order;

import dev.ichigen.shared.TaxRate;

/**
 * An order-level discount or coupon of {@code amount} yen (positive), reducing the goods of {@code taxRate}
 * (税率ごとの値引き: a coupon on food reduces the 8% amount). {@code includesTax}: the amount is 税込.
 */
public record NewDiscount(DiscountKind kind, String name, long amount, TaxRate taxRate, boolean includesTax) {
}
