package dev.ichigen.warehouse;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.LocationStockLevel;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 棚卸し: start a count (full, or a cycle count of some locations) — the stock per location and lot is copied as the
 * expected quantities —, enter counts (a count for a location/SKU/lot not on the sheet adds a line expecting 0), review
 * the variances, approve: every counted line whose count differs posts counted − expected through
 * {@link InventoryManagement#correctStocktake} (ledger STOCKTAKE_CORRECTION, so channels get the new quantity), all in
 * one transaction. Uncounted lines are not corrected. Stock that moves while counting (shipments) is not netted out:
 * count when the locations are quiet.
 */
@Service
public class Stocktakes {

    /** Ledger reference type of stocktake corrections (id = stocktake id, line = its line). */
    public static final String REFERENCE_TYPE = "STOCKTAKE";

    private final JdbcClient jdbc;
    private final InventoryManagement inventory;
    private final WarehouseManagement warehouses;
    private final Receiving receiving;
    private final AuditLog audit;
    private final Clock clock;

    Stocktakes(JdbcClient jdbc, InventoryManagement inventory, WarehouseManagement warehouses, Receiving receiving, AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.warehouses = warehouses;
        this.receiving = receiving;
        this.audit = audit;
        this.clock = clock;
    }

    /** One count: location (null = 未棚入れ), the SKU or a scanned JAN, the lot number (lot-managed) and the quantity. */
    public record Count(String location, String sku, String lotNo, Long counted) {
    }

    /** Starts a count of {@code warehouse}; {@code locations} empty/null = every location (full count). */
    @Transactional
    public Stocktake start(String warehouse, List<String> locations, String note) {
        Warehouse w = warehouses.list().stream().filter(x -> x.code().equals(warehouse == null ? null : warehouse.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException("warehouse", "no warehouse " + warehouse));
        Set<String> scope = locations == null ? Set.of() : Set.copyOf(locations.stream().map(String::strip).toList());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into stocktake (warehouse_id, status, note, created_at, created_by)
                values (:w, 'COUNTING', :note, :now, :by)""").param("w", w.id()).param("note", note == null || note.isBlank() ? null : note.strip())
                .param("now", now).param("by", CurrentActor.name()).update(keys, "id");
        long id = keys.getKey().longValue();
        int lineNo = 0;
        for (LocationStockLevel l : inventory.locationStockOf(w.code())) {
            if (l.onHand() <= 0 || (!scope.isEmpty() && !scope.contains(l.location() == null ? "" : l.location()))) {
                continue;
            }
            insertLine(id, ++lineNo, l.location(), l.sku().value(), l.lotNo(), l.onHand(), null, null);
        }
        audit.record("stocktake.start", "stocktake", String.valueOf(id), "棚卸し開始 " + w.code() + (scope.isEmpty() ? "（全数）" : "（" + scope + "）"),
                null, null);
        return get(id);
    }

    /** Enters counts (a later count of the same location/SKU/lot replaces the earlier one). */
    @Transactional
    public Stocktake count(long id, List<Count> counts) {
        Stocktake st = lock(id);
        if (!st.status().equals("COUNTING")) {
            throw new ConflictException("棚卸し " + id + " は " + st.status() + " です。カウントできません");
        }
        List<FieldError> errors = new ArrayList<>();
        if (counts == null || counts.isEmpty()) {
            throw new InvalidInputException("counts", "must contain at least one count");
        }
        List<Object[]> ok = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Count c = counts.get(i);
            String p = "counts[" + i + "].";
            if (c.counted() == null || c.counted() < 0) {
                errors.add(new FieldError(p + "counted", "must be 0 or more"));
            }
            var item = receiving.identify(c.sku());
            if (item.isEmpty()) {
                errors.add(new FieldError(p + "sku", "no stocked product " + c.sku()));
                continue;
            }
            String location = c.location() == null || c.location().isBlank() ? null : c.location().strip();
            if (location != null && warehouses.locations(st.warehouse()).stream().noneMatch(l -> l.code().equals(location))) {
                errors.add(new FieldError(p + "location", "no location %s in warehouse %s".formatted(location, st.warehouse())));
            }
            String lot = c.lotNo() == null || c.lotNo().isBlank() ? null : c.lotNo().strip();
            if (item.get().lotManaged() && lot == null) {
                errors.add(new FieldError(p + "lotNo", "is required: %s is lot-managed".formatted(item.get().sku())));
            }
            ok.add(new Object[] { location, item.get().sku(), lot, c.counted() });
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (Object[] c : ok) {
            Optional<Stocktake.Line> line = st.lines().stream().filter(l -> Objects.equals(l.location(), c[0]) && l.sku().equals(c[1])
                    && Objects.equals(l.lotNo(), c[2])).findFirst();
            if (line.isPresent()) {
                jdbc.sql("""
                        update stocktake_line set counted = :c, counted_at = :now, counted_by = :by
                        where stocktake_id = :id and line_no = :no""").param("c", c[3]).param("now", now).param("by", CurrentActor.name())
                        .param("id", id).param("no", line.get().lineNo()).update();
            } else {
                int next = st.lines().stream().mapToInt(Stocktake.Line::lineNo).max().orElse(0) + 1;
                insertLine(id, next, (String) c[0], (String) c[1], (String) c[2], 0, (Long) c[3], now);
                st = get(id);
            }
        }
        return get(id);
    }

    /** 承認: posts every counted variance to the ledger, all or nothing; an error names the stocktake line. */
    @Transactional
    public Stocktake approve(long id) {
        Stocktake st = lock(id);
        if (st.status().equals("APPROVED")) {
            return st;
        }
        if (!st.status().equals("COUNTING")) {
            throw new ConflictException("棚卸し " + id + " は " + st.status() + " です");
        }
        for (Stocktake.Line l : st.lines()) {
            Long v = l.variance();
            if (v == null || v == 0) {
                continue;
            }
            try {
                inventory.correctStocktake(Sku.of(l.sku()), st.warehouse(), l.location(), l.lotNo(), v,
                        new StockReference(REFERENCE_TYPE, String.valueOf(id), String.valueOf(l.lineNo())));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.errors().stream()
                        .map(f -> new FieldError("lines[" + (l.lineNo() - 1) + "]." + f.field(), f.message())).toList());
            }
        }
        jdbc.sql("update stocktake set status = 'APPROVED', approved_at = :now, approved_by = :by where id = :id")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("by", CurrentActor.name()).param("id", id).update();
        audit.record("stocktake.approve", "stocktake", String.valueOf(id), "棚卸し承認 " + st.warehouse(), "COUNTING", "APPROVED");
        return get(id);
    }

    @Transactional(readOnly = true)
    public Stocktake get(long id) {
        List<Stocktake.Line> lines = jdbc.sql("""
                select line_no, location, sku, lot_no, expected, counted from stocktake_line where stocktake_id = :id order by line_no""")
                .param("id", id).query((rs, i) -> {
                    long c = rs.getLong(6);
                    return new Stocktake.Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.wasNull() ? null : c);
                }).list();
        return jdbc.sql("""
                select s.id, w.code, s.status, s.note, s.created_at, s.created_by, s.approved_at, s.approved_by
                from stocktake s join warehouse w on w.id = s.warehouse_id where s.id = :id""").param("id", id)
                .query((rs, i) -> {
                    OffsetDateTime approved = rs.getObject(7, OffsetDateTime.class);
                    return new Stocktake(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), lines,
                            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
                            approved == null ? null : approved.toInstant(), rs.getString(8));
                }).optional().orElseThrow(() -> new NotFoundException("棚卸し " + id + " はありません"));
    }

    private Stocktake lock(long id) {
        jdbc.sql("select id from stocktake where id = :id for update").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("棚卸し " + id + " はありません"));
        return get(id);
    }

    private void insertLine(long id, int lineNo, String location, String sku, String lotNo, long expected, Long counted,
            OffsetDateTime countedAt) {
        jdbc.sql("""
                insert into stocktake_line (stocktake_id, line_no, location, sku, lot_no, expected, counted, counted_at, counted_by)
                values (:id, :no, :loc, :sku, :lot, :exp, :c, :at, :by)""").param("id", id).param("no", lineNo).param("loc", location)
                .param("sku", sku).param("lot", lotNo).param("exp", expected).param("c", counted).param("at", countedAt)
                .param("by", counted == null ? null : CurrentActor.name()).update();
    }
}
