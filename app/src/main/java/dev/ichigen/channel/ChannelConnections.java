package dev.ichigen.channel;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.ichigen.channel.connector.CallLog;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.Connectors;
import dev.ichigen.channel.connector.OrderPolling;
import dev.ichigen.channel.connector.StockSync;
import dev.ichigen.inventory.PublishOutbox;
import dev.ichigen.shared.NotFoundException;

/**
 * What the console and the API see of the connectors (連携状態): health per channel, the call log, the stock sync
 * status per SKU, a connection test and "import now". Secrets never leave the module.
 */
@Service
public class ChannelConnections {

    private final ChannelManagement channels;
    private final Connectors connectors;
    private final CallLog calls;
    private final StockSync stockSync;
    private final OrderPolling polling;
    private final PublishOutbox outbox;

    ChannelConnections(ChannelManagement channels, Connectors connectors, CallLog calls, StockSync stockSync,
            OrderPolling polling, PublishOutbox outbox) {
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
        return new ChannelHealth(channelId, channel.platform(), connectors.hasConnector(channel.platform()),
                channel.hasCredentials(), f.lastSuccessAt(), f.lastFailureAt(), f.lastFailureCause(), f.lastFailureError(),
                hour[0], hour[1], f.lastOrderImportAt(), f.lastStockPushAt(), outbox.pendingCount(channelId),
                stockSync.failingSkus(channelId));
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
