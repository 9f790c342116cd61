package dev.ichigen.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.shared.Sku;

/**
 * The outbox of publishable-quantity changes, for the channel sync (在庫連携) to push.
 *
 * <p>Every change of a listed SKU's {@link ChannelQuantity} writes a row in the transaction that changed
 * the stock, for each active channel where the SKU (or a set containing it) is listed and sync is on — so
 * no committed change is ever missed, and a rolled-back one is never announced.
 *
 * <p><b>A consumer must re-read the current quantity ({@link PublishableQuantity#of}) when it pushes.</b>
 * The quantity in a row is what was computed when that change happened; rows for the same SKU can arrive
 * close together and a later one may already be superseded. Treat a row as a reliable "this SKU on this
 * channel is dirty" signal: claim, re-read, push, mark delivered.
 *
 * <p>{@link #claimPending} uses {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2) and leases the rows it
 * returns for {@code ichigen.inventory.outbox-lease} (default 1 minute), so several instances can consume
 * at once without taking the same rows; rows of a consumer that died become claimable again when the
 * lease ends. The lease is short on purpose: after a crash (SIGKILL, power loss) the dead consumer's rows wait for it
 * to end before another instance — or the restarted one — pushes them (the process-kill fault test found 5 minutes
 * of stale store figures with the former default). A pass that outlives its lease costs at most one more push of the
 * same absolute quantity, which the platforms take as a no-op. {@link #markDelivered} completes them.
 */
@Service
public class PublishOutbox {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final Duration lease;

    PublishOutbox(JdbcTemplate jdbc, Clock clock, @Value("${ichigen.inventory.outbox-lease:PT1M}") Duration lease) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.lease = lease;
    }

    /** Claims up to {@code limit} undelivered rows (oldest first) that no one else holds a lease on. */
    @Transactional
    public List<PendingPublication> claimPending(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        OffsetDateTime now = now();
        List<PendingPublication> claimed = jdbc.query("""
                select id, channel_id, sku, quantity, occurred_at from publishable_quantity_event
                where delivered_at is null and (claimed_until is null or claimed_until < ?)
                order by id
                limit ?
                for update skip locked""",
                (rs, i) -> new PendingPublication(rs.getLong(1), rs.getLong(2), Sku.of(rs.getString(3)), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()),
                now, limit);
        if (!claimed.isEmpty()) {
            named.update("update publishable_quantity_event set claimed_until = :until where id in (:ids)",
                    new MapSqlParameterSource("until", now.plus(lease))
                            .addValue("ids", claimed.stream().map(PendingPublication::id).toList()));
        }
        return claimed;
    }

    /**
     * Like {@link #claimPending(int)}, but only rows of these channels (the ones a consumer can push to); rows of
     * other channels stay for their own consumer.
     */
    @Transactional
    public List<PendingPublication> claimPending(int limit, Collection<Long> channelIds) {
        if (limit <= 0 || channelIds.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = now();
        List<PendingPublication> claimed = named.query("""
                select id, channel_id, sku, quantity, occurred_at from publishable_quantity_event
                where delivered_at is null and (claimed_until is null or claimed_until < :now) and channel_id in (:channels)
                order by id
                limit :limit
                for update skip locked""",
                new MapSqlParameterSource("now", now).addValue("channels", channelIds).addValue("limit", limit),
                (rs, i) -> new PendingPublication(rs.getLong(1), rs.getLong(2), Sku.of(rs.getString(3)), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()));
        if (!claimed.isEmpty()) {
            named.update("update publishable_quantity_event set claimed_until = :until where id in (:ids)",
                    new MapSqlParameterSource("until", now.plus(lease))
                            .addValue("ids", claimed.stream().map(PendingPublication::id).toList()));
        }
        return claimed;
    }

    /**
     * A push failed: the rows stay undelivered and become claimable again at {@code retryAt} (instead of when the
     * lease ends), so a transient failure is retried soon and a lasting one does not spin.
     */
    @Transactional
    public int retryLater(Collection<Long> ids, java.time.Instant retryAt) {
        if (ids.isEmpty()) {
            return 0;
        }
        return named.update("update publishable_quantity_event set claimed_until = :at where id in (:ids) and delivered_at is null",
                new MapSqlParameterSource("at", retryAt.atOffset(ZoneOffset.UTC)).addValue("ids", ids));
    }

    /** How many rows of one channel wait for delivery. */
    @Transactional(readOnly = true)
    public long pendingCount(long channelId) {
        Long n = jdbc.queryForObject("select count(*) from publishable_quantity_event where delivered_at is null and channel_id = ?",
                Long.class, channelId);
        return n == null ? 0 : n;
    }

    /** Marks rows as pushed; returns how many were newly marked (marking twice is harmless). */
    @Transactional
    public int markDelivered(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return named.update("update publishable_quantity_event set delivered_at = :now where id in (:ids) and delivered_at is null",
                new MapSqlParameterSource("now", now()).addValue("ids", ids));
    }

    /** How many rows wait for delivery (claimed or not). */
    @Transactional(readOnly = true)
    public long pendingCount() {
        Long n = jdbc.queryForObject("select count(*) from publishable_quantity_event where delivered_at is null", Long.class);
        return n == null ? 0 : n;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
