package dev.ichigen.channel.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.RateLimiter;
import dev.ichigen.channel.connector.SalesChannelConnector;
import tools.jackson.databind.JsonNode;

/**
 * The Shopify connector: orders by REST polling ({@code updated_at_min} cursor with {@value #OVERLAP_MINUTES} minutes
 * of overlap, pages of 250 — Shopify's maximum — followed by their {@code Link: rel="next"}), stock by GraphQL
 * {@code inventorySetQuantities} (absolute {@code available} at {@code credentials.locationId}, at most
 * {@value #MAX_BATCH} quantities a call). Webhooks arrive through {@link ShopifyWebhookApi}. Shipment write-back
 * (発送連絡): {@code pushShipment} creates a fulfillment with the tracking company, number and URL.
 */
@Component
class ShopifyConnector implements SalesChannelConnector {

    static final int OVERLAP_MINUTES = 5;
    static final int MAX_BATCH = 250;
    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final Clock clock;

    ShopifyConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public RateLimiter newRateLimiter(String bucket) {
        // REST: leaky bucket of 40 requests leaking 2/s (standard plans). GraphQL: 1000 cost points restoring 50/s;
        // an inventorySetQuantities call costs about 10 → 100 calls, 5/s. Half the burst is kept in reserve for other
        // apps of the shop.
        return bucket.equals("graphql") ? new RateLimiter(50, 5) : new RateLimiter(20, 2);
    }

    @Override
    public int maxStockBatch() {
        return MAX_BATCH;
    }

    @Override
    public void testConnection(ConnectorContext channel) {
        new ShopifyClient(channel).orderCount();
    }

    @Override
    public OrderPage pullOrders(ConnectorContext channel, String cursor) {
        Cursor c = Cursor.parse(cursor, clock.instant().minus(channel.initialLookback()));
        ShopifyClient client = new ShopifyClient(channel);
        ShopifyClient.OrdersPage page = c.page() != null ? client.orders(null, c.page())
                : client.orders(ISO.format(OffsetDateTime.ofInstant(c.since().minus(Duration.ofMinutes(OVERLAP_MINUTES)), ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), null);
        Instant max = c.max();
        List<PulledOrder> orders = new ArrayList<>();
        for (JsonNode o : page.orders()) {
            Instant updated = ShopifyOrderMapper.updatedAt(o);
            if (updated != null && (max == null || updated.isAfter(max))) {
                max = updated;
            }
            orders.add(map(channel.channelId(), o));
        }
        if (page.next() != null) {
            return new OrderPage(orders, new Cursor(c.since(), max, page.next()).format(), true);
        }
        Instant since = max != null && max.isAfter(c.since()) ? max : c.since();
        return new OrderPage(orders, new Cursor(since, null, null).format(), false);
    }

    /** Maps one order, turning a payload error into a {@link PulledOrder} with the error (the page goes on). */
    static PulledOrder map(long channelId, JsonNode o) {
        String id = null;
        try {
            id = ShopifyOrderMapper.orderId(o);
            return new PulledOrder(id, ShopifyOrderMapper.map(channelId, o), null);
        } catch (ShopifyPayloadException e) {
            return new PulledOrder(id, null, e.getMessage());
        }
    }

    @Override
    public List<StockPushResult> pushStock(ConnectorContext channel, List<StockUpdate> updates) {
        String location = channel.credentials().get("locationId").orElseThrow(() -> new ConnectorException(
                FailureCause.NOT_CONFIGURED, "credentials.locationId (the Shopify location to set stock at) is not set"));
        Map<StockUpdate, StockPushResult> results = new LinkedHashMap<>();
        List<StockUpdate> sendable = new ArrayList<>();
        for (StockUpdate u : updates) {
            String item = inventoryItemId(u.externalRef());
            if (item == null) {
                results.put(u, new StockPushResult(u, false, FailureCause.REJECTED,
                        "listing " + u.itemCode() + " has no Shopify inventory item id (externalRef)"));
            } else {
                results.put(u, null);
                sendable.add(u);
            }
        }
        ShopifyClient client = new ShopifyClient(channel);
        String reference = "ichigen://stock-sync/" + channel.channelId() + "/" + clock.instant();
        for (int from = 0; from < sendable.size(); from += MAX_BATCH) {
            List<StockUpdate> batch = sendable.subList(from, Math.min(sendable.size(), from + MAX_BATCH));
            push(client, location, batch, reference, results, true);
        }
        return new ArrayList<>(results.values());
    }

    /** One mutation; on user errors (nothing written) the refused items fail and the others are sent once more. */
    private void push(ShopifyClient client, String location, List<StockUpdate> batch, String reference,
            Map<StockUpdate, StockPushResult> results, boolean again) {
        List<ShopifyClient.Quantity> qs = batch.stream()
                .map(u -> new ShopifyClient.Quantity(inventoryItemId(u.externalRef()), location, Math.max(0, u.quantity())))
                .toList();
        List<ShopifyClient.UserError> errors = client.setQuantities(qs, reference);
        if (errors.isEmpty()) {
            batch.forEach(u -> results.put(u, StockPushResult.ok(u)));
            return;
        }
        Map<Integer, ShopifyClient.UserError> byIndex = new HashMap<>();
        for (ShopifyClient.UserError e : errors) {
            if (e.index() >= 0 && e.index() < batch.size()) {
                byIndex.put(e.index(), e);
            }
        }
        boolean itemErrorsOnly = byIndex.size() == errors.size();
        List<StockUpdate> innocent = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            StockUpdate u = batch.get(i);
            ShopifyClient.UserError e = byIndex.get(i);
            if (e != null) {
                results.put(u, new StockPushResult(u, false, FailureCause.REJECTED, e.code() + ": " + e.message()));
            } else if (itemErrorsOnly && again) {
                innocent.add(u); // nothing was written: send the others once more without the refused ones
            } else {
                ShopifyClient.UserError first = errors.get(0);
                results.put(u, new StockPushResult(u, false, FailureCause.REJECTED, first.code() + ": " + first.message()));
            }
        }
        if (!innocent.isEmpty()) {
            push(client, location, innocent, reference, results, false);
        }
    }

    /**
     * 発送連絡: one fulfillment per call covering every open fulfillment order of the order (all remaining lines), with
     * the shipment's first tracking number, Shopify's carrier name and the carrier's tracking URL. Idempotent: when the
     * order's fulfillments already hold that number, or no fulfillment order is open any more (already fulfilled in
     * Shopify), it is success. A cancelled order is refused (REJECTED). Further parcels' numbers of the same shipment are
     * not sent (REST {@code tracking_info} holds one number) — docs/CONNECTORS.md.
     */
    @Override
    public void pushShipment(ConnectorContext channel, ShipmentNotice shipment) {
        if (shipment.trackingNumbers().isEmpty()) {
            throw new ConnectorException(FailureCause.REJECTED, "no tracking number to send");
        }
        ShopifyClient client = new ShopifyClient(channel);
        String orderId = shipment.channelOrderNumber();
        String number = shipment.trackingNumbers().getFirst();
        for (JsonNode f : client.order(orderId).path("fulfillments")) {
            if (number.equals(f.path("tracking_number").asString("")) || f.path("tracking_numbers").valueStream()
                    .anyMatch(n -> number.equals(n.asString("")))) {
                return; // sent before (a retry after a lost answer)
            }
        }
        List<JsonNode> fos = client.fulfillmentOrders(orderId);
        List<String> open = fos.stream().filter(fo -> List.of("open", "in_progress").contains(fo.path("status").asString("")))
                .map(fo -> fo.path("id").asString()).toList();
        if (open.isEmpty()) {
            if (!fos.isEmpty() && fos.stream().allMatch(fo -> "cancelled".equals(fo.path("status").asString("")))) {
                throw new ConnectorException(FailureCause.REJECTED, "Shopify order " + orderId + " is cancelled");
            }
            return; // already fulfilled in Shopify: nothing left to ship
        }
        dev.ichigen.shipping.Carrier carrier = dev.ichigen.shipping.Carrier.parse(shipment.carrier());
        client.createFulfillment(open, trackingCompany(carrier, shipment.carrier()), number,
                carrier == null ? null : carrier.trackingUrl(number));
    }

    /** Shopify's carrier names for Japanese carriers (auto tracking links), else our code as given. */
    static String trackingCompany(dev.ichigen.shipping.Carrier carrier, String code) {
        if (carrier == null) {
            return code == null ? "Other" : code;
        }
        return switch (carrier) {
            case YAMATO -> "Yamato (JA)";
            case SAGAWA -> "Sagawa (JA)";
            case JAPAN_POST -> "Japan Post (JA)";
        };
    }

    /** {@code 45000000000123} or {@code gid://shopify/InventoryItem/45000000000123} → the number; else {@code null}. */
    static String inventoryItemId(String externalRef) {
        if (externalRef == null) {
            return null;
        }
        String s = externalRef.strip();
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        return s.matches("\\d{1,20}") ? s : null;
    }

    /** The polling cursor: {@code since=<ISO>[;max=<ISO>;page=<next URL>]}. */
    record Cursor(Instant since, Instant max, String page) {

        static Cursor parse(String text, Instant fallback) {
            if (text == null || text.isBlank()) {
                return new Cursor(fallback, null, null);
            }
            Instant since = fallback;
            Instant max = null;
            String page = null;
            for (String part : text.split(";", 3)) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = part.substring(0, eq);
                String v = part.substring(eq + 1);
                switch (k) {
                    case "since" -> since = Instant.parse(v);
                    case "max" -> max = Instant.parse(v);
                    case "page" -> page = v;
                    default -> {
                    }
                }
            }
            return new Cursor(since, max, page);
        }

        String format() {
            return "since=" + since + (max == null ? "" : ";max=" + max) + (page == null ? "" : ";page=" + page);
        }
    }
}
