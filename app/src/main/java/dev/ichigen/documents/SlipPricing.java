package dev.ichigen.documents;

import java.util.List;

import dev.ichigen.order.Charges;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderPricing;
import dev.ichigen.order.OrderTotals;
import dev.ichigen.shared.TaxRate;

/**
 * The money of one document, priced by the order module's {@link OrderPricing} (not re-implemented here) over the
 * lines IN THAT DOCUMENT: a shipment that carries part of an order, or several merged orders, gets its own per-rate
 * totals. Consumption tax is therefore rounded down once per rate per document — 適格請求書 item 5
 * (../shared/reference/invoice/qualified-invoice-required-items.csv: 税率ごとに区分した消費税額, one rounding per
 * rate per invoice), never per line and summed.
 */
final class SlipPricing {

    private SlipPricing() {
    }

    /** A priced line: unit price on its own tax basis (税込 when {@code includesTax}). */
    record Line(String name, long quantity, long unitPrice, TaxRate rate, boolean includesTax) {
    }

    /**
     * Totals of {@code lines} plus the order-level amounts this document carries (fees, shop discounts, points; empty
     * or zero on a document that does not carry them).
     */
    static OrderTotals totals(List<Line> lines, List<NewDiscount> discounts, Charges charges, long pointsUsed) {
        NewOrder.Builder b = NewOrder.builder(0, "document").charges(charges).pointsUsed(pointsUsed);
        for (Line l : lines) {
            b.line(new NewOrderLine(null, null, null, null, null, l.name(), l.quantity(), l.unitPrice(), l.rate(), l.includesTax()));
        }
        discounts.forEach(b::discount);
        return OrderPricing.compute(b.build());
    }
}
