package dev.ichigen.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.shared.Sku;

/**
 * ピッキング引当: assigns a reserved order line's stock to locations and lots, so the picker knows where to go and
 * which lot to take. Lot-managed SKUs: earliest expiry first (FEFO, 先入先出 by expiry), only lots whose expiry date
 * is on or after the line's minimum (today for the never-ship-expired rule, later for a channel's 最低残存期限),
 * never stock without a lot (its expiry is unknown). Other SKUs: by location walk order, 未棚入れ last. A row's
 * quantity is taken with {@code allocated = allocated + q where on_hand - allocated >= q}, so two lines never get
 * the same units. What cannot be covered is reported as a shortfall, never assigned elsewhere silently.
 * Assignments belong to the order line: they are used by 出荷 (the stock leaves from there) and given back when the
 * line's reservation is released.
 */
@Service
public class PickAssignments {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JdbcTemplate jdbc;
    private final LocationStock locations;
    private final ProductCatalog catalog;
    private final Clock clock;

    PickAssignments(JdbcTemplate jdbc, LocationStock locations, ProductCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A candidate row for a pick. */
    private record Candidate(long locationId, long lotId, long free, LocalDate expiry) {
    }

    /** What an ACTIVE reservation of the line holds per stocked SKU. */
    private record Held(String sku, long warehouseId, String warehouse, long quantity) {
    }

    /**
     * Assigns (or completes, or re-checks) the picks of an order line. Existing assignments stay unless their lot no
     * longer qualifies ({@code minExpiry} later than its expiry, e.g. the lot expired meanwhile): those are given back
     * and replaced. {@code minExpiry} null = today. A line without an ACTIVE reservation gets an empty assignment.
     */
    @Transactional
    public PickAssignment assign(String orderRef, String lineRef, LocalDate minExpiry) {
        LocalDate today = clock.instant().atZone(JAPAN).toLocalDate();
        LocalDate min = minExpiry == null || minExpiry.isBefore(today) ? today : minExpiry;
        List<Held> held = held(orderRef, lineRef);
        List<PickAssignment.Shortfall> shortfalls = new ArrayList<>();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (Held h : held) {
            boolean lotManaged = catalog.item(Sku.of(h.sku())).map(CatalogItem::lotManaged).orElse(false);
            long have = 0;
            for (LocationStock.Taken a : locations.allocations(orderRef, lineRef, h.sku())) {
                LocalDate expiry = expiryOf(a.lotId());
                if (lotManaged && (expiry == null || expiry.isBefore(min))) {
                    locations.unallocate(h.sku(), h.warehouseId(), a.locationId(), a.lotId(), a.quantity());
                    jdbc.update("delete from location_allocation where order_ref = ? and line_ref = ? and sku = ? and location_id = ? and lot_id = ?",
                            orderRef, lineRef, h.sku(), a.locationId(), a.lotId());
                } else {
                    have += a.quantity();
                }
            }
            long need = h.quantity() - have;
            for (int round = 0; round < 3 && need > 0; round++) {
                for (Candidate c : candidates(h.warehouseId(), h.sku(), lotManaged, min)) {
                    long t = Math.min(need, c.free());
                    if (t > 0 && locations.allocate(h.warehouseId(), c.locationId(), h.sku(), c.lotId(), t)) {
                        locations.recordAllocation(orderRef, lineRef, h.sku(), h.warehouseId(), c.locationId(), c.lotId(), t, now);
                        need -= t;
                        if (need == 0) {
                            break;
                        }
                    }
                }
            }
            if (need > 0) {
                shortfalls.add(new PickAssignment.Shortfall(Sku.of(h.sku()), need, lotManaged
                        ? "期限 %s 以降の有効なロットが %d 足りません".formatted(min, need)
                        : "ロケーション在庫が %d 足りません".formatted(need)));
            }
        }
        return new PickAssignment(orderRef, lineRef, held.isEmpty() ? null : held.getFirst().warehouse(), picks(orderRef, lineRef),
                shortfalls);
    }

    /** The current pick assignments of an order line, in walk order. */
    @Transactional(readOnly = true)
    public List<PickAssignment.Pick> picks(String orderRef, String lineRef) {
        return jdbc.query("""
                select a.sku, wl.code, wl.walk_order, l.lot_no, l.expiry_date, a.quantity
                from location_allocation a
                left join warehouse_location wl on wl.id = a.location_id
                left join stock_lot l on l.id = a.lot_id
                where a.order_ref = ? and a.line_ref = ?
                order by coalesce(wl.walk_order, 2147483647), wl.code, a.sku, l.expiry_date""", (rs, i) -> {
            int walk = rs.getInt(3);
            Integer walkOrder = rs.wasNull() ? null : walk;
            return new PickAssignment.Pick(Sku.of(rs.getString(1)), rs.getString(2), walkOrder, rs.getString(4),
                    rs.getObject(5, LocalDate.class), rs.getLong(6));
        }, orderRef, lineRef);
    }

    private List<Candidate> candidates(long warehouseId, String sku, boolean lotManaged, LocalDate min) {
        if (lotManaged) {
            return jdbc.query("""
                    select ls.location_id, ls.lot_id, ls.on_hand - ls.allocated, l.expiry_date
                    from location_stock ls
                    join stock_lot l on l.id = ls.lot_id
                    left join warehouse_location wl on wl.id = ls.location_id
                    where ls.warehouse_id = ? and ls.sku = ? and ls.on_hand - ls.allocated > 0 and l.expiry_date >= ?
                    order by l.expiry_date, coalesce(wl.walk_order, 2147483647), ls.location_id, ls.lot_id""",
                    (rs, i) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDate.class)),
                    warehouseId, sku, min);
        }
        return jdbc.query("""
                select ls.location_id, ls.lot_id, ls.on_hand - ls.allocated
                from location_stock ls
                left join warehouse_location wl on wl.id = ls.location_id
                where ls.warehouse_id = ? and ls.sku = ? and ls.on_hand - ls.allocated > 0
                order by coalesce(wl.walk_order, 2147483647), ls.location_id, ls.lot_id""",
                (rs, i) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), null), warehouseId, sku);
    }

    private LocalDate expiryOf(long lotId) {
        if (lotId == 0) {
            return null;
        }
        return jdbc.query("select expiry_date from stock_lot where id = ?", (rs, i) -> rs.getObject(1, LocalDate.class), lotId)
                .stream().findFirst().orElse(null);
    }

    private List<Held> held(String orderRef, String lineRef) {
        return jdbc.query("""
                select r.sku, r.warehouse_id, w.code, r.quantity from reservation r join warehouse w on w.id = r.warehouse_id
                where r.order_ref = ? and r.line_ref = ? and r.status = 'ACTIVE' order by r.sku""",
                (rs, i) -> new Held(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)), orderRef, lineRef);
    }
}
