package dev.ichigen.channel.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.ChannelCall;
import dev.ichigen.channel.FailureCause;

/**
 * The call log ({@code channel_call}) and the per-channel health facts ({@code channel_health}). Each write is
 * its own short statement (autocommit): it runs after the external call, never around it. Nothing recorded holds
 * a credential or a body.
 */
@Component
public class CallLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    CallLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records one call; {@code outcome} OK, RETRY or FAILED. */
    public void record(long channelId, String operation, String endpoint, Integer httpStatus, long latencyMs,
            String outcome, FailureCause cause, String error) {
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into channel_call (channel_id, occurred_at, operation, endpoint, http_status, latency_ms, outcome, cause, error)
                values (:c, :at, :op, :ep, :status, :ms, :outcome, :cause, :error)""")
                .param("c", channelId).param("at", now).param("op", ChannelHttp.truncate(operation, 60))
                .param("ep", ChannelHttp.truncate(endpoint, 200)).param("status", httpStatus)
                .param("ms", (int) Math.min(Integer.MAX_VALUE, latencyMs)).param("outcome", outcome)
                .param("cause", cause == null ? null : cause.name())
                .param("error", error == null ? null : ChannelHttp.truncate(error, 300)).update();
        if ("OK".equals(outcome)) {
            success(channelId, now);
        } else if ("FAILED".equals(outcome)) {
            failure(channelId, cause, error, now);
        }
    }

    void success(long channelId, OffsetDateTime at) {
        ensureRow(channelId);
        jdbc.sql("update channel_health set last_success_at = :at where channel_id = :c")
                .param("at", at).param("c", channelId).update();
    }

    /** A failure outside an HTTP call (e.g. no credentials, an unknown inventory item). */
    public void failure(long channelId, FailureCause cause, String error) {
        failure(channelId, cause, error, now());
    }

    private void failure(long channelId, FailureCause cause, String error, OffsetDateTime at) {
        ensureRow(channelId);
        jdbc.sql("""
                update channel_health set last_failure_at = :at, last_failure_cause = :cause, last_failure_error = :error
                where channel_id = :c""")
                .param("at", at).param("cause", cause == null ? null : cause.name())
                .param("error", error == null ? null : ChannelHttp.truncate(error, 300)).param("c", channelId).update();
    }

    public void orderImported(long channelId) {
        ensureRow(channelId);
        jdbc.sql("update channel_health set last_order_import_at = :at where channel_id = :c")
                .param("at", now()).param("c", channelId).update();
    }

    public void stockPushed(long channelId) {
        ensureRow(channelId);
        jdbc.sql("update channel_health set last_stock_push_at = :at where channel_id = :c")
                .param("at", now()).param("c", channelId).update();
    }

    private void ensureRow(long channelId) {
        jdbc.sql("insert into channel_health (channel_id) values (:c) on conflict do nothing").param("c", channelId).update();
    }

    /** The latest calls of a channel, newest first. */
    public List<ChannelCall> latest(long channelId, int limit) {
        return jdbc.sql("""
                select id, channel_id, occurred_at, operation, endpoint, http_status, latency_ms, outcome, cause, error
                from channel_call where channel_id = :c order by id desc limit :limit""")
                .param("c", channelId).param("limit", Math.clamp(limit, 1, 500))
                .query((rs, i) -> new ChannelCall(rs.getLong(1), rs.getLong(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                        rs.getObject(6, Integer.class), rs.getLong(7), rs.getString(8),
                        rs.getString(9) == null ? null : FailureCause.valueOf(rs.getString(9)), rs.getString(10)))
                .list();
    }

    /** The health facts row. */
    public record Facts(Instant lastSuccessAt, Instant lastFailureAt, FailureCause lastFailureCause,
            String lastFailureError, Instant lastOrderImportAt, Instant lastStockPushAt) {
        static final Facts NONE = new Facts(null, null, null, null, null, null);
    }

    public Facts facts(long channelId) {
        return jdbc.sql("""
                select last_success_at, last_failure_at, last_failure_cause, last_failure_error, last_order_import_at,
                    last_stock_push_at from channel_health where channel_id = :c""")
                .param("c", channelId)
                .query((rs, i) -> new Facts(instant(rs.getObject(1, OffsetDateTime.class)),
                        instant(rs.getObject(2, OffsetDateTime.class)),
                        rs.getString(3) == null ? null : FailureCause.valueOf(rs.getString(3)), rs.getString(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
                .optional().orElse(Facts.NONE);
    }

    /** Calls and failed calls (final failures, not retried attempts) of the last hour. */
    public long[] lastHour(long channelId) {
        OffsetDateTime since = now().minusHours(1);
        long all = jdbc.sql("select count(*) from channel_call where channel_id = :c and occurred_at >= :since and outcome <> 'RETRY'")
                .param("c", channelId).param("since", since).query(Long.class).single();
        long failed = jdbc.sql("select count(*) from channel_call where channel_id = :c and occurred_at >= :since and outcome = 'FAILED'")
                .param("c", channelId).param("since", since).query(Long.class).single();
        return new long[] { all, failed };
    }

    /** Drops calls and webhook receipts older than {@code keep}; returns how many calls went. */
    public int prune(Duration keep) {
        OffsetDateTime before = now().minus(keep);
        jdbc.sql("delete from channel_webhook_receipt where received_at < :b").param("b", before).update();
        return jdbc.sql("delete from channel_call where occurred_at < :b").param("b", before).update();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
