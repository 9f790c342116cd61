package dev.ichigen.warehouse;

import java.time.LocalDate;
import java.util.List;

/** Command: a purchase order (発注). {@code number} null = numbered by the system ({@code PO000123}). */
public record NewPurchaseOrder(String number, String supplier, String warehouse, LocalDate expectedDate, String note,
        List<Line> lines) {

    public record Line(String sku, Long quantity) {
    }
}
