package dev.ichigen.inventory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.inventory.OrderLineReservation.Status;
import dev.ichigen.inventory.ReservationResult.Reserved;
import dev.ichigen.inventory.ReservationResult.ReservedLine;
import dev.ichigen.inventory.ReservationResult.Shortage;
import dev.ichigen.inventory.ReservationResult.Shortfall;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * Stock (在庫): receipts, adjustments, transfers, reservations (引当), shipments and returns — each one
 * transaction that appends ledger movements and updates the balances they change.
 *
 * <p>Rules (docs/ARCHITECTURE.md "Inventory, the core invariant"):
 * <ul>
 * <li>Every balance change is one conditional UPDATE; a reservation is
 * {@code update stock_balance set reserved = reserved + q where … and on_hand - reserved >= q} — no
 * read-then-write, no optimistic retry. The database check {@code 0 <= reserved <= on_hand} backs it.</li>
 * <li>Balance rows are taken in SKU order (then warehouse order), so concurrent multi-SKU and set
 * reservations cannot deadlock each other.</li>
 * <li>Only stocked kinds (SIMPLE, VARIANT) hold stock; a set line reserves its components.</li>
 * </ul>
 * Manual operations (receive, adjust, transfer, return) are audited; reservations, releases and shipments
 * are system work recorded in the ledger only (with the order line as reference), not in the audit log.
 */
@Service
public class InventoryManagement {

    /** Reference type of ledger rows written for order lines. */
    public static final String ORDER_LINE = "ORDER_LINE";
    private static final int MAX_REF = 100;
    private static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ProductCatalog catalog;
    private final WarehouseManagement warehouses;
    private final StockLedger ledger;
    private final LocationStock locations;
    private final Availability availability;
    private final ChannelStockTracker channelStock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InventoryManagement(JdbcTemplate jdbc, ProductCatalog catalog, WarehouseManagement warehouses, StockLedger ledger,
            LocationStock locations, Availability availability, ChannelStockTracker channelStock, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.catalog = catalog;
        this.warehouses = warehouses;
        this.ledger = ledger;
        this.locations = locations;
        this.availability = availability;
        this.channelStock = channelStock;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ manual stock changes

    /** 入荷: {@code quantity} units arrived in {@code warehouse}. */
    @Transactional
    public StockMovement receive(Sku sku, String warehouse, long quantity, StockReference reference, String note) {
        return addStock(MovementType.RECEIPT, "stock.receive", sku, warehouse, null, null, false, quantity, reference, note);
    }

    /**
     * 入荷・棚入れ: {@code quantity} units arrived in {@code warehouse} and were put at {@code location} (a location
     * code of the warehouse; null = 未棚入れ) as lot {@code lot}. A lot-managed product needs a lot with lot number and
     * expiry date (fields {@code lotNo}, {@code expiryDate}); an expiry date before {@code today} is refused — expired
     * goods never enter sellable stock. A product that is not lot-managed takes no lot.
     */
    @Transactional
    public StockMovement receiveInto(Sku sku, String warehouse, String location, LotInfo lot, long quantity,
            StockReference reference, String note) {
        return addStock(MovementType.RECEIPT, "stock.receive", sku, warehouse, location, lot, true, quantity, reference, note);
    }

    /** 返品入庫: returned goods go back into sellable stock. */
    @Transactional
    public StockMovement returnToStock(Sku sku, String warehouse, long quantity, StockReference reference, String note) {
        return addStock(MovementType.RETURN, "stock.return", sku, warehouse, null, null, false, quantity, reference, note);
    }

    /**
     * 在庫調整: corrects on hand by {@code delta} (±) with a reason. A decrease may not take on hand below
     * what is reserved (field {@code delta}); release reservations first.
     */
    @Transactional
    public StockMovement adjust(Sku sku, String warehouse, long delta, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (delta == 0) {
            errors.add(new FieldError("delta", "must not be 0"));
        }
        checkText("reason", reason, true, 500, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        CatalogItem item = stocked(sku, "sku");
        Warehouse w = warehouses.require(warehouse, "warehouse");
        if (delta > 0) {
            ledger.addOnHand(sku.value(), w.id(), delta);
            locations.add(w.id(), 0, sku.value(), 0, delta);
        } else if (!ledger.removeAvailable(sku.value(), w.id(), -delta)) {
            StockLedger.Balance b = ledger.balance(sku.value(), w.id()).orElse(StockLedger.Balance.NONE);
            throw new InvalidInputException("delta", "on hand would become %d but %d are reserved (on hand %d); at most -%d is possible"
                    .formatted(b.onHand() + delta, b.reserved(), b.onHand(), b.available()));
        } else {
            locations.drain(w.id(), sku.value(), -delta);
        }
        StockMovement movement = append(new StockLedger.Entry(item.sku().value(), w.id(), MovementType.ADJUSTMENT,
                delta, 0, reason.strip(), StockReference.NONE, CurrentActor.name(), now()), w.code());
        channelStock.availableChanged(List.of(sku.value()));
        events.publishEvent(new StockChanged(sku, w.code(), MovementType.ADJUSTMENT, delta, 0));
        auditChange("stock.adjust", sku, w, "adjusted %s in %s by %+d: %s".formatted(sku, w.code(), delta, reason.strip()),
                delta, movement);
        return movement;
    }

    /**
     * 倉庫間移動: moves available (unreserved) stock from one warehouse to another in one transaction.
     * Returns the TRANSFER_OUT and TRANSFER_IN movements, which share a reference id.
     */
    @Transactional
    public List<StockMovement> transfer(Sku sku, String from, String to, long quantity, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (quantity <= 0) {
            errors.add(new FieldError("quantity", "must be 1 or more"));
        }
        if (from != null && from.equals(to)) {
            errors.add(new FieldError("to", "must differ from the source warehouse"));
        }
        checkText("reason", reason, false, 500, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        stocked(sku, "sku");
        Warehouse source = warehouses.require(from, "from");
        Warehouse target = warehouses.require(to, "to");
        ledger.ensureBalance(sku.value(), target.id());
        // both rows of the same SKU: take them in warehouse order
        for (Warehouse w : source.id() < target.id() ? List.of(source, target) : List.of(target, source)) {
            if (w == source) {
                if (!ledger.removeAvailable(sku.value(), source.id(), quantity)) {
                    throw new InvalidInputException("quantity", "only %d available in %s"
                            .formatted(ledger.available(sku.value(), source.id()), source.code()));
                }
            } else {
                ledger.addOnHand(sku.value(), target.id(), quantity);
            }
        }
        // the lots travel with the goods; at the target they are 未棚入れ until put away
        for (LocationStock.Taken t : locations.drain(source.id(), sku.value(), quantity)) {
            locations.add(target.id(), 0, sku.value(), t.lotId(), t.quantity());
        }
        StockReference ref = StockReference.of("TRANSFER", UUID.randomUUID().toString());
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        OffsetDateTime now = now();
        String actor = CurrentActor.name();
        StockMovement out = append(new StockLedger.Entry(sku.value(), source.id(), MovementType.TRANSFER_OUT, -quantity, 0,
                note, ref, actor, now), source.code());
        StockMovement in = append(new StockLedger.Entry(sku.value(), target.id(), MovementType.TRANSFER_IN, quantity, 0,
                note, ref, actor, now), target.code());
        channelStock.availableChanged(List.of(sku.value()));
        events.publishEvent(new StockChanged(sku, source.code(), MovementType.TRANSFER_OUT, -quantity, 0));
        events.publishEvent(new StockChanged(sku, target.code(), MovementType.TRANSFER_IN, quantity, 0));
        audit.record("stock.transfer", "stock", sku.value(), "moved %d of %s from %s to %s".formatted(quantity, sku,
                source.code(), target.code()), null, List.of(out, in));
        return List.of(out, in);
    }

    private StockMovement addStock(MovementType type, String action, Sku sku, String warehouse, String location, LotInfo lot,
            boolean lotsRequired, long quantity, StockReference reference, String note) {
        List<FieldError> errors = new ArrayList<>();
        if (quantity <= 0) {
            errors.add(new FieldError("quantity", "must be 1 or more"));
        }
        checkText("note", note, false, 500, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        CatalogItem item = stocked(sku, "sku");
        Warehouse w = warehouses.require(warehouse, "warehouse");
        long locationId = location == null || location.isBlank() ? 0 : locationId(w, location.strip(), "location");
        long lotId = 0;
        if (lot != null && type == MovementType.RECEIPT) {
            if (!item.lotManaged()) {
                throw new InvalidInputException("lotNo", sku + " is not lot-managed; receive it without lot");
            }
            if (lot.lotNo() == null || lot.lotNo().isBlank()) {
                errors.add(new FieldError("lotNo", "is required for lot-managed " + sku));
            } else if (lot.lotNo().strip().length() > 40) {
                errors.add(new FieldError("lotNo", "must be at most 40 characters"));
            }
            if (lot.expiryDate() == null) {
                errors.add(new FieldError("expiryDate", "is required for lot-managed " + sku));
            } else if (lot.expiryDate().isBefore(today())) {
                errors.add(new FieldError("expiryDate", "%s is past: expired goods are not received into stock".formatted(lot.expiryDate())));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            lotId = locations.lotId(sku.value(), new LotInfo(lot.lotNo().strip(), lot.expiryDate()), now(), "expiryDate");
        } else if (lot == null && lotsRequired && item.lotManaged()) {
            throw new InvalidInputException(List.of(new FieldError("lotNo", "is required for lot-managed " + sku),
                    new FieldError("expiryDate", "is required for lot-managed " + sku)));
        }
        ledger.addOnHand(sku.value(), w.id(), quantity);
        locations.add(w.id(), locationId, sku.value(), lotId, quantity);
        StockMovement movement = append(new StockLedger.Entry(sku.value(), w.id(), type, quantity, 0,
                note == null || note.isBlank() ? null : note.strip(), reference, CurrentActor.name(), now()), w.code());
        channelStock.availableChanged(List.of(sku.value()));
        events.publishEvent(new StockChanged(sku, w.code(), type, quantity, 0));
        auditChange(action, sku, w, "%s %d of %s in %s".formatted(type, quantity, sku, w.code()), quantity, movement);
        return movement;
    }

    private void auditChange(String action, Sku sku, Warehouse w, String summary, long onHandDelta, StockMovement movement) {
        StockLedger.Balance after = ledger.balance(sku.value(), w.id()).orElse(StockLedger.Balance.NONE);
        audit.record(action, "stock", sku.value() + "@" + w.code(), summary,
                Map.of("onHand", after.onHand() - onHandDelta, "reserved", after.reserved()),
                Map.of("onHand", after.onHand(), "reserved", after.reserved(), "movementId", movement.id()));
    }

    // ------------------------------------------------------------------ reservations (引当)

    /** Reserves one order line; see {@link #reserveAll(String, List, String)}. */
    @Transactional
    public ReservationResult reserve(String orderRef, String lineRef, Sku sku, long quantity, String warehouse) {
        return reserveAll(orderRef, List.of(new ReservationRequest(lineRef, sku, quantity)), warehouse);
    }

    /** Reserves the lines of an order from the first active warehouse (by priority) that has all of them. */
    @Transactional
    public ReservationResult reserveAll(String orderRef, List<ReservationRequest> lines) {
        return reserveAll(orderRef, lines, null);
    }

    /**
     * 引当: reserves all lines of an order, all or nothing, in one warehouse — {@code warehouse} when given,
     * else the active warehouses in priority order until one has everything. A set line reserves each
     * component × quantity (rows carry the set SKU). All component SKUs of all lines are summed and taken in
     * SKU order; a warehouse that falls short is undone before the next is tried.
     *
     * <p>Idempotent per order line: a line already reserved with the same SKU and quantity is not reserved
     * again (reported with {@code alreadyReserved}); with a different SKU or quantity it is a conflict (release
     * it first). A released line can be reserved again. Not enough stock is the {@link Shortage} result, not
     * an exception. Every reservation writes RESERVATION movements (reference {@code ORDER_LINE}).
     */
    @Transactional
    public ReservationResult reserveAll(String orderRef, List<ReservationRequest> lines, String warehouse) {
        List<Line> resolved = resolve(orderRef, lines);
        List<Warehouse> candidates;
        if (warehouse != null && !warehouse.isBlank()) {
            Warehouse w = warehouses.requireCached(warehouse, "warehouse");
            if (!w.active()) {
                throw new InvalidInputException("warehouse", "warehouse " + w.code() + " is inactive");
            }
            candidates = List.of(w);
        } else {
            candidates = warehouses.activeByPriority();
            if (candidates.isEmpty()) {
                throw new ConflictException("there is no active warehouse to reserve from");
            }
        }
        Attempt first = attempt(orderRef, resolved, candidates);
        if (first.result() != null && first.result() instanceof Reserved) {
            return first.result();
        }
        // Slow path (rare): some lines exist already — a retry of an earlier call, a released line reserved
        // again, or a concurrent call for the same lines. Sort them out, then try once more for the rest.
        Map<String, OrderLineReservation> existing = new HashMap<>();
        for (OrderLineReservation r : reservations(orderRef)) {
            existing.put(r.lineRef(), r);
        }
        List<ReservedLine> already = new ArrayList<>();
        List<Line> remaining = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (Line line : resolved) {
            OrderLineReservation e = existing.get(line.lineRef());
            if (e == null) {
                remaining.add(line);
            } else if (e.status() == Status.RELEASED) {
                released.add(line.lineRef());
                remaining.add(line);
            } else if (e.status() == Status.SHIPPED) {
                throw new ConflictException("order %s line %s is shipped already".formatted(orderRef, line.lineRef()));
            } else if (e.sku().equals(line.sku()) && e.quantity() == line.quantity()) {
                already.add(new ReservedLine(line.lineRef(), line.sku(), line.quantity(), e.warehouse(), true));
            } else {
                throw new ConflictException("order %s line %s is reserved already as %d × %s; release it first"
                        .formatted(orderRef, line.lineRef(), e.quantity(), e.sku()));
            }
        }
        if (already.isEmpty() && released.isEmpty() && first.result() != null) {
            return first.result(); // a plain shortage: none of these lines was reserved before
        }
        forgetReleased(orderRef, released);
        if (remaining.isEmpty()) {
            return new Reserved(orderRef, already);
        }
        Attempt second = attempt(orderRef, remaining, candidates);
        if (second.result() == null) {
            throw new ConflictException("order %s is being reserved concurrently; retry".formatted(orderRef));
        }
        if (second.result() instanceof Reserved r) {
            List<ReservedLine> all = new ArrayList<>(already);
            all.addAll(r.lines());
            all.sort(Comparator.comparing(l -> lineIndex(resolved, l.lineRef())));
            return new Reserved(orderRef, all);
        }
        return second.result();
    }

    /**
     * 引当解除: gives back what the line holds. Releasing a line that is not reserved (released before, or never
     * reserved) does nothing and returns {@code false}; a shipped line cannot be released (409).
     */
    @Transactional
    public boolean release(String orderRef, String lineRef) {
        return releaseLines(orderRef, List.of(lineRef)) > 0;
    }

    /** Releases every reserved line of an order (e.g. when it is cancelled); returns how many were released. */
    @Transactional
    public int releaseOrder(String orderRef) {
        List<String> lineRefs = jdbc.queryForList(
                "select distinct line_ref from reservation where order_ref = ? and status = 'ACTIVE' order by line_ref",
                String.class, orderRef);
        return lineRefs.isEmpty() ? 0 : releaseLines(orderRef, lineRefs);
    }

    /**
     * 出荷: the line's reserved stock leaves the warehouse (on hand and reserved both drop). Shipping a line
     * twice does nothing the second time; a line that is not reserved cannot be shipped (409).
     */
    @Transactional
    public List<StockMovement> ship(String orderRef, String lineRef) {
        OffsetDateTime now = now();
        int changed = jdbc.update("""
                update reservation set status = 'SHIPPED', closed_at = ?
                where order_ref = ? and line_ref = ? and status = 'ACTIVE'""", now, orderRef, lineRef);
        if (changed == 0) {
            String status = lineStatus(orderRef, lineRef);
            if (Status.SHIPPED.name().equals(status)) {
                return List.of();
            }
            throw status == null ? new NotFoundException("order %s line %s has no reservation".formatted(orderRef, lineRef))
                    : new ConflictException("order %s line %s is not reserved (%s)".formatted(orderRef, lineRef, status));
        }
        List<Held> held = held(orderRef, List.of(lineRef));
        List<StockLedger.Entry> entries = new ArrayList<>();
        String actor = CurrentActor.name();
        for (Held h : held) {
            if (!ledger.ship(h.sku(), h.warehouseId(), h.quantity())) {
                throw new IllegalStateException("balance of %s in warehouse %d holds less than the reservation of %s/%s: run the consistency check"
                        .formatted(h.sku(), h.warehouseId(), orderRef, lineRef));
            }
            locations.ship(orderRef, lineRef, h.sku(), h.warehouseId(), h.quantity());
            entries.add(new StockLedger.Entry(h.sku(), h.warehouseId(), MovementType.SHIPMENT, -h.quantity(), -h.quantity(),
                    h.reason(), new StockReference(ORDER_LINE, orderRef, lineRef), actor, now));
        }
        ledger.append(entries);
        // on hand and reserved drop together: available, and so every channel's quantity, stays the same
        List<StockMovement> movements = new ArrayList<>();
        for (Held h : held) {
            String code = h.warehouseCode();
            events.publishEvent(new StockChanged(Sku.of(h.sku()), code, MovementType.SHIPMENT, -h.quantity(), -h.quantity()));
            movements.add(new StockMovement(0, Sku.of(h.sku()), code, MovementType.SHIPMENT, -h.quantity(), -h.quantity(),
                    h.reason(), ORDER_LINE, orderRef, lineRef, actor, now.toInstant()));
        }
        return movements;
    }

    /** The reservations of an order, by line. */
    @Transactional(readOnly = true)
    public List<OrderLineReservation> reservations(String orderRef) {
        Map<String, OrderLineReservation> lines = new LinkedHashMap<>();
        jdbc.query("""
                select r.line_ref, r.sku, r.ordered_sku, r.ordered_quantity, r.quantity, w.code, r.status,
                       r.reserved_at, r.closed_at
                from reservation r join warehouse w on w.id = r.warehouse_id
                where r.order_ref = ? order by r.line_ref, r.sku""", rs -> {
            String lineRef = rs.getString(1);
            OrderLineReservation line = lines.computeIfAbsent(lineRef, k -> {
                try {
                    OffsetDateTime closed = rs.getObject(9, OffsetDateTime.class);
                    return new OrderLineReservation(orderRef, lineRef, Sku.of(rs.getString(3)), rs.getLong(4),
                            rs.getString(6), Status.valueOf(rs.getString(7)), new LinkedHashMap<>(),
                            rs.getObject(8, OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            line.holds().put(Sku.of(rs.getString(2)), rs.getLong(5));
        }, orderRef);
        return lines.values().stream().map(l -> new OrderLineReservation(l.orderRef(), l.lineRef(), l.sku(), l.quantity(),
                l.warehouse(), l.status(), java.util.Collections.unmodifiableMap(l.holds()), l.reservedAt(), l.closedAt()))
                .toList();
    }

    // ------------------------------------------------------------------ queries

    /** A SKU's stock per warehouse and in total (for a set: derived from its components). */
    @Transactional(readOnly = true)
    public StockSummary stock(Sku sku) {
        CatalogItem item = catalog.item(sku).orElseThrow(() -> new NotFoundException("no product " + sku));
        if (item.kind() == ProductKind.PARENT) {
            throw new InvalidInputException("sku", sku + " is a variation parent; its variants hold the stock");
        }
        List<StockLevel> levels = new ArrayList<>();
        long onHand = 0;
        long reserved = 0;
        long available = 0;
        for (Availability.Level l : availability.levels(sku, item.kind())) {
            levels.add(new StockLevel(l.warehouse(), l.active(), l.onHand(), l.reserved(), l.available()));
            if (l.active()) {
                onHand += l.onHand();
                reserved += l.reserved();
                available += l.available();
            }
        }
        return new StockSummary(sku, item.kind(), item.kind() == ProductKind.SET, levels, onHand, reserved, available);
    }

    /** The ledger of a SKU, newest first. */
    @Transactional(readOnly = true)
    public Page<StockMovement> movements(Sku sku, int page, int size) {
        if (catalog.item(sku).isEmpty()) {
            throw new NotFoundException("no product " + sku);
        }
        long total = jdbc.queryForObject("select count(*) from stock_movement where sku = ?", Long.class, sku.value());
        List<StockMovement> items = jdbc.query("""
                select m.id, m.sku, w.code, m.movement_type, m.on_hand_delta, m.reserved_delta, m.reason,
                       m.reference_type, m.reference_id, m.reference_line, m.actor, m.occurred_at
                from stock_movement m join warehouse w on w.id = m.warehouse_id
                where m.sku = ? order by m.id desc limit ? offset ?""",
                (rs, i) -> new StockMovement(rs.getLong(1), Sku.of(rs.getString(2)), rs.getString(3),
                        MovementType.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class).toInstant()),
                sku.value(), size, (long) page * size);
        return new Page<>(items, page, size, total);
    }

    /**
     * 在庫整合性チェック: recomputes every balance from the ledger (sum of deltas per SKU and warehouse) and
     * compares it with the stored balance and with the open reservations; returns every row that differs.
     * One statement, so it reads one consistent snapshot while reservations go on.
     */
    @Transactional(readOnly = true)
    public ConsistencyReport checkConsistency() {
        OffsetDateTime checkedAt = now();
        long checked = jdbc.queryForObject("select count(*) from stock_balance", Long.class);
        // One pass over ledger, balances and open reservations, summed per (SKU, warehouse): a single
        // hash aggregation on both databases (joining grouped sub-queries made H2 rescan the ledger per row).
        Map<Long, String> codes = new HashMap<>();
        jdbc.query("select id, code from warehouse", rs -> {
            codes.put(rs.getLong(1), rs.getString(2));
        });
        // ... and the stock per location and lot, whose on hand must add up to the balance's
        List<StockDrift> drifts = jdbc.query("""
                select sku, warehouse_id, sum(ledger_on_hand), sum(balance_on_hand), sum(ledger_reserved),
                       sum(balance_reserved), sum(open_reserved), sum(location_on_hand)
                from (select sku, warehouse_id, on_hand_delta as ledger_on_hand, reserved_delta as ledger_reserved,
                             cast(0 as bigint) as balance_on_hand, cast(0 as bigint) as balance_reserved,
                             cast(0 as bigint) as open_reserved, cast(0 as bigint) as location_on_hand
                      from stock_movement
                      union all
                      select sku, warehouse_id, 0, 0, on_hand, reserved, 0, 0 from stock_balance
                      union all
                      select sku, warehouse_id, 0, 0, 0, 0, quantity, 0 from reservation where status = 'ACTIVE'
                      union all
                      select sku, warehouse_id, 0, 0, 0, 0, 0, on_hand from location_stock) x
                group by sku, warehouse_id
                having sum(ledger_on_hand) <> sum(balance_on_hand)
                    or sum(ledger_reserved) <> sum(balance_reserved)
                    or sum(open_reserved) <> sum(balance_reserved)
                    or sum(location_on_hand) <> sum(balance_on_hand)
                order by sku, warehouse_id""",
                (rs, i) -> new StockDrift(Sku.of(rs.getString(1)), codes.getOrDefault(rs.getLong(2), "#" + rs.getLong(2)),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        return new ConsistencyReport(checkedAt.toInstant(), checked, drifts);
    }

    // ------------------------------------------------------------------ reservation internals

    /** An order line with what it needs per stocked SKU. */
    private record Line(String lineRef, Sku sku, long quantity, ProductKind kind, Map<String, Long> needs) {
    }

    /** {@code result} null: a line was claimed by someone else meanwhile (everything undone). */
    private record Attempt(ReservationResult result) {
    }

    /** What a reservation row holds. */
    private record Held(String lineRef, String sku, String orderedSku, long orderedQuantity, long warehouseId,
            String warehouseCode, long quantity, String reason) {
    }

    private List<Line> resolve(String orderRef, List<ReservationRequest> lines) {
        List<FieldError> errors = new ArrayList<>();
        checkRef("orderRef", orderRef, errors);
        if (lines == null || lines.isEmpty()) {
            errors.add(new FieldError("lines", "must contain at least one line"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Set<String> seen = new HashSet<>();
        List<Line> resolved = new ArrayList<>();
        // every line's product in one look-up (one round trip per order, not per line)
        Map<Sku, CatalogItem> items = catalog.items(lines.stream().map(ReservationRequest::sku).filter(Objects::nonNull).toList());
        for (int i = 0; i < lines.size(); i++) {
            ReservationRequest r = lines.get(i);
            String prefix = "lines[" + i + "].";
            checkRef(prefix + "lineRef", r.lineRef(), errors);
            if (r.lineRef() != null && !seen.add(r.lineRef())) {
                errors.add(new FieldError(prefix + "lineRef", "appears twice"));
            }
            if (r.quantity() <= 0) {
                errors.add(new FieldError(prefix + "quantity", "must be 1 or more"));
            }
            if (r.sku() == null) {
                errors.add(new FieldError(prefix + "sku", "is required"));
                continue;
            }
            CatalogItem item = items.get(r.sku());
            if (item == null) {
                errors.add(new FieldError(prefix + "sku", "no product " + r.sku()));
                continue;
            }
            Map<String, Long> needs = new TreeMap<>();
            if (item.kind() == ProductKind.SET) {
                Map<Sku, Integer> components = catalog.setComponents(r.sku());
                if (components.isEmpty()) {
                    errors.add(new FieldError(prefix + "sku", "set " + r.sku() + " has no components"));
                    continue;
                }
                components.forEach((component, perSet) -> needs.merge(component.value(), perSet * r.quantity(), Long::sum));
            } else if (item.kind().stocked()) {
                needs.put(r.sku().value(), r.quantity());
            } else {
                errors.add(new FieldError(prefix + "sku", r.sku() + " is a variation parent; order one of its variants"));
                continue;
            }
            resolved.add(new Line(r.lineRef(), r.sku(), r.quantity(), item.kind(), needs));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return resolved;
    }

    /**
     * One try at reserving the lines. Order of work, chosen so that the balance rows — the contended ones
     * on a hot SKU — are held for as short as possible: claim the reservation rows (the primary key refuses
     * a line that exists), look up the affected channel listings, then take the balances in SKU order, then
     * append the ledger rows and commit. Every row lock is thus taken in the same order as a release takes
     * them (reservation rows, then balances).
     */
    private Attempt attempt(String orderRef, List<Line> lines, List<Warehouse> candidates) {
        TreeMap<String, Long> needs = new TreeMap<>();
        for (Line line : lines) {
            line.needs().forEach((sku, q) -> needs.merge(sku, q, Long::sum));
        }
        List<Held> rows = claim(orderRef, lines, candidates.getFirst());
        if (rows == null) {
            return new Attempt(null);
        }
        List<ChannelStockTracker.Listing> listings = channelStock.listingsOf(needs.keySet());
        List<Shortfall> shortfalls = new ArrayList<>();
        for (Warehouse w : candidates) {
            List<Map.Entry<String, Long>> taken = new ArrayList<>(needs.size());
            Shortfall missing = null;
            // SKU order (no deadlocks), one batch: every SKU is tried; those taken are given back on a shortfall
            List<Map.Entry<String, Long>> ordered = List.copyOf(needs.entrySet());
            boolean[] reserved = ledger.reserve(ordered, w.id());
            for (int i = 0; i < ordered.size(); i++) {
                Map.Entry<String, Long> need = ordered.get(i);
                if (reserved[i]) {
                    taken.add(need);
                } else if (missing == null) {
                    missing = new Shortfall(w.code(), Sku.of(need.getKey()), need.getValue(),
                            Math.max(0, ledger.available(need.getKey(), w.id())));
                }
            }
            if (missing != null) {
                undo(taken, w);
                shortfalls.add(missing);
                continue;
            }
            if (w.id() != candidates.getFirst().id()) {
                named.update("update reservation set warehouse_id = :w where order_ref = :o and line_ref in (:lines)",
                        new MapSqlParameterSource("w", w.id()).addValue("o", orderRef)
                                .addValue("lines", lines.stream().map(Line::lineRef).toList()));
            }
            OffsetDateTime now = now();
            String actor = CurrentActor.name();
            ledger.append(rows.stream().map(h -> new StockLedger.Entry(h.sku(), w.id(), MovementType.RESERVATION, 0,
                    h.quantity(), h.reason(), new StockReference(ORDER_LINE, orderRef, h.lineRef()), actor, now)).toList());
            channelStock.refresh(listings);
            needs.forEach((sku, q) -> events.publishEvent(new StockChanged(Sku.of(sku), w.code(), MovementType.RESERVATION, 0, q)));
            return new Attempt(new Reserved(orderRef, lines.stream()
                    .map(l -> new ReservedLine(l.lineRef(), l.sku(), l.quantity(), w.code(), false)).toList()));
        }
        deleteRows(orderRef, rows); // nothing of this attempt stays
        return new Attempt(new Shortage(orderRef, shortfalls));
    }

    /** Gives back what an attempt took in a warehouse that then fell short (rows are still ours, locked). */
    private void undo(List<Map.Entry<String, Long>> taken, Warehouse w) {
        for (Map.Entry<String, Long> t : taken) {
            if (!ledger.unreserve(t.getKey(), w.id(), t.getValue())) {
                throw new IllegalStateException("could not undo reservation of " + t.getKey());
            }
        }
    }

    /**
     * Inserts the reservation rows of the lines, in line order; returns them, or null when any row exists
     * already (a retry, a released line, a concurrent call) — then the rows inserted here are removed again.
     */
    private List<Held> claim(String orderRef, List<Line> lines, Warehouse w) {
        OffsetDateTime now = now();
        List<Held> rows = new ArrayList<>();
        for (Line line : lines.stream().sorted(Comparator.comparing(Line::lineRef)).toList()) {
            String reason = line.kind() == ProductKind.SET ? "set " + line.sku() + " × " + line.quantity() : null;
            line.needs().forEach((sku, q) -> rows.add(new Held(line.lineRef(), sku, line.sku().value(), line.quantity(),
                    w.id(), w.code(), q, reason)));
        }
        int[] counts = jdbc.batchUpdate("""
                insert into reservation (order_ref, line_ref, sku, ordered_sku, ordered_quantity, quantity, warehouse_id,
                    status, reserved_at)
                values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?) on conflict do nothing""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Held h = rows.get(i);
                ps.setString(1, orderRef);
                ps.setString(2, h.lineRef());
                ps.setString(3, h.sku());
                ps.setString(4, h.orderedSku());
                ps.setLong(5, h.orderedQuantity());
                ps.setLong(6, h.quantity());
                ps.setLong(7, h.warehouseId());
                ps.setObject(8, now);
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
        List<Held> inserted = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            // the row count per row is what tells a claimed line from one that exists already. PostgreSQL's driver
            // with reWriteBatchedInserts=true answers SUCCESS_NO_INFO (-2) for every row of a rewritten batch, which
            // would take an existing line for a new one (reserved twice): refuse loudly rather than oversell.
            if (counts[i] < 0) {
                throw new IllegalStateException("the JDBC driver did not report which reservation rows were inserted"
                        + " (PostgreSQL: do not set reWriteBatchedInserts=true)");
            }
            if (counts[i] != 0) {
                inserted.add(rows.get(i));
            }
        }
        if (inserted.size() < rows.size()) {
            deleteRows(orderRef, inserted);
            return null;
        }
        return rows;
    }

    private void deleteRows(String orderRef, List<Held> rows) {
        for (Held h : rows) {
            jdbc.update("delete from reservation where order_ref = ? and line_ref = ? and sku = ?", orderRef,
                    h.lineRef(), h.sku());
        }
    }

    /** Removes released lines' rows so they can be reserved afresh; the ledger keeps their history. */
    private void forgetReleased(String orderRef, List<String> lineRefs) {
        if (!lineRefs.isEmpty()) {
            named.update("delete from reservation where order_ref = :o and line_ref in (:lines) and status = 'RELEASED'",
                    new MapSqlParameterSource("o", orderRef).addValue("lines", lineRefs));
        }
    }

    private int releaseLines(String orderRef, List<String> lineRefs) {
        OffsetDateTime now = now();
        List<String> releasedNow = new ArrayList<>();
        for (String lineRef : lineRefs.stream().sorted().toList()) {
            int changed = jdbc.update("""
                    update reservation set status = 'RELEASED', closed_at = ?
                    where order_ref = ? and line_ref = ? and status = 'ACTIVE'""", now, orderRef, lineRef);
            if (changed > 0) {
                releasedNow.add(lineRef);
                locations.release(orderRef, lineRef);
            } else if (Status.SHIPPED.name().equals(lineStatus(orderRef, lineRef))) {
                throw new ConflictException("order %s line %s is shipped; it cannot be released".formatted(orderRef, lineRef));
            }
        }
        if (releasedNow.isEmpty()) {
            return 0;
        }
        List<Held> held = held(orderRef, releasedNow);
        // all lines' rows together, in SKU then warehouse order, like a reservation takes them
        TreeMap<String, Long> perBalance = new TreeMap<>();
        Map<String, Held> keyOf = new HashMap<>();
        for (Held h : held) {
            String key = h.sku() + '\u0000' + String.format("%019d", h.warehouseId());
            perBalance.merge(key, h.quantity(), Long::sum);
            keyOf.putIfAbsent(key, h);
        }
        for (Map.Entry<String, Long> e : perBalance.entrySet()) {
            Held h = keyOf.get(e.getKey());
            if (!ledger.unreserve(h.sku(), h.warehouseId(), e.getValue())) {
                throw new IllegalStateException("balance of %s in warehouse %d holds less than the reservations of order %s: run the consistency check"
                        .formatted(h.sku(), h.warehouseId(), orderRef));
            }
        }
        String actor = CurrentActor.name();
        ledger.append(held.stream().map(h -> new StockLedger.Entry(h.sku(), h.warehouseId(), MovementType.RELEASE, 0,
                -h.quantity(), h.reason(), new StockReference(ORDER_LINE, orderRef, h.lineRef()), actor, now)).toList());
        channelStock.availableChanged(held.stream().map(Held::sku).distinct().sorted().toList());
        for (Map.Entry<String, Long> e : perBalance.entrySet()) {
            Held h = keyOf.get(e.getKey());
            events.publishEvent(new StockChanged(Sku.of(h.sku()), h.warehouseCode(), MovementType.RELEASE, 0, -e.getValue()));
        }
        return releasedNow.size();
    }

    private List<Held> held(String orderRef, List<String> lineRefs) {
        return named.query("""
                select r.line_ref, r.sku, r.ordered_sku, r.ordered_quantity, r.warehouse_id, w.code, r.quantity
                from reservation r join warehouse w on w.id = r.warehouse_id
                where r.order_ref = :o and r.line_ref in (:lines)
                order by r.sku, r.warehouse_id, r.line_ref""",
                new MapSqlParameterSource("o", orderRef).addValue("lines", lineRefs),
                (rs, i) -> new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6), rs.getLong(7), rs.getString(2).equals(rs.getString(3)) ? null : "set " + rs.getString(3)));
    }

    private String lineStatus(String orderRef, String lineRef) {
        return jdbc.query("select status from reservation where order_ref = ? and line_ref = ?",
                (rs, i) -> rs.getString(1), orderRef, lineRef).stream().findFirst().orElse(null);
    }

    private static int lineIndex(List<Line> lines, String lineRef) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineRef().equals(lineRef)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    // ------------------------------------------------------------------ helpers

    private CatalogItem stocked(Sku sku, String field) {
        if (sku == null) {
            throw new InvalidInputException(field, "is required");
        }
        CatalogItem item = catalog.item(sku).orElseThrow(() -> new NotFoundException("no product " + sku));
        if (!item.kind().stocked()) {
            throw new InvalidInputException(field, "%s is a %s and holds no stock of its own".formatted(sku,
                    item.kind() == ProductKind.SET ? "set (its components hold the stock)" : "variation parent"));
        }
        return item;
    }

    private StockMovement append(StockLedger.Entry e, String warehouseCode) {
        long id = ledger.appendOne(e);
        StockReference ref = e.reference() == null ? StockReference.NONE : e.reference();
        return new StockMovement(id, Sku.of(e.sku()), warehouseCode, e.type(), e.onHandDelta(), e.reservedDelta(),
                e.reason(), ref.type(), ref.id(), ref.line(), e.actor(), e.at().toInstant());
    }

    private static void checkRef(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > MAX_REF) {
            errors.add(new FieldError(field, "must be at most " + MAX_REF + " characters"));
        }
    }

    private static void checkText(String field, String value, boolean required, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private java.time.LocalDate today() {
        return clock.instant().atZone(JAPAN).toLocalDate();
    }

    private long locationId(Warehouse w, String code, String field) {
        return jdbc.query("select id from warehouse_location where warehouse_id = ? and code = ? and active = true",
                (rs, i) -> rs.getLong(1), w.id(), code).stream().findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "no active location %s in warehouse %s".formatted(code, w.code())));
    }

    // ------------------------------------------------------------------ locations, lots, expiry

    /**
     * 棚卸差異: corrects the stock of a SKU at one location (null = 未棚入れ) and lot (null = none; else a lot the SKU
     * has) by {@code delta} with a STOCKTAKE_CORRECTION movement, balance and location row together. A decrease may not
     * take the balance below what is reserved (field {@code delta}); pick assignments on the row beyond what is left
     * are dropped (their shipments are planned again). Audited.
     */
    @Transactional
    public StockMovement correctStocktake(Sku sku, String warehouse, String location, String lotNo, long delta,
            StockReference reference) {
        if (delta == 0) {
            throw new InvalidInputException("delta", "must not be 0");
        }
        stocked(sku, "sku");
        Warehouse w = warehouses.require(warehouse, "warehouse");
        long locationId = location == null || location.isBlank() ? 0 : locationId(w, location.strip(), "location");
        long lotId = 0;
        if (lotNo != null && !lotNo.isBlank()) {
            lotId = jdbc.query("select id from stock_lot where sku = ? and lot_no = ?", (rs, i) -> rs.getLong(1), sku.value(),
                    lotNo.strip()).stream().findFirst()
                    .orElseThrow(() -> new InvalidInputException("lotNo", "no lot %s of %s".formatted(lotNo, sku)));
        }
        if (delta > 0) {
            ledger.addOnHand(sku.value(), w.id(), delta);
            locations.add(w.id(), locationId, sku.value(), lotId, delta);
        } else {
            long here = jdbc.query("select on_hand from location_stock where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?",
                    (rs, i) -> rs.getLong(1), w.id(), sku.value(), locationId, lotId).stream().findFirst().orElse(0L);
            if (here < -delta) {
                throw new InvalidInputException("delta", "only %d on hand at this location and lot".formatted(here));
            }
            if (!ledger.removeAvailable(sku.value(), w.id(), -delta)) {
                StockLedger.Balance b = ledger.balance(sku.value(), w.id()).orElse(StockLedger.Balance.NONE);
                throw new InvalidInputException("delta", "on hand would become %d but %d are reserved; release reservations first"
                        .formatted(b.onHand() + delta, b.reserved()));
            }
            locations.removeAt(w.id(), locationId, sku.value(), lotId, -delta);
        }
        StockMovement movement = append(new StockLedger.Entry(sku.value(), w.id(), MovementType.STOCKTAKE_CORRECTION, delta, 0,
                "棚卸差異 " + (location == null || location.isBlank() ? "未棚入れ" : location.strip())
                        + (lotId == 0 ? "" : " lot " + lotNo.strip()),
                reference, CurrentActor.name(), now()), w.code());
        channelStock.availableChanged(List.of(sku.value()));
        events.publishEvent(new StockChanged(sku, w.code(), MovementType.STOCKTAKE_CORRECTION, delta, 0));
        auditChange("stock.stocktake", sku, w, "stocktake correction of %s in %s by %+d".formatted(sku, w.code(), delta), delta, movement);
        return movement;
    }

    /** Stock of a SKU per warehouse, location and lot (ロケーション在庫), in walk order; empty rows left out. */
    @Transactional(readOnly = true)
    public List<LocationStockLevel> locationStock(Sku sku) {
        return jdbc.query(LOCATION_LEVELS + " where ls.sku = ? and (ls.on_hand > 0 or ls.expired > 0)" + LOCATION_ORDER,
                (rs, i) -> locationLevel(rs), sku.value());
    }

    /** Stock of a warehouse per location and lot, in walk order (未棚入れ first). */
    @Transactional(readOnly = true)
    public List<LocationStockLevel> locationStockOf(String warehouse) {
        Warehouse w = warehouses.get(warehouse);
        return jdbc.query(LOCATION_LEVELS + " where ls.warehouse_id = ? and (ls.on_hand > 0 or ls.expired > 0)" + LOCATION_ORDER,
                (rs, i) -> locationLevel(rs), w.id());
    }

    private static final String LOCATION_LEVELS = """
            select w.code, wl.code, wl.walk_order, ls.sku, l.lot_no, l.expiry_date, ls.on_hand, ls.allocated, ls.expired
            from location_stock ls
            join warehouse w on w.id = ls.warehouse_id
            left join warehouse_location wl on wl.id = ls.location_id
            left join stock_lot l on l.id = ls.lot_id""";
    private static final String LOCATION_ORDER = " order by w.code, coalesce(wl.walk_order, -1), wl.code, ls.sku, l.expiry_date, l.lot_no";

    private static LocationStockLevel locationLevel(java.sql.ResultSet rs) throws SQLException {
        int walk = rs.getInt(3);
        return new LocationStockLevel(rs.getString(1), rs.getString(2), rs.wasNull() ? null : walk, Sku.of(rs.getString(4)),
                rs.getString(5), rs.getObject(6, java.time.LocalDate.class), rs.getLong(7), rs.getLong(8), rs.getLong(9));
    }

    /**
     * 期限切れ処理: every lot whose expiry date is before {@code today} leaves sellable stock — its unassigned and
     * pick-assigned quantity is moved to {@code expired} (to dispose of) with an EXPIRED ledger movement, so the
     * warehouse balance and every channel's quantity drop at once. Pick assignments on it are dropped (their
     * shipments are flagged when planned again). Only quantity not reserved for orders can leave the balance
     * ({@code reserved <= on_hand}); what reservations still hold stays on hand, is never assigned to a pick, and
     * leaves on the next run once the reservations are released or shipped from other lots. Returns the units expired.
     * Run daily by {@code inventory-lot-expiry} and on demand.
     */
    @Transactional
    public long expireLots(java.time.LocalDate today) {
        record Expired(String sku, long warehouseId, long locationId, long lotId, long onHand, String lotNo) {
        }
        List<Expired> rows = jdbc.query("""
                select ls.sku, ls.warehouse_id, ls.location_id, ls.lot_id, ls.on_hand, l.lot_no
                from location_stock ls join stock_lot l on l.id = ls.lot_id
                where l.expiry_date < ? and ls.on_hand > 0
                order by ls.sku, ls.warehouse_id, ls.location_id, ls.lot_id""",
                (rs, i) -> new Expired(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6)),
                today);
        long total = 0;
        Set<String> skus = new java.util.TreeSet<>();
        String actor = CurrentActor.name();
        OffsetDateTime now = now();
        for (Expired e : rows) {
            // drop pick assignments on the lot: expired stock is never shipped
            jdbc.query("""
                    select order_ref, line_ref, quantity from location_allocation
                    where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?""", rs -> {
                locations.unallocate(e.sku(), e.warehouseId(), e.locationId(), e.lotId(), rs.getLong(3));
            }, e.warehouseId(), e.sku(), e.locationId(), e.lotId());
            jdbc.update("delete from location_allocation where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?",
                    e.warehouseId(), e.sku(), e.locationId(), e.lotId());
            long q = Math.min(e.onHand(), Math.max(0, ledger.available(e.sku(), e.warehouseId())));
            if (q <= 0 || !ledger.removeAvailable(e.sku(), e.warehouseId(), q)) {
                continue;
            }
            jdbc.update("""
                    update location_stock set on_hand = on_hand - ?, expired = expired + ?
                    where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?""",
                    q, q, e.warehouseId(), e.sku(), e.locationId(), e.lotId());
            ledger.append(List.of(new StockLedger.Entry(e.sku(), e.warehouseId(), MovementType.EXPIRED, -q, 0,
                    "lot " + e.lotNo() + " expired", StockReference.of("LOT", e.lotNo()), actor, now)));
            String code = warehouses.list().stream().filter(w -> w.id() == e.warehouseId()).map(Warehouse::code).findFirst()
                    .orElse("#" + e.warehouseId());
            events.publishEvent(new StockChanged(Sku.of(e.sku()), code, MovementType.EXPIRED, -q, 0));
            skus.add(e.sku());
            total += q;
        }
        if (!skus.isEmpty()) {
            channelStock.availableChanged(List.copyOf(skus));
        }
        return total;
    }
}
