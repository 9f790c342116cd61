package dev.ichigen.order;

/**
 * What an order-level reduction is. DISCOUNT and COUPON are paid by the shop: they lower the price and so
 * the taxable amount of their tax rate. MALL_COUPON (楽天負担クーポン and the like) is paid by the mall: for
 * the shop it is money received, a means of payment like points — it lowers the amount to collect, not the
 * taxable amount.
 */
public enum DiscountKind {
    DISCOUNT("値引き"),
    COUPON("店舗クーポン"),
    MALL_COUPON("モール負担クーポン");

    private final String label;

    DiscountKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether it reduces the taxable amount (課税対象額) of its rate. */
    public boolean reducesTaxableAmount() {
        return this != MALL_COUPON;
    }

    public static DiscountKind parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (DiscountKind k : values()) {
            if (k.name().equalsIgnoreCase(t) || k.label.equals(t)) {
                return k;
            }
        }
        return null;
    }
}
