package dev.ichigen.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * Warehouses (倉庫) and their locations (ロケーション). Every change is audited. Deactivating or
 * reactivating a warehouse changes what channels may show, so the publishable quantities of the SKUs
 * stocked there are recomputed in the same transaction.
 */
@Service
public class WarehouseManagement {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,39}");
    private static final String SELECT = "select id, code, name, priority, active, created_at, updated_at from warehouse";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ChannelStockTracker channelStock;
    private final Duration cacheTtl;
    private volatile Snapshot snapshot;

    WarehouseManagement(JdbcClient jdbc, AuditLog audit, Clock clock, ChannelStockTracker channelStock,
            @Value("${ichigen.inventory.warehouse-cache-ttl:PT5S}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.channelStock = channelStock;
        this.cacheTtl = cacheTtl;
    }

    /** All warehouses in allocation order (priority, then code). */
    @Transactional(readOnly = true)
    public List<Warehouse> list() {
        return jdbc.sql(SELECT + " order by priority, code").query((rs, i) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Warehouse get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("no warehouse " + code));
    }

    @Transactional
    public Warehouse create(NewWarehouse command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.code() == null || !CODE.matcher(command.code()).matches()) {
            errors.add(new FieldError("code", "must be 1-40 characters of A-Z a-z 0-9 _ - starting with a letter or digit"));
        }
        checkName(command.name(), errors);
        if (command.priority() != null && command.priority() < 0) {
            errors.add(new FieldError("priority", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int priority = command.priority() != null ? command.priority()
                : jdbc.sql("select coalesce(max(priority), 0) + 10 from warehouse").query(Integer.class).single();
        OffsetDateTime now = now();
        try {
            jdbc.sql("""
                    insert into warehouse (code, name, priority, active, created_at, updated_at)
                    values (:code, :name, :priority, :active, :now, :now)""")
                    .param("code", command.code()).param("name", command.name().strip()).param("priority", priority)
                    .param("active", command.active() == null || command.active()).param("now", now).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("warehouse " + command.code() + " exists already");
        }
        Warehouse created = get(command.code());
        snapshot = null;
        audit.record("warehouse.create", "warehouse", created.code(), "created warehouse " + created.code(), null, created);
        return created;
    }

    @Transactional
    public Warehouse update(String code, WarehouseChange change) {
        Warehouse before = jdbc.sql(SELECT + " where code = :code for update").param("code", code)
                .query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("no warehouse " + code));
        List<FieldError> errors = new ArrayList<>();
        if (change.name() != null) {
            checkName(change.name(), errors);
        }
        if (change.priority() != null && change.priority() < 0) {
            errors.add(new FieldError("priority", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String name = change.name() != null ? change.name().strip() : before.name();
        int priority = change.priority() != null ? change.priority() : before.priority();
        boolean active = change.active() != null ? change.active() : before.active();
        jdbc.sql("update warehouse set name = :name, priority = :priority, active = :active, updated_at = :now where id = :id")
                .param("name", name).param("priority", priority).param("active", active).param("now", now())
                .param("id", before.id()).update();
        Warehouse after = get(code);
        snapshot = null;
        audit.record("warehouse.update", "warehouse", code, "changed warehouse " + code, before, after);
        if (before.active() != after.active()) {
            channelStock.warehouseToggled(after.id());
        }
        return after;
    }

    /** Locations of a warehouse in walk order. */
    @Transactional(readOnly = true)
    public List<WarehouseLocation> locations(String warehouseCode) {
        Warehouse warehouse = get(warehouseCode);
        return jdbc.sql("""
                select id, code, zone, shelf, bin, walk_order, active from warehouse_location
                where warehouse_id = :w order by walk_order, code""")
                .param("w", warehouse.id())
                .query((rs, i) -> new WarehouseLocation(rs.getLong("id"), warehouse.code(), rs.getString("code"),
                        rs.getString("zone"), rs.getString("shelf"), rs.getString("bin"), rs.getInt("walk_order"),
                        rs.getBoolean("active")))
                .list();
    }

    @Transactional
    public WarehouseLocation addLocation(String warehouseCode, NewLocation command) {
        Warehouse warehouse = get(warehouseCode);
        List<FieldError> errors = new ArrayList<>();
        if (command.code() == null || !CODE.matcher(command.code()).matches()) {
            errors.add(new FieldError("code", "must be 1-40 characters of A-Z a-z 0-9 _ - starting with a letter or digit"));
        }
        checkPart("zone", command.zone(), errors);
        checkPart("shelf", command.shelf(), errors);
        checkPart("bin", command.bin(), errors);
        if (command.walkOrder() != null && command.walkOrder() < 0) {
            errors.add(new FieldError("walkOrder", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int walkOrder = command.walkOrder() != null ? command.walkOrder()
                : jdbc.sql("select coalesce(max(walk_order), 0) + 10 from warehouse_location where warehouse_id = :w")
                        .param("w", warehouse.id()).query(Integer.class).single();
        try {
            jdbc.sql("""
                    insert into warehouse_location (warehouse_id, code, zone, shelf, bin, walk_order, active, created_at)
                    values (:w, :code, :zone, :shelf, :bin, :walk, true, :now)""")
                    .param("w", warehouse.id()).param("code", command.code()).param("zone", blankToNull(command.zone()))
                    .param("shelf", blankToNull(command.shelf())).param("bin", blankToNull(command.bin()))
                    .param("walk", walkOrder).param("now", now()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("location " + command.code() + " exists already in warehouse " + warehouse.code());
        }
        WarehouseLocation created = locations(warehouse.code()).stream()
                .filter(l -> l.code().equals(command.code())).findFirst().orElseThrow();
        audit.record("warehouse.location.create", "warehouse_location", warehouse.code() + "/" + created.code(),
                "added location " + created.code() + " to warehouse " + warehouse.code(), null, created);
        return created;
    }

    // ---- used by the other services of this module (join the caller's transaction) ----

    Optional<Warehouse> find(String code) {
        return jdbc.sql(SELECT + " where code = :code").param("code", code).query((rs, i) -> map(rs)).optional();
    }

    /**
     * Active warehouses in allocation order, for the reservation hot path: read from a copy that is at most
     * {@code ichigen.inventory.warehouse-cache-ttl} old (default 5 s; changes made by this instance clear it at
     * once). A stale copy cannot reserve in a deactivated warehouse: the reservation UPDATE itself checks
     * {@code warehouse.active} ({@link StockLedger#reserve}); a newly activated one is used after the TTL.
     */
    List<Warehouse> activeByPriority() {
        return cachedWarehouses().stream().filter(Warehouse::active).toList();
    }

    /** A warehouse by code from the same short-lived copy (falls back to the database for one it does not know). */
    Warehouse requireCached(String code, String field) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return cachedWarehouses().stream().filter(w -> w.code().equals(code)).findFirst()
                .orElseGet(() -> require(code, field));
    }

    private List<Warehouse> cachedWarehouses() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.readAt() > cacheTtl.toNanos()) {
            s = new Snapshot(now, jdbc.sql(SELECT + " order by priority, id").query((rs, i) -> map(rs)).list());
            snapshot = s;
        }
        return s.warehouses();
    }

    private record Snapshot(long readAt, List<Warehouse> warehouses) {
    }

    /** The warehouse named in a request, as a field error when it does not exist. */
    Warehouse require(String code, String field) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return find(code).orElseThrow(() -> new InvalidInputException(field, "no warehouse " + code));
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            errors.add(new FieldError("name", "must be 1-100 characters"));
        }
    }

    private static void checkPart(String field, String value, List<FieldError> errors) {
        if (value != null && value.strip().length() > 40) {
            errors.add(new FieldError(field, "must be at most 40 characters"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static Warehouse map(ResultSet rs) throws SQLException {
        return new Warehouse(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getInt("priority"),
                rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
