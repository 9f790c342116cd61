package dev.ichigen.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.shared.Sku;

/**
 * An order being changed inside one transaction: the facts its status is derived from, the lines and
 * holds, and the history lines and events to write when it is settled ({@link OrderProcessor#settle}).
 */
final class OrderState {

    final long id;
    final long channelId;
    final String channelOrderNumber;
    Instant orderedAt;
    final boolean isNew;
    OrderStatus status;
    Instant statusChangedAt;
    PaymentStatus paymentStatus;
    AllocationState allocation;
    String warehouse;
    String shortfall;
    Instant cancelledAt;
    String cancelReason;
    Instant shippedAt;
    List<String> duplicateKeys = Arrays.asList(null, null);
    /** {@link OrderSnapshot#mergeKey()}, for 同梱 ({@link ShipmentGrouping}). */
    String mergeKey;
    List<OrderStore.StoredLine> lines = List.of();
    List<OrderStore.HoldRow> holds = new ArrayList<>();
    /** Look-ups of this change: catalog items by SKU, and the stocked SKUs each ordered SKU takes stock from. */
    final Map<Sku, CatalogItem> items = new HashMap<>();
    final Map<Sku, Set<String>> stockedSkus = new HashMap<>();
    final List<OrderStore.HistoryRow> history = new ArrayList<>();
    final List<Object> events = new ArrayList<>();

    OrderState(OrderStore.Header h, boolean isNew) {
        this.id = h.id();
        this.channelId = h.channelId();
        this.channelOrderNumber = h.channelOrderNumber();
        this.orderedAt = h.orderedAt();
        this.isNew = isNew;
        this.status = h.status();
        this.paymentStatus = h.paymentStatus();
        this.allocation = h.allocation();
        this.warehouse = h.warehouse();
        this.shortfall = h.shortfall();
        this.cancelledAt = h.cancelledAt();
        this.cancelReason = h.cancelReason();
        this.shippedAt = h.shippedAt();
        this.statusChangedAt = h.statusChangedAt();
        this.duplicateKeys = Arrays.asList(h.dupKeyPhone(), h.dupKeyEmail());
        this.mergeKey = h.mergeKey();
    }

    boolean cancelled() {
        return cancelledAt != null;
    }

    boolean shipped() {
        return shippedAt != null;
    }

    String reservationRef() {
        return Order.reservationRef(id);
    }

    List<OrderStore.HoldRow> openHolds() {
        return holds.stream().filter(OrderStore.HoldRow::open).toList();
    }

    void history(String kind, String field, String before, String after, String note) {
        history.add(new OrderStore.HistoryRow(kind, field, before, after, note));
    }
}
