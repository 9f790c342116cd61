package dev.ichigen.fulfillment;

import java.util.List;

/**
 * A shipment left the warehouse (出荷済): its orders with their channel identity, the carrier and the tracking
 * numbers — what the channel write-back (出荷通知) needs. No connector listens yet.
 */
public record ShipmentShipped(long shipmentId, String shipmentKey, List<ShippedOrder> orders, String carrier,
        String service, List<String> trackingNumbers) {

    /** A member order: our id, its channel and the channel's order number. */
    public record ShippedOrder(long orderId, long channelId, String channelOrderNumber) {
    }
}
