package dev.ichigen.order;

/** The order left the warehouse (出荷済): its reserved stock was shipped. */
public record OrderShipped(long orderId) {
}
