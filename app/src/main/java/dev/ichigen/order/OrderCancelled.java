package dev.ichigen.order;

/** The order was cancelled (by the channel or a person) and its reservations released. */
public record OrderCancelled(long orderId, String reason) {
}
