package dev.ichigen.order;

import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * One ordered item (受注明細) as the channel states it.
 *
 * <ul>
 * <li>{@code lineKey}: the channel's line id (Shopify line item id, 楽天 itemDetailId); stable across
 * updates of the order so a changed line is recognised. {@code null} = its position ("1", "2"…).</li>
 * <li>{@code destination}: key of the {@link NewDestination} it goes to; {@code null} = the first.</li>
 * <li>{@code itemCode}/{@code subCode}: the channel item (see catalog {@code ChannelListing}); resolved to
 * our SKU through the channel listings. {@code sku} may be given instead (own site, CSV) and then wins.</li>
 * <li>{@code unitPrice}: yen per unit, tax included when {@code priceIncludesTax} (税込), else 税抜.</li>
 * </ul>
 */
public record NewOrderLine(String lineKey, String destination, String itemCode, String subCode, Sku sku, String name,
        long quantity, long unitPrice, TaxRate taxRate, boolean priceIncludesTax) {

    /** A tax-included line of a channel item (no sub code) going to the first destination. */
    public static NewOrderLine of(String itemCode, String name, long quantity, long unitPrice, TaxRate taxRate) {
        return new NewOrderLine(null, null, itemCode, null, null, name, quantity, unitPrice, taxRate, true);
    }

    /** A tax-included line of one of our SKUs (own site, CSV) going to the first destination. */
    public static NewOrderLine ofSku(Sku sku, String name, long quantity, long unitPrice, TaxRate taxRate) {
        return new NewOrderLine(null, null, null, null, sku, name, quantity, unitPrice, taxRate, true);
    }

    /** Line amount in yen (unit price × quantity) on the line's own tax basis. */
    public long amount() {
        return Math.multiplyExact(unitPrice, quantity);
    }
}
