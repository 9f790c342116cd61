package dev.ichigen.channel.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.ichigen.catalog.ChannelListing;
import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.SkuSyncStatus;
import dev.ichigen.channel.connector.SalesChannelConnector.StockPushResult;
import dev.ichigen.channel.connector.SalesChannelConnector.StockUpdate;
import dev.ichigen.inventory.ChannelQuantity;
import dev.ichigen.inventory.PendingPublication;
import dev.ichigen.inventory.PublishOutbox;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.PublishableQuantityChanged;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 在庫連携: drains the inventory's publish outbox to the platforms within seconds.
 *
 * <p>One worker thread per instance wakes right after a transaction that changed a publishable quantity commits
 * (a {@link PublishableQuantityChanged} listener registers an after-commit hook), and at the latest every
 * {@code ichigen.channel.stock-sync.interval} (default 1 s). It claims pending rows of connected channels
 * ({@code FOR UPDATE SKIP LOCKED} + lease, so several instances share the work without taking the same rows), groups
 * them by channel, coalesces them per SKU, <b>re-reads the current publishable quantity</b>
 * ({@link PublishableQuantity#of}) — a row is only a "this SKU is dirty" signal — pushes absolute quantities in
 * batches of the platform's limit through the channel's connector (outside any transaction; the connector's rate
 * limiter and retries apply), and marks the rows delivered. A failed SKU's rows stay undelivered and come back after
 * an exponential backoff (1 s doubling to 5 minutes), not after the 5-minute lease; its status row shows the error.
 *
 * <p>Not db-scheduler: db-scheduler polls every 5 s, too slow for "within seconds", and the outbox is already safe
 * for concurrent consumers. Rows of channels without a connector or credentials are left for a future consumer.
 */
@Component
public class StockSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StockSync.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final PublishOutbox outbox;
    private final PublishableQuantity publishable;
    private final ChannelListings listings;
    private final Connectors connectors;
    private final CallLog calls;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean enabled;
    private final int batch;
    private final WakeableWorker worker;

    StockSync(PublishOutbox outbox, PublishableQuantity publishable, ChannelListings listings, Connectors connectors,
            CallLog calls, JdbcClient jdbc, Clock clock,
            @Value("${ichigen.channel.stock-sync.enabled:true}") boolean enabled,
            @Value("${ichigen.channel.stock-sync.interval:PT1S}") Duration interval,
            @Value("${ichigen.channel.stock-sync.batch:1000}") int batch) {
        this.outbox = outbox;
        this.publishable = publishable;
        this.listings = listings;
        this.connectors = connectors;
        this.calls = calls;
        this.jdbc = jdbc;
        this.clock = clock;
        this.enabled = enabled;
        this.batch = batch;
        // after a failed pass wait a second, so a broken database or connector is not hammered
        this.worker = new WakeableWorker("ichigen-stock-sync", interval, Duration.ofSeconds(1),
                () -> drainOnce() >= batch, log);
    }

    // ------------------------------------------------------------------ waking

    /** Inside the stock-changing transaction: wake the worker once it has committed (a rollback wakes nobody). */
    @EventListener
    void on(PublishableQuantityChanged changed) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

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

    // ------------------------------------------------------------------ one pass

    /** Claims, pushes and completes one batch of outbox rows; returns how many rows were claimed. */
    public synchronized int drainOnce() {
        List<Long> channelIds = connectors.connectedChannels().stream().map(SalesChannel::id).toList();
        List<PendingPublication> claimed = outbox.claimPending(batch, channelIds);
        Map<Long, Map<String, List<Long>>> byChannel = new LinkedHashMap<>();
        for (PendingPublication p : claimed) {
            byChannel.computeIfAbsent(p.channelId(), c -> new TreeMap<>())
                    .computeIfAbsent(p.sku().value(), s -> new ArrayList<>()).add(p.id());
        }
        pushInParallel(byChannel);
        return claimed.size();
    }

    /**
     * Each channel on a thread of its own: a pass takes as long as its slowest channel (楽天's one call per 1.2 s, a
     * store answering slowly or with 429s), not the sum of all of them — the sale-day simulation measured a p50 of
     * 12 s from a stock change to the store with the channels one after another. A failure of one channel's push is
     * rethrown after the others finished, so the worker logs it and pauses as before.
     */
    private void pushInParallel(Map<Long, Map<String, List<Long>>> byChannel) {
        if (byChannel.size() == 1) {
            byChannel.forEach(this::pushChannel);
            return;
        }
        List<java.util.concurrent.Future<?>> pushes = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("ichigen-stock-push-", 0).factory())) {
            byChannel.forEach((channelId, rows) -> pushes.add(threads.submit(() -> pushChannel(channelId, rows))));
        }
        RuntimeException failure = null;
        for (java.util.concurrent.Future<?> push : pushes) {
            try {
                push.get();
            } catch (java.util.concurrent.ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pushing stock", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void pushChannel(long channelId, Map<String, List<Long>> rowsBySku) {
        Connectors.Bound bound;
        try {
            bound = connectors.bind(channelId);
        } catch (ConnectorException e) {
            calls.failure(channelId, e.failureCause(), e.getMessage());
            rowsBySku.forEach((sku, rows) -> failed(channelId, sku, rows, e.failureCause(), e.getMessage()));
            return;
        }
        List<Long> done = new ArrayList<>();
        Map<String, List<StockUpdate>> updatesBySku = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : rowsBySku.entrySet()) {
            String sku = e.getKey();
            ChannelQuantity q;
            try {
                q = publishable.of(channelId, Sku.of(sku));
            } catch (NotFoundException | InvalidInputException gone) {
                done.addAll(e.getValue()); // product or channel gone: nothing to show
                continue;
            }
            List<ChannelListing> mine = listings.listBySku(Sku.of(sku)).stream().filter(l -> l.channelId() == channelId).toList();
            if (!q.syncEnabled() || mine.isEmpty()) {
                done.addAll(e.getValue()); // sync off for it, or no longer listed: nothing to push
                continue;
            }
            updatesBySku.put(sku, mine.stream()
                    .map(l -> new StockUpdate(sku, l.itemCode(), l.subCode(), l.externalRef(), q.quantity())).toList());
        }
        if (!updatesBySku.isEmpty()) {
            List<StockUpdate> all = updatesBySku.values().stream().flatMap(List::stream).toList();
            Map<StockUpdate, StockPushResult> results = new java.util.HashMap<>();
            try {
                for (int from = 0; from < all.size(); from += bound.connector().maxStockBatch()) {
                    List<StockUpdate> part = all.subList(from, Math.min(all.size(), from + bound.connector().maxStockBatch()));
                    for (StockPushResult r : bound.connector().pushStock(bound.context(), part)) {
                        results.put(r.update(), r);
                    }
                }
            } catch (ConnectorException ex) {
                if (ex.httpStatus() == null && ex.failureCause() == FailureCause.NOT_CONFIGURED) {
                    calls.failure(channelId, ex.failureCause(), ex.getMessage()); // no call was made: say so in health
                }
                for (StockUpdate u : all) {
                    results.putIfAbsent(u, new StockPushResult(u, false, ex.failureCause(), ex.getMessage()));
                }
            }
            boolean anyOk = false;
            for (Map.Entry<String, List<StockUpdate>> e : updatesBySku.entrySet()) {
                StockPushResult failure = e.getValue().stream().map(u -> results.getOrDefault(u,
                        new StockPushResult(u, false, FailureCause.SERVER_ERROR, "no answer for this item")))
                        .filter(r -> !r.ok()).findFirst().orElse(null);
                List<Long> rows = rowsBySku.get(e.getKey());
                if (failure == null) {
                    pushed(channelId, e.getKey(), e.getValue().getFirst().quantity());
                    done.addAll(rows);
                    anyOk = true;
                } else {
                    failed(channelId, e.getKey(), rows, failure.cause(), failure.error());
                    if (failure.cause() == FailureCause.REJECTED) {
                        calls.failure(channelId, failure.cause(), failure.error());
                    }
                }
            }
            if (anyOk) {
                calls.stockPushed(channelId);
            }
        }
        outbox.markDelivered(done);
    }

    // ------------------------------------------------------------------ status per channel × SKU

    private void pushed(long channelId, String sku, long quantity) {
        ensureStatus(channelId, sku);
        jdbc.sql("""
                update channel_stock_sync set last_pushed_quantity = :q, last_pushed_at = :now, pending = false, attempts = 0,
                    updated_at = :now where channel_id = :c and sku = :s""")
                .param("q", quantity).param("now", now()).param("c", channelId).param("s", sku).update();
    }

    private void failed(long channelId, String sku, List<Long> rows, FailureCause cause, String error) {
        ensureStatus(channelId, sku);
        OffsetDateTime now = now();
        jdbc.sql("""
                update channel_stock_sync set pending = true, attempts = attempts + 1, last_error = :e, last_error_at = :now,
                    updated_at = :now where channel_id = :c and sku = :s""")
                .param("e", ChannelHttp.truncate((cause == null ? "" : cause + ": ") + (error == null ? "" : error), 300))
                .param("now", now).param("c", channelId).param("s", sku).update();
        int attempts = jdbc.sql("select attempts from channel_stock_sync where channel_id = :c and sku = :s")
                .param("c", channelId).param("s", sku).query(Integer.class).single();
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 9));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        outbox.retryLater(rows, clock.instant().plus(wait));
    }

    private void ensureStatus(long channelId, String sku) {
        jdbc.sql("""
                insert into channel_stock_sync (channel_id, sku, pending, attempts, updated_at)
                values (:c, :s, false, 0, :now) on conflict do nothing""")
                .param("c", channelId).param("s", sku).param("now", now()).update();
    }

    /** The channel's SKU sync status rows, failing ones first, then by SKU. */
    public List<SkuSyncStatus> status(long channelId, int limit) {
        return jdbc.sql("""
                select channel_id, sku, last_pushed_quantity, last_pushed_at, pending, attempts, last_error, last_error_at
                from channel_stock_sync where channel_id = :c order by pending desc, sku limit :limit""")
                .param("c", channelId).param("limit", Math.clamp(limit, 1, 1000))
                .query((rs, i) -> new SkuSyncStatus(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        instant(rs.getObject(4, OffsetDateTime.class)), rs.getBoolean(5), rs.getInt(6), rs.getString(7),
                        instant(rs.getObject(8, OffsetDateTime.class))))
                .list();
    }

    /** SKUs of the channel whose last push failed. */
    public long failingSkus(long channelId) {
        return jdbc.sql("select count(*) from channel_stock_sync where channel_id = :c and pending = true")
                .param("c", channelId).query(Long.class).single();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
