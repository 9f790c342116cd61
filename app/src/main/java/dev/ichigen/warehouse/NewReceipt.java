package dev.ichigen.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * Command: 入荷 — a receipt against a purchase order ({@code purchaseOrder} = its number; the warehouse is the PO's)
 * or a free receipt (no PO; {@code warehouse} required). {@code receiptKey} makes posting idempotent (the delivery
 * note number, or a key the screen generated): posting the same key again returns the first receipt, nothing is
 * counted twice.
 */
public record NewReceipt(String receiptKey, String purchaseOrder, String warehouse, String supplier, String note,
        List<Line> lines) {

    /**
     * 検品 of one line: the SKU or its JAN as scanned; {@code countedQuantity} units counted in total, of which
     * {@code damagedQuantity} damaged ({@code damageReason} required then); {@code expectedQuantity} for a free receipt
     * (a PO line's outstanding quantity otherwise); lot number and expiry date (required for lot-managed products);
     * the put-away location code (null = 未棚入れ). {@code poLineNo} picks the PO line (by SKU when null).
     */
    public record Line(String sku, String jan, Integer poLineNo, Long expectedQuantity, Long countedQuantity,
            Long damagedQuantity, String damageReason, String lotNo, LocalDate expiryDate, String location) {
    }
}
