package dev.ichigen.inventory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The SQL of the core invariant: every statement that changes a balance, and the ledger append. Each
 * change is a single conditional UPDATE (never read-then-write); {@code false} means the condition did not
 * hold and nothing changed. Callers take rows in SKU (then warehouse) order and append the matching
 * movements in the same transaction. Plain {@link JdbcTemplate} with positional parameters and no proxy
 * (it is only called from inside the services' transactions): this is the hot path of every reservation.
 */
@Component
class StockLedger {

    /** One ledger row to append. */
    record Entry(String sku, long warehouseId, MovementType type, long onHandDelta, long reservedDelta, String reason,
            StockReference reference, String actor, OffsetDateTime at) {
    }

    /** A stored balance. */
    record Balance(long onHand, long reserved) {
        static final Balance NONE = new Balance(0, 0);

        long available() {
            return onHand - reserved;
        }
    }

    private static final String INSERT_MOVEMENT = """
            insert into stock_movement (sku, warehouse_id, movement_type, on_hand_delta, reserved_delta, reason,
                reference_type, reference_id, reference_line, actor, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    StockLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * 引当: reserved += q where at least q are available and the warehouse is active. The one statement that
     * prevents overselling (the warehouse check lets callers pick warehouses from a short-lived cache).
     */
    boolean reserve(String sku, long warehouseId, long q) {
        return jdbc.update("""
                update stock_balance set reserved = reserved + ?
                where sku = ? and warehouse_id = ? and on_hand - reserved >= ?
                  and exists (select 1 from warehouse w where w.id = ? and w.active = true)""",
                q, sku, warehouseId, q, warehouseId) == 1;
    }

    /**
     * {@link #reserve} for several SKUs of one warehouse in one JDBC batch (one round trip instead of one per
     * SKU). The statements run in the order given — callers pass SKU order, so row locks are still taken in SKU
     * order (no deadlocks) — and every one of them runs: the answer says per SKU whether it was reserved, and
     * the caller gives back the reserved ones when any fell short.
     */
    boolean[] reserve(List<Map.Entry<String, Long>> needs, long warehouseId) {
        if (needs.size() == 1) {
            Map.Entry<String, Long> only = needs.getFirst();
            return new boolean[] { reserve(only.getKey(), warehouseId, only.getValue()) };
        }
        int[] counts = jdbc.batchUpdate("""
                update stock_balance set reserved = reserved + ?
                where sku = ? and warehouse_id = ? and on_hand - reserved >= ?
                  and exists (select 1 from warehouse w where w.id = ? and w.active = true)""",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Map.Entry<String, Long> need = needs.get(i);
                        ps.setLong(1, need.getValue());
                        ps.setString(2, need.getKey());
                        ps.setLong(3, warehouseId);
                        ps.setLong(4, need.getValue());
                        ps.setLong(5, warehouseId);
                    }

                    @Override
                    public int getBatchSize() {
                        return needs.size();
                    }
                });
        boolean[] reserved = new boolean[needs.size()];
        for (int i = 0; i < counts.length; i++) {
            // an UPDATE batch reports its row counts on PostgreSQL and H2; without them we cannot tell what was taken
            if (counts[i] < 0) {
                throw new IllegalStateException("the JDBC driver did not report the row count of a reservation update");
            }
            reserved[i] = counts[i] == 1;
        }
        return reserved;
    }

    /** 引当解除: reserved -= q (false when fewer than q are reserved, i.e. drift). */
    boolean unreserve(String sku, long warehouseId, long q) {
        return jdbc.update("""
                update stock_balance set reserved = reserved - ?
                where sku = ? and warehouse_id = ? and reserved >= ?""", q, sku, warehouseId, q) == 1;
    }

    /** 出荷: a reservation leaves the warehouse — on hand and reserved both drop by q. */
    boolean ship(String sku, long warehouseId, long q) {
        return jdbc.update("""
                update stock_balance set on_hand = on_hand - ?, reserved = reserved - ?
                where sku = ? and warehouse_id = ? and reserved >= ?""", q, q, sku, warehouseId, q) == 1;
    }

    /** on hand += q, creating the balance row on first receipt. */
    void addOnHand(String sku, long warehouseId, long q) {
        if (jdbc.update("update stock_balance set on_hand = on_hand + ? where sku = ? and warehouse_id = ?",
                q, sku, warehouseId) == 1) {
            return;
        }
        ensureBalance(sku, warehouseId);
        if (jdbc.update("update stock_balance set on_hand = on_hand + ? where sku = ? and warehouse_id = ?",
                q, sku, warehouseId) != 1) {
            throw new IllegalStateException("no balance row for " + sku + " in warehouse " + warehouseId);
        }
    }

    /** on hand −= q where at least q are available (not reserved). */
    boolean removeAvailable(String sku, long warehouseId, long q) {
        return jdbc.update("""
                update stock_balance set on_hand = on_hand - ?
                where sku = ? and warehouse_id = ? and on_hand - reserved >= ?""", q, sku, warehouseId, q) == 1;
    }

    /** Creates an empty balance row unless it exists (no lock is taken on an existing row). */
    void ensureBalance(String sku, long warehouseId) {
        jdbc.update("insert into stock_balance (sku, warehouse_id, on_hand, reserved) values (?, ?, 0, 0) on conflict do nothing",
                sku, warehouseId);
    }

    Optional<Balance> balance(String sku, long warehouseId) {
        return jdbc.query("select on_hand, reserved from stock_balance where sku = ? and warehouse_id = ?",
                (rs, i) -> new Balance(rs.getLong(1), rs.getLong(2)), sku, warehouseId).stream().findFirst();
    }

    long available(String sku, long warehouseId) {
        return balance(sku, warehouseId).orElse(Balance.NONE).available();
    }

    /** Appends ledger rows in one batch (one round trip). */
    void append(List<Entry> entries) {
        if (entries.size() == 1) {
            jdbc.update(INSERT_MOVEMENT, ps -> bind(ps, entries.getFirst()));
            return;
        }
        jdbc.batchUpdate(INSERT_MOVEMENT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                bind(ps, entries.get(i));
            }

            @Override
            public int getBatchSize() {
                return entries.size();
            }
        });
    }

    /** Appends one ledger row and returns its id. */
    long appendOne(Entry entry) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(INSERT_MOVEMENT, new String[] { "id" });
            bind(ps, entry);
            return ps;
        }, keys);
        return java.util.Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    }

    private static void bind(PreparedStatement ps, Entry e) throws SQLException {
        ps.setString(1, e.sku());
        ps.setLong(2, e.warehouseId());
        ps.setString(3, e.type().name());
        ps.setLong(4, e.onHandDelta());
        ps.setLong(5, e.reservedDelta());
        setString(ps, 6, e.reason());
        StockReference ref = e.reference() == null ? StockReference.NONE : e.reference();
        setString(ps, 7, ref.type());
        setString(ps, 8, ref.id());
        setString(ps, 9, ref.line());
        ps.setString(10, e.actor());
        ps.setObject(11, e.at());
    }

    private static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
