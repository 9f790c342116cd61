package dev.ichigen.order;

import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * A line of a stored order: what the channel said ({@code statedSku} when it named our SKU itself), the
 * SKU it resolved to ({@code null} with {@code problem}), and its allocation — {@code reservation} ACTIVE/RELEASED/SHIPPED in {@code warehouse},
 * or {@code null} when nothing is reserved. {@code lineNo} is ours and stable; the inventory reservation of
 * the line is ({@link Order#reservationRef(long)}, {@code String.valueOf(lineNo)}).
 */
public record OrderLine(int lineNo, String lineKey, String destination, String itemCode, String subCode, Sku statedSku, Sku sku,
        OrderSnapshot.LineProblem problem, String name, long quantity, long unitPrice, TaxRate taxRate,
        boolean priceIncludesTax, String reservation, String warehouse) {

    public long amount() {
        return Math.multiplyExact(unitPrice, quantity);
    }
}
