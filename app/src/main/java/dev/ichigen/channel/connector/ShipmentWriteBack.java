package dev.ichigen.channel.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.ShipmentWriteBackJob;
import dev.ichigen.channel.ShipmentWriteBackJob.Status;
import dev.ichigen.channel.connector.SalesChannelConnector.ShipmentNotice;
import dev.ichigen.fulfillment.ShipmentShipped;

/**
 * 発送連絡 (shipment write-back): the channel gets "shipped" with the carrier and the tracking numbers.
 *
 * <p>A Spring Modulith {@link ApplicationModuleListener} on {@link ShipmentShipped} (after the shipment's commit, from
 * the event publication registry, so re-delivered after a crash) records one job per member order in
 * {@code channel_shipment_writeback}; the unique key (channel, channel order number, tracking number set) makes a
 * re-delivery record nothing new. A worker thread (the {@link StockSync} pattern: woken after the listener, at the
 * latest every {@code ichigen.channel.shipment-writeback.interval}) takes due jobs, claims each with a lease, calls the
 * channel connector's {@link SalesChannelConnector#pushShipment} <b>outside any transaction</b>, and marks the job
 * {@code DONE}; a transient failure stays {@code PENDING} with attempts, last error and a next attempt after an
 * exponential backoff (5 s doubling to 30 minutes); a refusal by the platform ({@code REJECTED}) becomes
 * {@code FAILED} (visible, not retried by itself); a platform without write-back (custom) marks
 * the job {@code NOT_SUPPORTED}. Every failure is also written to the channel's health (last failure and cause).
 */
@Component
public class ShipmentWriteBack implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShipmentWriteBack.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final Connectors connectors;
    private final ChannelManagement channels;
    private final CallLog calls;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;
    private final Duration firstBackoff;
    private final WakeableWorker worker;

    ShipmentWriteBack(Connectors connectors, ChannelManagement channels, CallLog calls, JdbcClient jdbc, Clock clock,
            @Value("${ichigen.channel.shipment-writeback.enabled:true}") boolean enabled,
            @Value("${ichigen.channel.shipment-writeback.interval:PT2S}") Duration interval,
            @Value("${ichigen.channel.shipment-writeback.first-backoff:PT5S}") Duration firstBackoff) {
        this.connectors = connectors;
        this.channels = channels;
        this.calls = calls;
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled;
        this.firstBackoff = firstBackoff;
        this.worker = new WakeableWorker("ichigen-shipment-writeback", interval, Duration.ZERO, () -> {
            drainOnce();
            return false; // due jobs only: the rest wait for their next attempt time
        }, log);
    }

    // ------------------------------------------------------------------ recording

    /** One job per shipped order (after the shipment committed; re-delivered by Spring Modulith after a crash). */
    @ApplicationModuleListener
    void on(ShipmentShipped shipped) {
        String numbers = String.join(",", shipped.trackingNumbers().stream().map(String::strip).distinct().toList());
        OffsetDateTime now = now();
        for (ShipmentShipped.ShippedOrder o : shipped.orders()) {
            if (o.channelOrderNumber() == null || o.channelOrderNumber().isBlank()) {
                continue; // entered by hand (電話注文): no channel to tell
            }
            jdbc.sql("""
                    insert into channel_shipment_writeback (channel_id, channel_order_number, shipment_id, carrier,
                        tracking_numbers, status, attempts, next_attempt_at, created_at, updated_at)
                    values (:c, :n, :s, :carrier, :t, 'PENDING', 0, :now, :now, :now) on conflict do nothing""")
                    .param("c", o.channelId()).param("n", o.channelOrderNumber()).param("s", shipped.shipmentId())
                    .param("carrier", shipped.carrier()).param("t", numbers).param("now", now).update();
        }
        wake();
    }

    // ------------------------------------------------------------------ the worker

    public void wake() {
        worker.wake();
    }

    @Override
    public void start() {
        if (enabled) {
            worker.start();
        }
    }

    /** Stops after the current pass, never interrupting it ({@link WakeableWorker}). */
    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Works through the due jobs (at most 100); answers how many were tried. */
    public synchronized int drainOnce() {
        List<ShipmentWriteBackJob> due = jdbc.sql(select() + " where status = 'PENDING' and next_attempt_at <= :now order by id limit 100")
                .param("now", now()).query(this::job).list();
        int tried = 0;
        for (ShipmentWriteBackJob job : due) {
            if (claim(job)) {
                tried++;
                run(job);
            }
        }
        return tried;
    }

    /** Takes the job for a lease (another instance's pass skips it); false when someone else was first. */
    private boolean claim(ShipmentWriteBackJob job) {
        return jdbc.sql("""
                update channel_shipment_writeback set next_attempt_at = :lease
                where id = :id and status = 'PENDING' and next_attempt_at = :seen""")
                .param("lease", now().plus(LEASE)).param("id", job.id())
                .param("seen", job.nextAttemptAt().atOffset(ZoneOffset.UTC)).update() == 1;
    }

    private void run(ShipmentWriteBackJob job) {
        Optional<SalesChannel> channel = channels.find(job.channelId());
        if (channel.isEmpty() || !connectors.hasConnector(channel.get().platform())) {
            finish(job, Status.NOT_SUPPORTED, "no shipment write-back for "
                    + channel.map(c -> c.platform().label()).orElse("an unknown channel"));
            return;
        }
        ShipmentNotice notice = new ShipmentNotice(job.channelOrderNumber(), job.carrier(), job.trackingNumbers(),
                job.createdAt().atZone(TOKYO).toLocalDate());
        try {
            Connectors.Bound bound = connectors.bind(job.channelId());
            bound.connector().pushShipment(bound.context(), notice); // outside any transaction
            finish(job, Status.DONE, null);
        } catch (UnsupportedOperationException e) {
            finish(job, Status.NOT_SUPPORTED, e.getMessage());
        } catch (ConnectorException e) {
            calls.failure(job.channelId(), e.failureCause(), "発送連絡 " + job.channelOrderNumber() + ": " + e.getMessage());
            if (e.failureCause() == FailureCause.REJECTED) {
                finish(job, Status.FAILED, e.failureCause() + ": " + e.getMessage());
            } else {
                retryLater(job, e.failureCause() + ": " + e.getMessage(), e.retryAfter());
            }
        } catch (RuntimeException e) {
            log.warn("shipment write-back {} failed", job.id(), e);
            calls.failure(job.channelId(), FailureCause.SERVER_ERROR, "発送連絡 " + job.channelOrderNumber() + ": " + e);
            retryLater(job, e.toString(), null);
        }
    }

    private void finish(ShipmentWriteBackJob job, Status status, String error) {
        jdbc.sql("""
                update channel_shipment_writeback set status = :st, attempts = attempts + 1, last_error = :e, updated_at = :now
                where id = :id""")
                .param("st", status.name()).param("e", error == null ? null : ChannelHttp.truncate(error, 400))
                .param("now", now()).param("id", job.id()).update();
    }

    private void retryLater(ShipmentWriteBackJob job, String error, Duration retryAfter) {
        int attempts = job.attempts() + 1;
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 12));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        jdbc.sql("""
                update channel_shipment_writeback set attempts = :a, last_error = :e, next_attempt_at = :next, updated_at = :now
                where id = :id""")
                .param("a", attempts).param("e", ChannelHttp.truncate(error, 400)).param("next", now().plus(wait))
                .param("now", now()).param("id", job.id()).update();
    }

    // ------------------------------------------------------------------ what health and the channel page show

    /** The channel's jobs, unfinished and failed first, newest first. */
    public List<ShipmentWriteBackJob> jobs(long channelId, int limit) {
        return jdbc.sql(select() + """
                 where channel_id = :c
                order by case status when 'FAILED' then 0 when 'PENDING' then 1 when 'NOT_SUPPORTED' then 2 else 3 end, id desc
                limit :limit""").param("c", channelId).param("limit", Math.clamp(limit, 1, 1000)).query(this::job).list();
    }

    /** Sends a FAILED (or NOT_SUPPORTED) job again at the next pass, e.g. after the order was fixed on the platform. */
    public boolean retry(long channelId, long jobId) {
        int n = jdbc.sql("""
                update channel_shipment_writeback set status = 'PENDING', next_attempt_at = :now, updated_at = :now
                where id = :id and channel_id = :c and status in ('FAILED', 'NOT_SUPPORTED')""")
                .param("now", now()).param("id", jobId).param("c", channelId).update();
        wake();
        return n == 1;
    }

    /** How many of the channel's jobs are in {@code status}. */
    public long count(long channelId, Status status) {
        return jdbc.sql("select count(*) from channel_shipment_writeback where channel_id = :c and status = :s")
                .param("c", channelId).param("s", status.name()).query(Long.class).single();
    }

    private static String select() {
        return """
                select id, channel_id, channel_order_number, shipment_id, carrier, tracking_numbers, status, attempts,
                    next_attempt_at, last_error, created_at, updated_at from channel_shipment_writeback""";
    }

    private ShipmentWriteBackJob job(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String numbers = rs.getString(6);
        return new ShipmentWriteBackJob(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                numbers.isEmpty() ? List.of() : Arrays.asList(numbers.split(",")), Status.valueOf(rs.getString(7)),
                rs.getInt(8), rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant());
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
