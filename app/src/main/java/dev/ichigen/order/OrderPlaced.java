package dev.ichigen.order;

/** A new order was taken in (受注取込); {@code status} is where it stands after checks and allocation. */
public record OrderPlaced(long orderId, long channelId, String channelOrderNumber, OrderStatus status) {
}
