package dev.ichigen.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A posted receipt (入荷): the good units of each line went into stock through the inventory ledger (movement
 * RECEIPT, reference {@code RECEIPT} key / line); damaged units are recorded here only and never become stock.
 * {@code alreadyPosted}: this answer is for a repeated post of the same key.
 */
public record Receipt(long id, String receiptKey, String purchaseOrder, String warehouse, String supplier, String note,
        List<Line> lines, Instant receivedAt, String receivedBy, boolean alreadyPosted) {

    Receipt withAlreadyPosted() {
        return new Receipt(id, receiptKey, purchaseOrder, warehouse, supplier, note, lines, receivedAt, receivedBy, true);
    }

    public record Line(int lineNo, Integer poLineNo, String sku, Long expectedQuantity, long countedQuantity,
            long damagedQuantity, String damageReason, String lotNo, LocalDate expiryDate, String location) {

        @com.fasterxml.jackson.annotation.JsonProperty("goodQuantity")
        public long goodQuantity() {
            return countedQuantity - damagedQuantity;
        }

        /** counted − expected (over- or short delivery); null when nothing was expected. */
        @com.fasterxml.jackson.annotation.JsonProperty("variance")
        public Long variance() {
            return expectedQuantity == null ? null : countedQuantity - expectedQuantity;
        }
    }
}
