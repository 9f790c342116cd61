package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/**
 * 受注: one order from one channel, as stored — the channel's content, the SKUs its lines resolved to,
 * computed totals with the tax summary per rate, the allocation, the holds (open and resolved) and the
 * derived {@link OrderStatus}. The history is {@link OrderManagement#history(long)}.
 */
public record Order(long id, long channelId, String channelOrderNumber, String orderName, Instant orderedAt,
        OrderStatus status, Instant statusChangedAt, Customer customer, Address ordererAddress,
        List<Destination> destinations, List<OrderLine> lines, List<NewDiscount> discounts, Charges charges,
        PaymentMethod paymentMethod, PaymentStatus paymentStatus, DeliveryRequest delivery, String remarks,
        List<String> tags, List<String> insertFlyers, ShippingPlan shippingPlan, OrderTotals totals,
        Allocation allocation, List<Hold> holds, Instant cancelledAt, String cancelReason, Instant shippedAt,
        Instant createdAt, Instant updatedAt) {

    /** The order reference of its stock reservations in inventory ({@code InventoryManagement}). */
    public static String reservationRef(long orderId) {
        return "order:" + orderId;
    }

    public String reservationRef() {
        return reservationRef(id);
    }

    public List<Hold> openHolds() {
        return holds.stream().filter(Hold::open).toList();
    }
}
