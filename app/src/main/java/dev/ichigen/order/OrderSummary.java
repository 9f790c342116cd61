package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/**
 * One row of the order list: enough to find and triage an order; {@code openHolds} are hold codes;
 * {@code prefecture} is the first destination's 都道府県, else the orderer's.
 */
public record OrderSummary(long id, long channelId, String channelOrderNumber, String orderName, Instant orderedAt,
        OrderStatus status, String customerName, String prefecture, long grandTotal, long amountToCollect, PaymentMethod paymentMethod,
        PaymentStatus paymentStatus, AllocationState allocation, List<String> openHolds) {
}
