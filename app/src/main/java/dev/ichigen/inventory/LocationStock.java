package dev.ichigen.inventory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SQL of stock per location and lot (ロケーション・ロット在庫), below the per-warehouse balances: every on-hand
 * change of a balance is mirrored here in the same transaction, so the sum over a SKU's locations and lots in a
 * warehouse always equals the balance's on hand (the consistency check verifies it). Location id 0 = 未棚入れ
 * (received, not put away), lot id 0 = no lot. Changes are conditional UPDATEs like the balances' ones
 * ({@code allocated <= on_hand} is a database check). Called only inside the services' transactions.
 */
@Component
class LocationStock {

    /** Stock taken from (or allocated at) one location and lot. */
    record Taken(long locationId, long lotId, long quantity) {
    }

    /** A row with room: {@code free} = on hand − allocated. */
    private record Row(long locationId, long lotId, long free, long onHand, LocalDate expiry) {
    }

    private final JdbcTemplate jdbc;

    LocationStock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** on hand += q at a location and lot, creating the row. */
    void add(long warehouseId, long locationId, String sku, long lotId, long q) {
        if (update(warehouseId, locationId, sku, lotId, q) == 1) {
            return;
        }
        jdbc.update("""
                insert into location_stock (warehouse_id, location_id, sku, lot_id, on_hand, allocated, expired)
                values (?, ?, ?, ?, 0, 0, 0) on conflict do nothing""", warehouseId, locationId, sku, lotId);
        if (update(warehouseId, locationId, sku, lotId, q) != 1) {
            throw new IllegalStateException("no location stock row for " + sku);
        }
    }

    private int update(long warehouseId, long locationId, String sku, long lotId, long q) {
        return jdbc.update("""
                update location_stock set on_hand = on_hand + ?
                where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?""", q, warehouseId, sku, locationId, lotId);
    }

    /**
     * Takes q out of a warehouse's stock of a SKU where no location or lot is named (an adjustment, a transfer out,
     * a shipment without pick assignment): unassigned quantity first — earliest expiry, then 未棚入れ, then walk
     * order —, then, if that is not enough, quantity assigned to other lines' picks (those assignments are dropped
     * and made again when their shipment's picks are next asked for). Returns what was taken where.
     */
    List<Taken> drain(long warehouseId, String sku, long q) {
        List<Taken> taken = new ArrayList<>();
        long need = q;
        for (int round = 0; round < 3 && need > 0; round++) {
            for (Row r : rows(warehouseId, sku, true)) {
                long t = Math.min(need, r.free());
                if (t > 0 && jdbc.update("""
                        update location_stock set on_hand = on_hand - ?
                        where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ? and on_hand - allocated >= ?""",
                        t, warehouseId, sku, r.locationId(), r.lotId(), t) == 1) {
                    taken.add(new Taken(r.locationId(), r.lotId(), t));
                    need -= t;
                    if (need == 0) {
                        break;
                    }
                }
            }
        }
        if (need > 0) {
            for (Row r : rows(warehouseId, sku, false)) {
                long t = Math.min(need, r.onHand());
                if (t <= 0) {
                    continue;
                }
                // the rest of this row goes to the taker: drop the pick assignments on it
                jdbc.update("delete from location_allocation where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?",
                        warehouseId, sku, r.locationId(), r.lotId());
                jdbc.update("""
                        update location_stock set allocated = 0, on_hand = on_hand - ?
                        where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?""",
                        t, warehouseId, sku, r.locationId(), r.lotId());
                taken.add(new Taken(r.locationId(), r.lotId(), t));
                need -= t;
                if (need == 0) {
                    break;
                }
            }
        }
        if (need > 0) {
            throw new IllegalStateException("location stock of %s in warehouse %d holds %d less than its balance: run the consistency check"
                    .formatted(sku, warehouseId, need));
        }
        return taken;
    }

    private List<Row> rows(long warehouseId, String sku, boolean freeOnly) {
        return jdbc.query("""
                select ls.location_id, ls.lot_id, ls.on_hand - ls.allocated, ls.on_hand, l.expiry_date
                from location_stock ls
                left join stock_lot l on l.id = ls.lot_id
                left join warehouse_location wl on wl.id = ls.location_id
                where ls.warehouse_id = ? and ls.sku = ? and ls.on_hand > 0"""
                + (freeOnly ? " and ls.on_hand - ls.allocated > 0" : "") + """

                order by l.expiry_date, coalesce(wl.walk_order, -1), ls.location_id, ls.lot_id""",
                (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, LocalDate.class)), warehouseId, sku);
    }

    /**
     * 出荷 of an order line's SKU: takes its pick assignments out of stock (on hand and allocated drop together),
     * then whatever is still missing by {@link #drain}. The line's assignments are removed.
     */
    void ship(String orderRef, String lineRef, String sku, long warehouseId, long q) {
        long need = q;
        for (Taken a : allocations(orderRef, lineRef, sku)) {
            long t = Math.min(need, a.quantity());
            long extra = a.quantity() - t;
            if (jdbc.update("""
                    update location_stock set on_hand = on_hand - ?, allocated = allocated - ?
                    where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ? and allocated >= ?""",
                    t, a.quantity(), warehouseId, sku, a.locationId(), a.lotId(), a.quantity()) != 1) {
                throw new IllegalStateException("pick assignment of %s/%s %s exceeds its location's allocation".formatted(orderRef, lineRef, sku));
            }
            need -= t;
            assert extra >= 0;
        }
        jdbc.update("delete from location_allocation where order_ref = ? and line_ref = ? and sku = ?", orderRef, lineRef, sku);
        if (need > 0) {
            drain(warehouseId, sku, need);
        }
    }

    /**
     * on hand −= q at one location and lot (the caller checked there are q); when what is left is less than what is
     * assigned to picks there, those assignments are dropped.
     */
    void removeAt(long warehouseId, long locationId, String sku, long lotId, long q) {
        long[] row = jdbc.query("""
                select on_hand, allocated from location_stock where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?""",
                (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, warehouseId, sku, locationId, lotId).stream().findFirst()
                .orElse(new long[] { 0, 0 });
        if (row[0] - q < row[1]) {
            jdbc.update("delete from location_allocation where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?",
                    warehouseId, sku, locationId, lotId);
            jdbc.update("update location_stock set allocated = 0 where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ?",
                    warehouseId, sku, locationId, lotId);
        }
        if (jdbc.update("""
                update location_stock set on_hand = on_hand - ?
                where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ? and on_hand >= ?""",
                q, warehouseId, sku, locationId, lotId, q) != 1) {
            throw new IllegalStateException("location stock of %s holds less than %d".formatted(sku, q));
        }
    }

    /** Gives back the pick assignments of order lines (their reservation was released). */
    void release(String orderRef, String lineRef) {
        List<Object[]> rows = jdbc.query("""
                select sku, warehouse_id, location_id, lot_id, quantity from location_allocation
                where order_ref = ? and line_ref = ? order by sku, location_id, lot_id""",
                (rs, i) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) },
                orderRef, lineRef);
        for (Object[] r : rows) {
            unallocate((String) r[0], (Long) r[1], (Long) r[2], (Long) r[3], (Long) r[4]);
        }
        jdbc.update("delete from location_allocation where order_ref = ? and line_ref = ?", orderRef, lineRef);
    }

    void unallocate(String sku, long warehouseId, long locationId, long lotId, long q) {
        if (jdbc.update("""
                update location_stock set allocated = allocated - ?
                where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ? and allocated >= ?""",
                q, warehouseId, sku, locationId, lotId, q) != 1) {
            throw new IllegalStateException("location stock of %s holds less allocated than its pick assignments".formatted(sku));
        }
    }

    /** allocated += q where at least q are free; false when someone else took them meanwhile. */
    boolean allocate(long warehouseId, long locationId, String sku, long lotId, long q) {
        return jdbc.update("""
                update location_stock set allocated = allocated + ?
                where warehouse_id = ? and sku = ? and location_id = ? and lot_id = ? and on_hand - allocated >= ?""",
                q, warehouseId, sku, locationId, lotId, q) == 1;
    }

    /** Records a pick assignment (adds to an existing one of the same line, location and lot). */
    void recordAllocation(String orderRef, String lineRef, String sku, long warehouseId, long locationId, long lotId, long q,
            OffsetDateTime now) {
        if (jdbc.update("""
                update location_allocation set quantity = quantity + ?
                where order_ref = ? and line_ref = ? and sku = ? and location_id = ? and lot_id = ?""",
                q, orderRef, lineRef, sku, locationId, lotId) == 0) {
            jdbc.update("""
                    insert into location_allocation (order_ref, line_ref, sku, warehouse_id, location_id, lot_id, quantity, allocated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", orderRef, lineRef, sku, warehouseId, locationId, lotId, q, now);
        }
    }

    List<Taken> allocations(String orderRef, String lineRef, String sku) {
        return jdbc.query("""
                select location_id, lot_id, quantity from location_allocation
                where order_ref = ? and line_ref = ? and sku = ? order by location_id, lot_id""",
                (rs, i) -> new Taken(rs.getLong(1), rs.getLong(2), rs.getLong(3)), orderRef, lineRef, sku);
    }

    /** The lot id of (sku, lot number), created on first use; a different expiry date for a known lot is refused. */
    long lotId(String sku, LotInfo lot, OffsetDateTime now, String field) {
        List<Object[]> found = jdbc.query("select id, expiry_date from stock_lot where sku = ? and lot_no = ?",
                (rs, i) -> new Object[] { rs.getLong(1), rs.getObject(2, LocalDate.class) }, sku, lot.lotNo());
        if (found.isEmpty()) {
            jdbc.update("insert into stock_lot (sku, lot_no, expiry_date, created_at) values (?, ?, ?, ?) on conflict do nothing",
                    sku, lot.lotNo(), lot.expiryDate(), now);
            found = jdbc.query("select id, expiry_date from stock_lot where sku = ? and lot_no = ?",
                    (rs, i) -> new Object[] { rs.getLong(1), rs.getObject(2, LocalDate.class) }, sku, lot.lotNo());
        }
        LocalDate known = (LocalDate) found.getFirst()[1];
        if (!known.equals(lot.expiryDate())) {
            throw new dev.ichigen.shared.InvalidInputException(field,
                    "lot %s of %s has expiry date %s already, not %s".formatted(lot.lotNo(), sku, known, lot.expiryDate()));
        }
        return (Long) found.getFirst()[0];
    }
}
