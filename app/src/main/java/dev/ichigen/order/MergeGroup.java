package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/**
 * 同梱グループ: open orders of one orderer to one recipient and address that leave as one parcel; each order
 * keeps its channel identity. {@code automatic} when the system merged them.
 */
public record MergeGroup(long id, Instant createdAt, String createdBy, boolean automatic, List<OrderSummary> orders) {

    /** The parcel can go when every order in it is 出荷待ち. */
    public boolean readyToShip() {
        return !orders.isEmpty() && orders.stream().allMatch(o -> o.status() == OrderStatus.READY_TO_SHIP);
    }
}
