package dev.ichigen.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Orders per status (for the status tabs) and per channel and status. Open statuses count every order;
 * SHIPPED and CANCELLED count orders ordered since {@code closedSince} (they pile up forever).
 */
public record OrderCounts(Map<OrderStatus, Long> byStatus, List<ChannelCount> byChannel, Instant closedSince) {

    public record ChannelCount(long channelId, OrderStatus status, long count) {
    }
}
