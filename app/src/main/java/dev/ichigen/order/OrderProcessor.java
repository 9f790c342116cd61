package dev.ichigen.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.ReservationRequest;
import dev.ichigen.inventory.ReservationResult;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.Sku;

/**
 * The steps every change of an order goes through, inside the caller's transaction: resolve lines to SKUs,
 * run the checks, allocate stock, and settle — derive the status, write it with the history, publish the
 * events. Used by {@link OrderIntake}, {@link OrderManagement} and the backorder re-allocation.
 */
@Component
class OrderProcessor {

    private final OrderStore store;
    private final ChannelListings listings;
    private final ProductCatalog catalog;
    private final InventoryManagement inventory;
    private final CheckRunner checks;
    private final RuleRunner rules;
    private final Backorders backorders;
    private final ApplicationEventPublisher events;
    private final WarehouseManagement warehouses;
    private volatile List<Warehouse> activeWarehouses;
    private volatile long warehousesReadAt;

    OrderProcessor(OrderStore store, ChannelListings listings, ProductCatalog catalog, InventoryManagement inventory,
            CheckRunner checks, Backorders backorders, ApplicationEventPublisher events, WarehouseManagement warehouses,
            RuleRunner rules) {
        this.warehouses = warehouses;
        this.rules = rules;
        this.store = store;
        this.listings = listings;
        this.catalog = catalog;
        this.inventory = inventory;
        this.checks = checks;
        this.backorders = backorders;
        this.events = events;
    }

    // ------------------------------------------------------------------ resolving lines

    /**
     * Each line with the SKU it stands for: the SKU stated on the line, else the channel listing of its item.
     * {@code recordUnmapped}: an intake records unmapped items with the catalog (counted, listed for mapping);
     * a re-check only looks.
     */
    List<OrderSnapshot.Line> resolve(OrderState s, NewOrder o, boolean recordUnmapped) {
        List<OrderSnapshot.Line> lines = new ArrayList<>(o.lines().size());
        prefetch(s, o.lines().stream().map(NewOrderLine::sku).filter(Objects::nonNull).toList());
        for (NewOrderLine l : o.lines()) {
            Sku sku = l.sku();
            if (sku == null) {
                Optional<Sku> mapped = recordUnmapped
                        ? listings.resolve(o.channelId(), l.itemCode(), l.subCode(), "受注 " + o.channelOrderNumber())
                        : listings.lookup(o.channelId(), l.itemCode(), l.subCode());
                if (mapped.isEmpty()) {
                    lines.add(new OrderSnapshot.Line(l, null, OrderSnapshot.LineProblem.UNMAPPED));
                    continue;
                }
                sku = mapped.get();
            }
            CatalogItem item = item(s, sku);
            if (item == null) {
                lines.add(new OrderSnapshot.Line(l, null, OrderSnapshot.LineProblem.UNKNOWN_SKU));
            } else if (item.kind() == ProductKind.PARENT || stocked(s, item).isEmpty()) {
                lines.add(new OrderSnapshot.Line(l, null, OrderSnapshot.LineProblem.NOT_ORDERABLE));
            } else {
                lines.add(new OrderSnapshot.Line(l, sku, null));
            }
        }
        return lines;
    }

    /** Loads the catalog items of {@code skus} not known to {@code s} yet in one look-up (not one per line). */
    private void prefetch(OrderState s, List<Sku> skus) {
        List<Sku> missing = skus.stream().filter(k -> !s.items.containsKey(k)).distinct().toList();
        if (missing.size() < 2) {
            return; // one SKU: the single look-up in item() is as cheap
        }
        Map<Sku, CatalogItem> found = catalog.items(missing);
        missing.forEach(k -> s.items.put(k, found.get(k)));
    }

    private CatalogItem item(OrderState s, Sku sku) {
        if (!s.items.containsKey(sku)) {
            s.items.put(sku, catalog.item(sku).orElse(null));
        }
        return s.items.get(sku);
    }

    /** The stocked SKUs an ordered SKU takes stock from: itself, or a set's components. */
    private Set<String> stocked(OrderState s, CatalogItem item) {
        return s.stockedSkus.computeIfAbsent(item.sku(), k -> switch (item.kind()) {
            case SET -> catalog.setComponents(k).keySet().stream().map(Sku::value).collect(Collectors.toCollection(TreeSet::new));
            case SIMPLE, VARIANT -> Set.of(k.value());
            case PARENT -> Set.of();
        });
    }

    static List<OrderStore.StoredLine> storedLines(List<OrderSnapshot.Line> lines, Map<String, Integer> numbers) {
        List<OrderStore.StoredLine> stored = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderSnapshot.Line l = lines.get(i);
            int no = numbers == null ? i + 1 : numbers.get(l.line().lineKey());
            stored.add(new OrderStore.StoredLine(no, l.line().lineKey(), l.sku(), l.line().quantity(), l.problem()));
        }
        return stored;
    }

    // ------------------------------------------------------------------ checks

    void check(OrderState s, OrderSnapshot snapshot, Instant now) {
        List<String> raised = new ArrayList<>(checks.run(s, snapshot, now));
        raised.addAll(rules.run(s, snapshot, now)); // user-defined rules (受注処理ルール) after the checks
        if (!raised.isEmpty()) {
            s.events.add(new OrderHeld(s.id, List.copyOf(raised)));
        }
        s.duplicateKeys = snapshot.duplicateKeys();
        s.mergeKey = snapshot.mergeKey();
    }

    // ------------------------------------------------------------------ allocation (引当)

    /**
     * Reserves stock for the order, whole order in one warehouse or nothing ({@link InventoryManagement#reserveAll}).
     * An ALLOCATED order only reserves its {@code changedLines} (released by the caller before), in its
     * warehouse; if they do not fit there, the whole order is released and allocated afresh. A line without a
     * reservable SKU makes the order NOT_ALLOCATABLE (nothing reserved). With {@code respectQueue}, an order
     * that an older backorder of one of its SKUs is waiting ahead of joins the queue instead of reserving.
     */
    void allocate(OrderState s, Set<Integer> changedLines, boolean respectQueue) {
        if (s.cancelled() || s.shipped()) {
            return;
        }
        String ref = s.reservationRef();
        if (!s.lines.stream().allMatch(l -> l.sku() != null && l.problem() == null)) {
            if (s.allocation == AllocationState.ALLOCATED) {
                int released = inventory.releaseOrder(ref);
                s.history("RELEASED_STOCK", null, s.warehouse, null, released + "明細の引当を解除（SKU未確定の明細があるため）");
            }
            if (s.allocation == AllocationState.BACKORDERED) {
                backorders.remove(s.id);
            }
            s.allocation = AllocationState.NOT_ALLOCATABLE;
            s.warehouse = null;
            s.shortfall = null;
            return;
        }
        List<ReservationRequest> all = s.lines.stream()
                .map(l -> new ReservationRequest(String.valueOf(l.lineNo()), l.sku(), l.quantity())).toList();
        if (s.allocation == AllocationState.ALLOCATED) {
            List<ReservationRequest> changed = all.stream()
                    .filter(r -> changedLines != null && changedLines.contains(Integer.parseInt(r.lineRef()))).toList();
            if (changed.isEmpty()) {
                return;
            }
            boolean warehouseActive = activeWarehouses().stream().anyMatch(w -> w.code().equals(s.warehouse));
            if (warehouseActive && inventory.reserveAll(ref, changed, s.warehouse).reserved()) {
                s.history("ALLOCATED", "lines", null, describe(changed), "変更された明細を " + s.warehouse + " で引当");
                return;
            }
            int released = inventory.releaseOrder(ref);
            s.history("RELEASED_STOCK", null, s.warehouse, null,
                    released + "明細の引当を解除（変更後の明細が " + s.warehouse + " で揃わないため全体を引当し直し）");
            s.allocation = AllocationState.NOT_ALLOCATABLE;
            s.warehouse = null;
        }
        Set<String> needed = new TreeSet<>();
        for (OrderStore.StoredLine l : s.lines) {
            needed.addAll(stocked(s, item(s, l.sku())));
        }
        if (respectQueue) {
            Set<String> ahead = backorders.waitingAhead(needed, s.orderedAt, s.id);
            if (!ahead.isEmpty()) {
                backorder(s, ahead, "先に受けた注文が " + String.join(", ", ahead) + " の在庫を待っているため順番待ち");
                backorders.signal(ahead); // stock may be there for us once the older ones are served
                return;
            }
        }
        if (activeWarehouses().isEmpty()) {
            backorder(s, needed, "引当できる倉庫がありません（有効な倉庫を登録してください）");
            return;
        }
        ReservationResult result = inventory.reserveAll(ref, all);
        if (result instanceof ReservationResult.Reserved r) {
            boolean wasBackordered = s.allocation == AllocationState.BACKORDERED;
            s.allocation = AllocationState.ALLOCATED;
            s.warehouse = r.lines().getFirst().warehouse();
            s.shortfall = null;
            if (wasBackordered) {
                backorders.remove(s.id);
            }
            s.history("ALLOCATED", "warehouse", null, s.warehouse, describe(all));
        } else if (result instanceof ReservationResult.Shortage shortage) {
            Set<String> short_ = new LinkedHashSet<>();
            List<String> text = new ArrayList<>();
            for (ReservationResult.Shortfall f : shortage.shortfalls()) {
                short_.add(f.sku().value());
                text.add("%s: %d必要・%s に%d".formatted(f.sku(), f.requested(), f.warehouse(), f.available()));
            }
            backorder(s, short_.isEmpty() ? needed : short_, String.join(" / ", text));
        }
    }

    /**
     * Active warehouses, re-read at most every 10 s: checked before asking inventory to reserve, because a
     * refused reservation (no active warehouse) would be an exception that rolls the whole intake back.
     */
    private List<Warehouse> activeWarehouses() {
        long now = System.nanoTime();
        List<Warehouse> list = activeWarehouses;
        // an empty list is never trusted from the cache: the first warehouse may just have been created
        if (list == null || list.isEmpty() || now - warehousesReadAt > 10_000_000_000L) {
            list = warehouses.list().stream().filter(Warehouse::active).toList();
            activeWarehouses = list;
            warehousesReadAt = now;
        }
        return list;
    }

    private void backorder(OrderState s, Set<String> skus, String shortfall) {
        boolean changed = s.allocation != AllocationState.BACKORDERED || !Objects.equals(s.shortfall, shortfall);
        s.allocation = AllocationState.BACKORDERED;
        s.warehouse = null;
        s.shortfall = shortfall;
        backorders.enqueue(s.id, s.orderedAt, skus);
        if (changed) {
            s.history("BACKORDERED", null, null, null, shortfall);
        }
    }

    private static String describe(List<ReservationRequest> lines) {
        return lines.stream().map(r -> r.sku() + "×" + r.quantity()).collect(Collectors.joining(", "));
    }

    /** Takes a backordered order out of the queue (it is allocated afresh next). */
    void leaveQueue(OrderState s) {
        backorders.remove(s.id);
        s.allocation = AllocationState.NOT_ALLOCATABLE;
        s.shortfall = null;
    }

    /** Gives back the reservations of lines that changed or disappeared (before they are reserved anew). */
    void releaseLines(OrderState s, List<Integer> lineNos) {
        if (s.allocation != AllocationState.ALLOCATED || lineNos.isEmpty()) {
            return;
        }
        int released = 0;
        for (int no : lineNos) {
            if (inventory.release(s.reservationRef(), String.valueOf(no))) {
                released++;
            }
        }
        if (released > 0) {
            s.history("RELEASED_STOCK", "lines", null, null, released + "明細の引当を解除（明細の変更）");
        }
    }

    // ------------------------------------------------------------------ cancel, ship

    void cancel(OrderState s, String reason, Instant now) {
        int released = inventory.releaseOrder(s.reservationRef());
        backorders.remove(s.id);
        s.cancelledAt = now;
        s.cancelReason = reason;
        s.allocation = AllocationState.RELEASED;
        s.warehouse = null;
        s.shortfall = null;
        s.history("CANCELLED", null, null, null, (reason == null ? "" : reason) + (released > 0 ? "（" + released + "明細の引当を解除）" : ""));
        s.events.add(new OrderCancelled(s.id, reason));
    }

    /** 出荷: ships every line's reservation from inventory. Only a READY_TO_SHIP order can be shipped. */
    void ship(OrderState s, Instant now) {
        if (s.status != OrderStatus.READY_TO_SHIP) {
            throw new ConflictException("受注 %d は %s のため出荷済にできません（出荷待ちのみ）".formatted(s.id, s.status.label()));
        }
        for (OrderStore.StoredLine l : s.lines) {
            inventory.ship(s.reservationRef(), String.valueOf(l.lineNo()));
        }
        s.shippedAt = now;
        s.allocation = AllocationState.SHIPPED;
        s.history("SHIPPED", null, null, s.warehouse, null);
        s.events.add(new OrderShipped(s.id));
    }

    // ------------------------------------------------------------------ settle

    /** Derives the status from the facts, writes state and history, publishes the events (in this transaction). */
    void settle(OrderState s, Instant now) {
        OrderStatus before = s.status;
        OrderStatus after = OrderStatusRule.derive(s.cancelled(), s.shipped(),
                s.openHolds().stream().map(OrderStore.HoldRow::code).toList(), s.allocation);
        if (after != before || s.statusChangedAt == null) {
            s.status = after;
            s.statusChangedAt = now;
            s.history("STATUS", "status", before.label(), after.label(), null);
        }
        store.updateState(s, now);
        store.appendHistory(s.id, s.history, CurrentActor.name(), now);
        s.history.clear();
        if (s.isNew) {
            events.publishEvent(new OrderPlaced(s.id, s.channelId, s.channelOrderNumber, s.status));
        }
        for (Object e : s.events) {
            events.publishEvent(e);
        }
        s.events.clear();
        if (after == OrderStatus.READY_TO_SHIP && before != OrderStatus.READY_TO_SHIP) {
            events.publishEvent(new OrderReadyToShip(s.id, s.warehouse));
        }
    }

    /** Holds of the order, and who raised what, for a change that may re-check or settle it. */
    void loadHolds(OrderState s) {
        s.holds = new ArrayList<>(store.holdRows(s.id));
    }

    static Map<String, OrderStore.StoredLine> byKey(List<OrderStore.StoredLine> lines) {
        Map<String, OrderStore.StoredLine> m = new HashMap<>();
        lines.forEach(l -> m.put(l.lineKey(), l));
        return m;
    }
}
