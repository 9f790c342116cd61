package dev.ichigen.order;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ichigen.inventory.StockChanged;

/**
 * The backorder queue (引当待ちキュー): which stocked SKUs each backordered order waits for, ordered by
 * order time, and the signals that stock of such a SKU became available.
 *
 * <p>FIFO by {@code ordered_at} (then id): stock goes to the oldest waiting order that it completes.
 * A new order never jumps the queue: if an older order waits for one of its SKUs, it joins the queue
 * instead of reserving (and signals, so the re-allocation task looks at once). An old order that cannot be
 * completed does not block younger ones that can.
 *
 * <p>Signals are written by {@link #stockChanged} inside the transaction that made stock available (a
 * receipt, return, transfer in, positive adjustment, release), and only if some order waits for that SKU;
 * the table is append-only, so stock movements never wait on the queue. {@link BackorderReallocation}
 * consumes them.
 */
@Component
class Backorders {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    Backorders(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    /** Of {@code skus}, those an order older than ({@code orderedAt}, {@code orderId}) is waiting for. */
    Set<String> waitingAhead(Collection<String> skus, Instant orderedAt, long orderId) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(jdbc.sql("""
                select distinct sku from order_backorder
                where sku in (:skus) and order_id <> :id
                  and (ordered_at < :at or (ordered_at = :at and order_id < :id))""")
                .param("skus", skus).param("id", orderId).param("at", OrderStore.odt(orderedAt))
                .query(String.class).list());
    }

    /** Puts the order in the queue of each SKU (replacing where it waited before). */
    void enqueue(long orderId, Instant orderedAt, Collection<String> skus) {
        remove(orderId);
        template.batchUpdate("insert into order_backorder (sku, ordered_at, order_id) values (?, ?, ?)",
                new TreeSet<>(skus).stream().map(s -> new Object[] { s, OrderStore.odt(orderedAt), orderId }).toList());
    }

    void remove(long orderId) {
        jdbc.sql("delete from order_backorder where order_id = :id").param("id", orderId).update();
    }

    /** Asks the re-allocation task to look at these SKUs' queues. */
    void signal(Collection<String> skus) {
        Instant now = clock.instant();
        template.batchUpdate("insert into order_backorder_signal (sku, signalled_at) values (?, ?)",
                new TreeSet<>(skus).stream().map(s -> new Object[] { s, OrderStore.odt(now) }).toList());
    }

    /**
     * Inside the stock-changing transaction (a plain listener, called synchronously): when available stock
     * of a SKU grew and an order waits for it, leave a signal. One indexed statement; nothing when no one waits.
     */
    @EventListener
    void stockChanged(StockChanged e) {
        if (e.onHandDelta() - e.reservedDelta() <= 0) {
            return; // available did not grow (a reservation, a shipment, a decrease)
        }
        jdbc.sql("""
                insert into order_backorder_signal (sku, signalled_at)
                select :sku, :now where exists (select 1 from order_backorder where sku = :sku)""")
                .param("sku", e.sku().value()).param("now", OrderStore.odt(clock.instant())).update();
    }

    /** The highest signal id now (null when none), and the SKUs signalled up to it. */
    Long lastSignal() {
        List<Long> max = jdbc.sql("select max(id) from order_backorder_signal").query(Long.class).list();
        return max.isEmpty() ? null : max.getFirst();
    }

    List<String> signalledSkus(long upTo) {
        return jdbc.sql("select distinct sku from order_backorder_signal where id <= :id order by sku").param("id", upTo)
                .query(String.class).list();
    }

    void consumeSignals(long upTo) {
        jdbc.sql("delete from order_backorder_signal where id <= :id").param("id", upTo).update();
    }

    /** Up to {@code limit} orders waiting for {@code sku}, oldest first, after {@code after} ({@code null}: from the start). */
    List<Waiting> waiting(String sku, Waiting after, int limit) {
        String position = after == null ? "" : " and (ordered_at > :at or (ordered_at = :at and order_id > :id))";
        return jdbc.sql("select order_id, ordered_at from order_backorder where sku = :sku" + position
                + " order by ordered_at, order_id limit :limit")
                .params(after == null ? java.util.Map.of("sku", sku, "limit", limit)
                        : java.util.Map.of("sku", sku, "limit", limit, "at", OrderStore.odt(after.orderedAt()),
                                "id", after.orderId()))
                .query((rs, i) -> new Waiting(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    record Waiting(long orderId, Instant orderedAt) {
    }
}
