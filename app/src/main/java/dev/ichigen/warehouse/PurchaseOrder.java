package dev.ichigen.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 発注: goods ordered from a supplier for one warehouse, expected on a date. Each line counts the good units received
 * so far ({@code receivedQuantity}) and the damaged ones refused at inspection ({@code damagedQuantity}, not counted as
 * received: the supplier owes them still).
 */
public record PurchaseOrder(long id, String number, String supplier, String warehouse, LocalDate expectedDate,
        PurchaseOrderStatus status, String note, List<Line> lines, Instant createdAt, String createdBy) {

    public record Line(int lineNo, String sku, long quantity, long receivedQuantity, long damagedQuantity) {

        @com.fasterxml.jackson.annotation.JsonProperty("outstanding")
        public long outstanding() {
            return Math.max(0, quantity - receivedQuantity);
        }
    }
}
