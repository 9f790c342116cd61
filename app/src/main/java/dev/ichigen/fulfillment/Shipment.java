package dev.ichigen.fulfillment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 出荷: one parcel group leaving one warehouse — an order's shipment part, or a merge group's part (several
 * orders, 同梱). {@code key} ({@code S000123}) is printed as a barcode on the packing slip and sent to the carrier
 * as お客様管理番号. {@code cool} is NONE, CHILLED or FROZEN; {@code codAmount} the 代引き amount (0 = prepaid).
 */
public record Shipment(long id, String key, ShipmentStatus status, String unitKey, int part, Long mergeGroupId,
        String warehouse, LocalDate plannedShipDate, LocalDate deliveryDate, String timeSlot, String carrier,
        String service, long codAmount, String cool, List<Long> orderIds, List<Line> lines, List<Tracking> tracking,
        Instant createdAt, String createdBy, Instant packedAt, Instant shippedAt, Instant cancelledAt,
        String cancelReason) {

    /** The printed key of a shipment id: {@code S} + at least six digits. */
    public static String key(long id) {
        return String.format("S%06d", id);
    }

    /** The id in a scanned or typed key ({@code S000123}, {@code s123}); {@code null} when it is no key. */
    public static Long idOf(String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip();
        if (k.length() < 2 || (k.charAt(0) != 'S' && k.charAt(0) != 's') || !k.substring(1).chars().allMatch(Character::isDigit)
                || k.length() > 19) {
            return null;
        }
        return Long.parseLong(k.substring(1));
    }

    /** Every line packed in full. */
    public boolean fullyPacked() {
        return lines.stream().allMatch(l -> l.packedQuantity() == l.quantity());
    }

    /**
     * A line to pack: the order line it comes from, the SKU, its JAN when the product has one (scanned first;
     * the SKU is accepted when there is none), how many and how many were scanned so far.
     */
    public record Line(long orderId, int lineNo, String sku, String jan, String name, long quantity, long packedQuantity) {

        public long missing() {
            return quantity - packedQuantity;
        }
    }

    /** A tracking number (お問い合わせ番号) the carrier issued for one parcel of the shipment. */
    public record Tracking(String trackingNumber, String carrier, String url, Instant attachedAt) {
    }
}
