package dev.ichigen.channel.amazon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.connector.CallLog;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import dev.ichigen.channel.connector.RateLimiter;
import dev.ichigen.channel.connector.SalesChannelConnector;
import tools.jackson.databind.JsonNode;

/**
 * The Amazon.co.jp connector (Selling Partner API). Orders: {@code getOrders} by {@code LastUpdatedAfter} from the
 * cursor ({@value #OVERLAP_MINUTES} minutes of overlap) with {@code NextToken} paging, {@code getOrderItems} per order;
 * Pending / PendingAvailability and FBA (AFN) orders are not taken in ({@link AmazonOrderMapper#importable}); ORDER_CHANGE
 * notifications relayed to {@link AmazonNotificationApi} fetch one order at once ({@link #fetchOrder}). Stock:
 * JSON_LISTINGS_FEED ({@link ListingsFeed}: createFeedDocument → upload → createFeed → getFeed → processing report).
 * Shipment write-back: confirmShipment. Auth and PII: {@link AmazonClient} (LWA token, Restricted Data Token).
 */
@Component
class AmazonConnector implements SalesChannelConnector {

    static final int OVERLAP_MINUTES = 2;
    /** getOrders MaxResultsPerPage: 1–100 (Orders v0). */
    static final int MAX_PAGE_SIZE = 100;
    /**
     * Messages per JSON_LISTINGS_FEED document: the feed schema allows 25,000 (json-listings-feed-schema-v2
     * {@code messages.maxItems}); 10,000 keeps a document near 1 MB. createFeed is allowed once per 2 minutes
     * (0.0083/s), so big, coalesced feeds are what the platform wants.
     */
    static final int MAX_BATCH = 10_000;
    static final String FEEDS_CURSOR = "amazon-feeds";
    /** Pending feed ids kept for a later look at their processing report (the cursor column holds 4,000 characters). */
    static final int MAX_PENDING_FEEDS = 100;

    private final Clock clock;
    private final CallLog calls;
    private final dev.ichigen.channel.connector.SyncCursors cursors;
    private final Duration feedResultWait;
    private volatile int pageSize = MAX_PAGE_SIZE;

    AmazonConnector(Clock clock, CallLog calls, dev.ichigen.channel.connector.SyncCursors cursors,
            @Value("${ichigen.channel.amazon.feed-result-wait:PT10S}") Duration feedResultWait) {
        this.clock = clock;
        this.calls = calls;
        this.cursors = cursors;
        this.feedResultWait = feedResultWait;
    }

    /** Page size of getOrders (tests page through a few orders). */
    void pageSize(int size) {
        this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, size));
    }

    @Override
    public Platform platform() {
        return Platform.AMAZON;
    }

    @Override
    public RateLimiter newRateLimiter(String bucket) {
        // SP-API usage plans, per operation and selling partner (Orders v0, Feeds 2021-06-30, Tokens 2021-03-01 API
        // references: rate per second / burst). An answer's x-amzn-RateLimit-Limit retunes the rate (AmazonClient).
        return switch (bucket) {
            case "getOrders" -> new RateLimiter(20, 0.0167);
            case "getOrder", "getOrderItems" -> new RateLimiter(30, 0.5);
            case "confirmShipment" -> new RateLimiter(10, 2);
            case "createFeedDocument" -> new RateLimiter(15, 0.5);
            case "createFeed" -> new RateLimiter(15, 0.0083);
            case "getFeed" -> new RateLimiter(15, 2);
            case "getFeedDocument" -> new RateLimiter(10, 0.0222);
            case "rdt" -> new RateLimiter(10, 1);
            default -> new RateLimiter(5, 1); // LWA token endpoint: no published figure; tokens are cached for an hour
        };
    }

    @Override
    public int maxStockBatch() {
        return MAX_BATCH;
    }

    @Override
    public void testConnection(ConnectorContext channel) {
        guarded(channel, () -> new AmazonClient(channel, clock).getOrders(clock.instant().minus(Duration.ofDays(1)), null, 1));
    }

    // ------------------------------------------------------------------ orders

    @Override
    public OrderPage pullOrders(ConnectorContext channel, String cursor) {
        checkPendingFeeds(channel);
        return guarded(channel, () -> pull(channel, cursor));
    }

    private OrderPage pull(ConnectorContext channel, String text) {
        Instant now = clock.instant();
        Cursor c = Cursor.parse(text, now.minus(channel.initialLookback()));
        AmazonClient client = new AmazonClient(channel, clock);
        AmazonClient.OrdersPage page = client.getOrders(c.since().minus(Duration.ofMinutes(OVERLAP_MINUTES)), c.next(), pageSize);
        // Amazon applies an upper bound (LastUpdatedBefore, at most now − 2 min); the next run starts there
        Instant upper = c.upper() != null ? c.upper()
                : page.lastUpdatedBefore() != null ? page.lastUpdatedBefore() : now.minus(Duration.ofMinutes(2));
        List<PulledOrder> orders = new ArrayList<>();
        for (JsonNode o : page.orders()) {
            if (!AmazonOrderMapper.importable(o)) {
                continue;
            }
            String id = o.path("AmazonOrderId").asString();
            orders.add(map(channel.channelId(), id, o, client.getOrderItems(id)));
        }
        if (page.nextToken() != null) {
            return new OrderPage(orders, new Cursor(c.since(), upper, page.nextToken()).format(), true);
        }
        return new OrderPage(orders, new Cursor(upper.isBefore(c.since()) ? c.since() : upper, null, null).format(), false);
    }

    /**
     * One order now (ORDER_CHANGE): getOrder + getOrderItems; empty when Amazon does not know it or it is not one to
     * take in yet (Pending, FBA).
     */
    Optional<PulledOrder> fetchOrder(ConnectorContext channel, String orderId) {
        return guarded(channel, () -> {
            AmazonClient client = new AmazonClient(channel, clock);
            Optional<JsonNode> order = client.getOrder(orderId);
            if (order.isEmpty() || !AmazonOrderMapper.importable(order.get())) {
                return Optional.empty();
            }
            return Optional.of(map(channel.channelId(), orderId, order.get(), client.getOrderItems(orderId)));
        });
    }

    static PulledOrder map(long channelId, String listedId, JsonNode order, List<JsonNode> items) {
        try {
            return new PulledOrder(AmazonOrderMapper.orderNumber(order), AmazonOrderMapper.map(channelId, order, items), null);
        } catch (AmazonPayloadException e) {
            return new PulledOrder(listedId, null, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ stock

    @Override
    public List<StockPushResult> pushStock(ConnectorContext channel, List<StockUpdate> updates) {
        AmazonClient client = new AmazonClient(channel, clock);
        Map<StockUpdate, StockPushResult> results = new LinkedHashMap<>();
        List<StockUpdate> sendable = new ArrayList<>();
        List<ListingsFeed.Entry> entries = new ArrayList<>();
        for (StockUpdate u : updates) {
            results.put(u, null);
            sendable.add(u);
            // absolute, never negative: fulfillment_availability.quantity minimum 0
            entries.add(new ListingsFeed.Entry(u.itemCode() == null ? "" : u.itemCode().strip(), Math.max(0, u.quantity())));
        }
        // validated before upload: a message the schema refuses fails alone (REJECTED) and is never sent
        ListingsFeed.Problems problems = ListingsFeed.validate(ListingsFeed.document(client.sellerId(), entries));
        if (!problems.document().isEmpty()) {
            throw new ConnectorException(FailureCause.NOT_CONFIGURED, "JSON_LISTINGS_FEED document invalid before upload: "
                    + problems.document().get(0));
        }
        List<StockUpdate> valid = new ArrayList<>();
        List<ListingsFeed.Entry> validEntries = new ArrayList<>();
        for (int i = 0; i < sendable.size(); i++) {
            String problem = problems.messages().get(i);
            if (problem != null) {
                results.put(sendable.get(i), new StockPushResult(sendable.get(i), false, FailureCause.REJECTED,
                        "SellerSKU " + entries.get(i).sku() + ": refused by the JSON_LISTINGS_FEED schema before upload ("
                                + problem + ")"));
            } else {
                valid.add(sendable.get(i));
                validEntries.add(entries.get(i));
            }
        }
        for (int start = 0; start < valid.size(); start += MAX_BATCH) {
            int to = Math.min(valid.size(), start + MAX_BATCH);
            List<StockUpdate> batch = valid.subList(start, to);
            List<ListingsFeed.Entry> batchEntries = validEntries.subList(start, to);
            byte[] doc = AmazonClient.JSON.writeValueAsBytes(ListingsFeed.document(client.sellerId(), batchEntries));
            String feedId = guarded(channel, () -> {
                AmazonClient.FeedDocument d = client.createFeedDocument(ListingsFeed.CONTENT_TYPE);
                client.upload(d, ListingsFeed.CONTENT_TYPE, doc);
                return client.createFeed("JSON_LISTINGS_FEED", d.feedDocumentId());
            });
            Map<Long, String> refused = awaitReport(channel, client, feedId);
            for (int i = 0; i < batch.size(); i++) {
                StockUpdate u = batch.get(i);
                String why = refused == null ? null : refused.get((long) i + 1);
                results.put(u, why == null ? StockPushResult.ok(u)
                        : new StockPushResult(u, false, FailureCause.REJECTED, "feed " + feedId + ": " + why));
            }
        }
        return new ArrayList<>(results.values());
    }

    /**
     * Waits up to {@code ichigen.channel.amazon.feed-result-wait} for the feed to be processed and answers the refused
     * messages (messageId → code and message); {@code null} when Amazon has not finished in time — the feed id is then
     * kept and its report read by a later poll ({@link #checkPendingFeeds}), refusals going to the call log and health.
     */
    private Map<Long, String> awaitReport(ConnectorContext channel, AmazonClient client, String feedId) {
        long deadline = System.nanoTime() + feedResultWait.toNanos();
        while (true) {
            JsonNode feed = guarded(channel, () -> client.getFeed(feedId));
            String status = feed.path("processingStatus").asString("");
            if (status.equals("DONE") || status.equals("FATAL")) {
                return refusals(channel, client, feedId, feed);
            }
            if (status.equals("CANCELLED")) {
                throw new ConnectorException(FailureCause.SERVER_ERROR, "feed " + feedId + " was cancelled by Amazon");
            }
            if (System.nanoTime() > deadline) {
                remember(channel.channelId(), feedId);
                return null;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                remember(channel.channelId(), feedId);
                return null;
            }
        }
    }

    private Map<Long, String> refusals(ConnectorContext channel, AmazonClient client, String feedId, JsonNode feed) {
        String resultId = feed.path("resultFeedDocumentId").asString(null);
        boolean fatal = feed.path("processingStatus").asString("").equals("FATAL");
        JsonNode report = resultId == null ? null : guarded(channel, () -> client.processingReport(resultId));
        Map<Long, String> refused = new LinkedHashMap<>();
        if (report != null) {
            for (JsonNode issue : report.path("issues")) {
                if (!"ERROR".equals(issue.path("severity").asString("")) || !issue.path("messageId").canConvertToLong()) {
                    continue;
                }
                refused.putIfAbsent(issue.path("messageId").asLong(), issue.path("code").asString("") + " "
                        + truncate(issue.path("message").asString(""), 160));
            }
        }
        if (fatal) {
            String first = report == null ? "" : report.path("issues").path(0).path("message").asString("");
            throw new ConnectorException(FailureCause.REJECTED, "feed " + feedId + " FATAL: " + truncate(first, 160));
        }
        return refused;
    }

    private void remember(long channelId, String feedId) {
        List<String> ids = new ArrayList<>(List.of(cursors.get(channelId, FEEDS_CURSOR).orElse("").split(",")));
        ids.removeIf(String::isBlank);
        ids.add(feedId);
        while (ids.size() > MAX_PENDING_FEEDS) {
            ids.remove(0);
        }
        cursors.put(channelId, FEEDS_CURSOR, String.join(",", ids));
    }

    /** Reads the reports of feeds that were not processed while pushStock waited; refusals go to the call log. */
    private void checkPendingFeeds(ConnectorContext channel) {
        String pending = cursors.get(channel.channelId(), FEEDS_CURSOR).orElse("");
        if (pending.isBlank()) {
            return;
        }
        AmazonClient client = new AmazonClient(channel, clock);
        List<String> still = new ArrayList<>();
        for (String feedId : pending.split(",")) {
            if (feedId.isBlank()) {
                continue;
            }
            try {
                JsonNode feed = client.getFeed(feedId);
                String status = feed.path("processingStatus").asString("");
                if (status.equals("DONE") || status.equals("FATAL")) {
                    refusals(channel, client, feedId, feed).forEach((messageId, why) -> calls.record(channel.channelId(),
                            "feed.result", "feed " + feedId, null, 0, "FAILED", FailureCause.REJECTED,
                            "feed " + feedId + " message " + messageId + ": " + why));
                } else if (!status.equals("CANCELLED")) {
                    still.add(feedId);
                }
            } catch (ConnectorException e) {
                if (e.retryable()) {
                    still.add(feedId);
                } else { // e.g. the feed ended FATAL: every message refused
                    calls.record(channel.channelId(), "feed.result", "feed " + feedId, e.httpStatus(), 0, "FAILED",
                            e.failureCause(), truncate(String.valueOf(e.getMessage()), 200));
                }
            }
        }
        cursors.put(channel.channelId(), FEEDS_CURSOR, String.join(",", still));
    }

    // ------------------------------------------------------------------ shipment

    /**
     * confirmShipment (reference: amazon/spapi-confirmShipment-request-sandbox.json, order-fulfillment-and-inventory-
     * feed-rules.json): reads the order first — Shipped → done (a retry after a lost answer adds nothing), Canceled or
     * Pending → REJECTED — then confirms one package with the first tracking number holding every unshipped quantity.
     */
    @Override
    public void pushShipment(ConnectorContext channel, ShipmentNotice shipment) {
        AmazonClient client = new AmazonClient(channel, clock);
        String number = shipment.channelOrderNumber();
        JsonNode order = guarded(channel, () -> client.getOrder(number))
                .orElseThrow(() -> new ConnectorException(FailureCause.REJECTED, "Amazon does not know order " + number));
        String status = order.path("OrderStatus").asString("");
        switch (status) {
            case "Shipped", "InvoiceUnconfirmed" -> {
                return;
            }
            case "Canceled" -> throw new ConnectorException(FailureCause.REJECTED, "order " + number + " is Canceled on Amazon");
            case "Pending", "PendingAvailability" -> throw new ConnectorException(FailureCause.REJECTED,
                    "order " + number + " is " + status + " on Amazon and cannot be shipped yet");
            default -> {
            }
        }
        if (AmazonOrderMapper.isAfn(order)) {
            throw new ConnectorException(FailureCause.REJECTED, "order " + number + " is fulfilled by Amazon (AFN)");
        }
        List<JsonNode> items = guarded(channel, () -> client.getOrderItems(number));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (JsonNode it : items) {
            long open = it.path("QuantityOrdered").asLong(0) - it.path("QuantityShipped").asLong(0);
            if (open > 0) {
                lines.add(Map.of("orderItemId", it.path("OrderItemId").asString(), "quantity", open));
            }
        }
        if (lines.isEmpty() || shipment.trackingNumbers().isEmpty()) {
            return; // nothing left to confirm
        }
        String tracking = shipment.trackingNumbers().get(0);
        Map<String, Object> pkg = new LinkedHashMap<>();
        String digits = tracking.replaceAll("\\D", "");
        // packageReferenceId: a positive number unique within the order; the tracking number's digits are
        pkg.put("packageReferenceId", digits.isEmpty() || digits.length() > 18 ? "1" : String.valueOf(Long.parseLong(digits)));
        String code = carrierCode(shipment.carrier());
        pkg.put("carrierCode", code);
        if (code.equals("Other")) {
            pkg.put("carrierName", shipment.carrier() == null ? "その他" : shipment.carrier());
        }
        pkg.put("trackingNumber", tracking);
        pkg.put("shipDate", shipDate(shipment.shippedOn(), order).toString());
        pkg.put("orderItems", lines);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("marketplaceId", client.marketplaceId());
        body.put("packageDetail", pkg);
        guarded(channel, () -> {
            client.confirmShipment(number, body);
            return null;
        });
    }

    /**
     * Amazon carrier codes for Japan (reference: order-fulfillment-and-inventory-feed-rules.json
     * {@code japan_carrier_codes_to_verify}; VERIFY against the current CarrierCode list): ヤマト → Yamato Transport,
     * 佐川 → Sagawa Express, 日本郵便 → Japan Post; anything else → Other with the name.
     */
    static String carrierCode(String carrier) {
        if (carrier == null) {
            return "Other";
        }
        return switch (carrier.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "")) {
            case "yamato" -> "Yamato Transport";
            case "sagawa" -> "Sagawa Express";
            case "japanpost" -> "Japan Post";
            default -> "Other";
        };
    }

    /** shipDate: now when it shipped today (Tokyo), else noon of that day — never before the purchase nor in the future. */
    private Instant shipDate(LocalDate shippedOn, JsonNode order) {
        Instant now = clock.instant();
        Instant t = shippedOn == null || !shippedOn.isBefore(LocalDate.now(clock.withZone(AmazonOrderMapper.TOKYO))) ? now
                : shippedOn.atTime(LocalTime.NOON).atZone(AmazonOrderMapper.TOKYO).toInstant();
        try {
            Instant purchased = Instant.parse(order.path("PurchaseDate").asString(""));
            if (t.isBefore(purchased)) {
                t = purchased;
            }
        } catch (java.time.DateTimeException e) {
            // no purchase date: keep t
        }
        return t.isAfter(now) ? now : t;
    }

    // ------------------------------------------------------------------ helpers

    /** Runs a call; a refusal of the credentials is recorded as a BAD_CREDENTIALS failure in health with what to check. */
    private <T> T guarded(ConnectorContext channel, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConnectorException e) {
            if (e.failureCause() == FailureCause.BAD_CREDENTIALS) {
                calls.failure(channel.channelId(), FailureCause.BAD_CREDENTIALS, e.getMessage());
            }
            throw e;
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * The polling cursor: {@code since=<ISO>[;upper=<ISO>;next=<NextToken>]} — {@code since} is how far orders were read
     * (LastUpdateDate); {@code upper}/{@code next} a run being paged through.
     */
    record Cursor(Instant since, Instant upper, String next) {

        static Cursor parse(String text, Instant fallback) {
            Instant since = fallback;
            Instant upper = null;
            String next = null;
            if (text != null && !text.isBlank()) {
                for (String part : text.split(";")) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String v = part.substring(eq + 1);
                    switch (part.substring(0, eq)) {
                        case "since" -> since = Instant.parse(v);
                        case "upper" -> upper = Instant.parse(v);
                        case "next" -> next = v.isBlank() ? null : v;
                        default -> {
                        }
                    }
                }
            }
            return next == null ? new Cursor(since, null, null) : new Cursor(since, upper, next);
        }

        String format() {
            return "since=" + since + (next == null ? "" : ";upper=" + upper + ";next=" + next);
        }
    }
}
