package dev.ichigen.channel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.ichigen.channel.connector.CallLog;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.Connectors;
import dev.ichigen.channel.connector.OrderPolling;
import dev.ichigen.channel.connector.ShipmentWriteBack;
import dev.ichigen.channel.connector.StockSync;
import dev.ichigen.inventory.PublishOutbox;
import dev.ichigen.shared.NotFoundException;

/**
 * What the console and the API see of the connectors (連携状態): health per channel, the call log, the stock sync
 * status per SKU, a connection test and "import now". Secrets never leave the module.
 */
@Service
public class ChannelConnections {

    /** Days ahead of a credentials expiry (楽天 license key: every 90 days) that health and the dashboard warn. */
    public static final int EXPIRY_WARNING_DAYS = 14;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final ChannelManagement channels;
    private final Connectors connectors;
    private final CallLog calls;
    private final StockSync stockSync;
    private final OrderPolling polling;
    private final PublishOutbox outbox;
    private final Clock clock;
    private final ShipmentWriteBack writeBack;

    ChannelConnections(ChannelManagement channels, Connectors connectors, CallLog calls, StockSync stockSync,
            OrderPolling polling, PublishOutbox outbox, Clock clock, ShipmentWriteBack writeBack) {
        this.writeBack = writeBack;
        this.clock = clock;
        this.channels = channels;
        this.connectors = connectors;
        this.calls = calls;
        this.stockSync = stockSync;
        this.polling = polling;
        this.outbox = outbox;
    }

    public ChannelHealth health(long channelId) {
        SalesChannel channel = channel(channelId);
        CallLog.Facts f = calls.facts(channelId);
        long[] hour = calls.lastHour(channelId);
        LocalDate expires = credentialsExpireOn(channel);
        boolean expiring = expires != null && !LocalDate.now(clock.withZone(TOKYO)).plusDays(EXPIRY_WARNING_DAYS).isBefore(expires);
        return new ChannelHealth(channelId, channel.platform(), connectors.hasConnector(channel.platform()),
                channel.hasCredentials(), f.lastSuccessAt(), f.lastFailureAt(), f.lastFailureCause(), f.lastFailureError(),
                hour[0], hour[1], f.lastOrderImportAt(), f.lastStockPushAt(), outbox.pendingCount(channelId),
                stockSync.failingSkus(channelId), expires, expiring,
                writeBack.count(channelId, ShipmentWriteBackJob.Status.PENDING),
                writeBack.count(channelId, ShipmentWriteBackJob.Status.FAILED));
    }

    /** The credentials' expiry as the platform's connector knows it (楽天: licenseKeyExpiresOn), else {@code null}. */
    private LocalDate credentialsExpireOn(SalesChannel channel) {
        if (!channel.hasCredentials() || !connectors.hasConnector(channel.platform())) {
            return null;
        }
        try {
            Connectors.Bound bound = connectors.bind(channel.id());
            return bound.connector().credentialsExpireOn(bound.context()).orElse(null);
        } catch (RuntimeException e) { // no usable credentials: nothing to warn about here (health shows the failure)
            return null;
        }
    }

    /** Channels whose credentials expire within {@link #EXPIRY_WARNING_DAYS} days or have expired (for the dashboard). */
    public List<ChannelHealth> expiring() {
        return healthOfAll().stream().filter(ChannelHealth::credentialsExpiring).toList();
    }

    /** Health of every channel, in channel order. */
    public List<ChannelHealth> healthOfAll() {
        return channels.list().stream().map(c -> health(c.id())).toList();
    }

    /** Channels whose latest call failed (for the dashboard). */
    public List<ChannelHealth> failing() {
        return healthOfAll().stream().filter(ChannelHealth::failing).toList();
    }

    /** The latest calls, newest first ({@code limit} 1–500). */
    public List<ChannelCall> calls(long channelId, int limit) {
        channel(channelId);
        return calls.latest(channelId, limit);
    }

    public List<SkuSyncStatus> stockSyncStatus(long channelId, int limit) {
        channel(channelId);
        return stockSync.status(channelId, limit);
    }

    /** 発送連絡 jobs of the channel: failed and waiting first, then newest first ({@code limit} 1–1000). */
    public List<ShipmentWriteBackJob> shipmentWriteBacks(long channelId, int limit) {
        channel(channelId);
        return writeBack.jobs(channelId, limit);
    }

    /** Sends a failed write-back again; false when the job is not FAILED / NOT_SUPPORTED. */
    public boolean retryShipmentWriteBack(long channelId, long jobId) {
        channel(channelId);
        return writeBack.retry(channelId, jobId);
    }

    /** 接続テスト: one cheap authenticated call through the real connector; the outcome is in the call log too. */
    public ConnectionTest testConnection(long channelId) {
        channel(channelId);
        long started = System.nanoTime();
        try {
            Connectors.Bound bound = connectors.bind(channelId);
            bound.connector().testConnection(bound.context());
            return new ConnectionTest(true, null, "OK", (System.nanoTime() - started) / 1_000_000);
        } catch (ConnectorException e) {
            if (e.failureCause() == FailureCause.NOT_CONFIGURED) {
                calls.failure(channelId, e.failureCause(), e.getMessage());
            }
            return new ConnectionTest(false, e.failureCause(), e.getMessage(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Imports the channel's changed orders now (what the polling task does); returns how many were new or changed. */
    public OrderImportRun importOrdersNow(long channelId) {
        channel(channelId);
        try {
            return new OrderImportRun(true, polling.poll(channelId), null, null);
        } catch (ConnectorException e) {
            return new OrderImportRun(false, 0, e.failureCause(), e.getMessage());
        }
    }

    /** Pushes pending stock changes now instead of waiting for the next pass. */
    public void syncStockNow() {
        stockSync.wake();
    }

    private SalesChannel channel(long channelId) {
        return channels.find(channelId).orElseThrow(() -> new NotFoundException("販売チャネル " + channelId + " は登録されていません"));
    }
}
