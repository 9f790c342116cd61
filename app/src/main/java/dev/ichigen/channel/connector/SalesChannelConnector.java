package dev.ichigen.channel.connector;

import java.util.List;

import dev.ichigen.channel.Platform;
import dev.ichigen.order.NewOrder;

/**
 * What a platform's connector does for one channel (販売チャネル連携). One Spring bean per platform, in its own
 * sub-package ({@code channel.shopify}, {@code channel.rakuten}, {@code channel.yahoo}, {@code channel.amazon}),
 * with its client, its pure order mapper and its platform DTOs kept inside that package. Methods are called outside
 * any database transaction and throw {@link ConnectorException} with a classified cause.
 */
public interface SalesChannelConnector {

    Platform platform();

    /** One cheap authenticated read that proves credentials and reachability (接続テスト). */
    void testConnection(ConnectorContext channel);

    /**
     * One page of orders changed since {@code cursor} ({@code null} = from {@code ConnectorContext#initialLookback}),
     * oldest first. The connector owns the cursor's format; {@link OrderPage#nextCursor} is stored after the page's
     * orders are taken in, so a crash re-reads a page (intake is idempotent) and never skips one.
     */
    OrderPage pullOrders(ConnectorContext channel, String cursor);

    /**
     * Sets absolute quantities on the platform, at most {@link #maxStockBatch()} items a call; answers per item.
     * An item the platform refuses (unknown inventory item) fails alone when the platform allows it.
     */
    List<StockPushResult> pushStock(ConnectorContext channel, List<StockUpdate> updates);

    /** A fresh limiter for one of the platform's rate-limit buckets (e.g. Shopify {@code rest}, {@code graphql}). */
    RateLimiter newRateLimiter(String bucket);

    /**
     * When the channel's credentials stop working, when the platform's keys expire on a schedule (楽天 RMS license keys
     * last 90 days); empty when they do not or the date is not known. Health warns ahead of it.
     */
    default java.util.Optional<java.time.LocalDate> credentialsExpireOn(ConnectorContext channel) {
        return java.util.Optional.empty();
    }

    /** Items per stock call, the platform's documented maximum (or what is sensible when there is none). */
    int maxStockBatch();

    /**
     * Shipment write-back (発送連絡): tells the platform the order left the warehouse, with the carrier and its tracking
     * numbers (several = several parcels). Must be idempotent — it is retried after failures: numbers the platform
     * already has are not added again, and an order the platform already shows as shipped is success. Platforms without
     * write-back keep this default, and their jobs are marked NOT_SUPPORTED ({@code ShipmentWriteBack}).
     */
    default void pushShipment(ConnectorContext channel, ShipmentNotice shipment) {
        throw new UnsupportedOperationException("shipment write-back is not built for " + platform().label());
    }

    /**
     * A shipped channel order: the channel's order number, our carrier code ({@code yamato}, {@code sagawa},
     * {@code japanpost} — {@code dev.ichigen.shipping.Carrier}), the tracking numbers and the day it shipped.
     */
    record ShipmentNotice(String channelOrderNumber, String carrier, List<String> trackingNumbers,
            java.time.LocalDate shippedOn) {
    }

    /** A page of orders and where to continue. */
    record OrderPage(List<PulledOrder> orders, String nextCursor, boolean more) {
    }

    /** An order as mapped, or the reason it could not be (payload error, named field). */
    record PulledOrder(String channelOrderNumber, NewOrder order, String error) {
    }

    /**
     * One SKU's quantity to show: {@code itemCode} / {@code externalRef} from the channel listing (Shopify: the
     * variant SKU and the inventory item id).
     */
    record StockUpdate(String sku, String itemCode, String subCode, String externalRef, long quantity) {
    }

    /** What became of one update: ok, or the cause and message. */
    record StockPushResult(StockUpdate update, boolean ok, dev.ichigen.channel.FailureCause cause, String error) {
        public static StockPushResult ok(StockUpdate u) {
            return new StockPushResult(u, true, null, null);
        }
    }
}
