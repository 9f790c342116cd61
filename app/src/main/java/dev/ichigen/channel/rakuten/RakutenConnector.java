package dev.ichigen.channel.rakuten;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
 * The 楽天市場 connector (RMS WEB SERVICE). Orders by polling: {@code searchOrder} by 注文日時 over a window from the
 * cursor ({@value #OVERLAP_MINUTES} minutes of overlap, at most {@value #WINDOW_DAYS} days — RMS allows 63 — pages of
 * {@value #PAGE_SIZE}, RMS's maximum), then {@code getOrder} in chunks of {@value #GET_ORDER_CHUNK} (RMS's maximum).
 * Orders whose amounts are still {@code -9999} are taken in held ({@link AmountNotFixedCheck}) and kept on a waiting
 * list in the cursor; every poll re-reads them until the amounts are fixed or the order is cancelled. Stock by
 * {@code inventories/bulk-upsert} (ABSOLUTE, ≤ {@value #MAX_BATCH} a call, 1 call per second). The license key's
 * expiry ({@code credentials.licenseKeyExpiresOn}, RMS keys last 90 days) is shown in health
 * {@value #EXPIRY_WARNING_DAYS} days ahead; an expired key fails as BAD_CREDENTIALS saying so. Shipment write-back
 * (発送連絡): {@code pushShipment} confirms the order if needed and adds updateOrderShipping records.
 */
@Component
class RakutenConnector implements SalesChannelConnector {

    static final int OVERLAP_MINUTES = 10;
    static final int WINDOW_DAYS = 62;
    static final int PAGE_SIZE = 1000;
    static final int GET_ORDER_CHUNK = 100;
    static final int MAX_BATCH = 400;
    /** updateOrderShipping: at most 20 ShippingModel records per 送付先. */
    static final int MAX_SHIPPING_RECORDS = 20;
    /** Waiting orders kept in the cursor (the cursor column holds 4000 characters; a number is 26). */
    static final int MAX_WAITING = 100;
    static final int EXPIRY_WARNING_DAYS = 14;
    /** 在庫API 2.0: manageNumber / variantId ≤ 32 bytes of [a-zA-Z0-9_-] (IE0004 / IE0105). */
    private static final Pattern STOCK_KEY = Pattern.compile("[a-zA-Z0-9_-]{1,32}");

    private final Clock clock;
    private final CallLog calls;

    RakutenConnector(Clock clock, CallLog calls) {
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public Platform platform() {
        return Platform.RAKUTEN;
    }

    @Override
    public RateLimiter newRateLimiter(String bucket) {
        // 在庫API 2.0 bulk.upsert: 1 request per second per shop (rakuten/rms-inventory-bulk-upsert.json); we send one
        // every 1.2 s so network jitter seldom makes two arrive within RMS's second (exactly 1/s drew 429s on a loaded
        // machine); a 429 that still happens is retried after its Retry-After.
        // The order API publishes no figure; a gentle 2/s with a burst of 5 keeps a catch-up's getOrder calls flowing.
        return bucket.equals("inventory") ? new RateLimiter(1, 1 / 1.2) : new RateLimiter(5, 2);
    }

    @Override
    public int maxStockBatch() {
        return MAX_BATCH;
    }

    @Override
    public Optional<LocalDate> credentialsExpireOn(ConnectorContext channel) {
        return licenseKeyExpiresOn(channel);
    }

    @Override
    public void testConnection(ConnectorContext channel) {
        Instant now = clock.instant();
        guarded(channel, () -> new RakutenClient(channel).searchOrder(now.minus(Duration.ofDays(1)), now, 1, 1));
    }

    @Override
    public OrderPage pullOrders(ConnectorContext channel, String cursor) {
        return guarded(channel, () -> pull(channel, cursor));
    }

    private OrderPage pull(ConnectorContext channel, String text) {
        // RMS times have whole seconds: the window ends at the next full second so an order of this second is inside
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        Cursor c = Cursor.parse(text, now.minus(channel.initialLookback()));
        RakutenClient client = new RakutenClient(channel);
        Instant from = c.from();
        Instant to = c.to();
        int page = c.page();
        List<JsonNode> models = new ArrayList<>();
        if (from == null) { // a new window: from the cursor, with overlap, at most WINDOW_DAYS, within RMS's 2 years
            from = c.since().minus(Duration.ofMinutes(OVERLAP_MINUTES));
            Instant oldest = now.minus(Duration.ofDays(729));
            if (from.isBefore(oldest)) {
                from = oldest;
            }
            to = from.plus(Duration.ofDays(WINDOW_DAYS));
            if (to.isAfter(now)) {
                to = now;
            }
            page = 1;
            // orders waiting for fixed amounts: read again once per window
            List<String> waiting = new ArrayList<>(c.waiting());
            for (int i = 0; i < waiting.size(); i += GET_ORDER_CHUNK) {
                models.addAll(client.getOrder(waiting.subList(i, Math.min(waiting.size(), i + GET_ORDER_CHUNK))));
            }
        }
        RakutenClient.SearchPage found = client.searchOrder(from, to, page, PAGE_SIZE);
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(found.orderNumbers()));
        for (int i = 0; i < numbers.size(); i += GET_ORDER_CHUNK) {
            models.addAll(client.getOrder(numbers.subList(i, Math.min(numbers.size(), i + GET_ORDER_CHUNK))));
        }
        Set<String> waiting = new LinkedHashSet<>(c.waiting());
        Map<String, PulledOrder> orders = new LinkedHashMap<>();
        for (JsonNode m : models) {
            PulledOrder o = map(channel.channelId(), m);
            if (o.channelOrderNumber() == null) {
                orders.put("?" + orders.size(), o);
                continue;
            }
            orders.put(o.channelOrderNumber(), o);
            boolean open = o.order() != null && !o.order().cancelled() && !RakutenOrderMapper.amountsFixed(m);
            if (open) {
                waiting.add(o.channelOrderNumber());
            } else {
                waiting.remove(o.channelOrderNumber());
            }
        }
        List<String> keep = new ArrayList<>(waiting);
        if (keep.size() > MAX_WAITING) { // the oldest stay held; a person settles them in RMS and here
            keep = keep.subList(keep.size() - MAX_WAITING, keep.size());
        }
        List<PulledOrder> list = new ArrayList<>(orders.values());
        if (page < found.totalPages()) {
            return new OrderPage(list, new Cursor(c.since(), from, to, page + 1, keep).format(), true);
        }
        return new OrderPage(list, new Cursor(to, null, null, 1, keep).format(), to.isBefore(now));
    }

    /** Maps one order, turning a payload error into a {@link PulledOrder} with the error (the page goes on). */
    static PulledOrder map(long channelId, JsonNode o) {
        String number = null;
        try {
            number = RakutenOrderMapper.orderNumber(o);
            return new PulledOrder(number, RakutenOrderMapper.map(channelId, o), null);
        } catch (RakutenPayloadException e) {
            return new PulledOrder(number, null, e.getMessage());
        }
    }

    @Override
    public List<StockPushResult> pushStock(ConnectorContext channel, List<StockUpdate> updates) {
        Map<StockUpdate, StockPushResult> results = new LinkedHashMap<>();
        List<StockUpdate> sendable = new ArrayList<>();
        List<RakutenClient.Inventory> entries = new ArrayList<>();
        for (StockUpdate u : updates) {
            String manage = u.itemCode() == null ? "" : u.itemCode().strip();
            String variant = variantId(u);
            String problem = !validKey(manage) ? "manageNumber " + manage : !validKey(variant) ? "variantId " + variant : null;
            if (problem != null) {
                results.put(u, new StockPushResult(u, false, FailureCause.REJECTED, problem
                        + ": RMS takes at most 32 bytes of a-z, A-Z, 0-9, '_' and '-' (在庫API IE0004/IE0105)"));
                continue;
            }
            results.put(u, null);
            sendable.add(u);
            // 在庫API range 0..99999 (IE0003): more is shown as 99999
            entries.add(new RakutenClient.Inventory(manage, variant, Math.min(99_999, Math.max(0, u.quantity()))));
        }
        RakutenClient client = new RakutenClient(channel);
        for (int start = 0; start < entries.size(); start += MAX_BATCH) {
            int from = start;
            int to = Math.min(entries.size(), start + MAX_BATCH);
            guarded(channel, () -> {
                client.bulkUpsert(entries.subList(from, to));
                return null;
            });
            sendable.subList(from, to).forEach(u -> results.put(u, StockPushResult.ok(u)));
        }
        return new ArrayList<>(results.values());
    }

    /**
     * The RMS variantId of a listing: its sub code; else its external reference; else the manageNumber itself (an item
     * without variations whose only SKU has the manageNumber as variantId).
     */
    /**
     * 発送連絡: getOrder for the order's progress and 送付先 (basket); an order still at 100 注文確認待ち is confirmed
     * first (RMS takes shipping records from 300 発送待ち on); then updateOrderShipping adds one record per tracking
     * number the basket does not hold yet, with the 配送会社 code of our carrier (rakuten/rms-deliveryCompany-codes.csv)
     * and the ship date — ≤ 20 records per basket, RMS's limit. Numbers already there are not sent again (a retry adds
     * nothing); a cancelled order (900) or more than 20 records is refused (REJECTED). Orders with several 送付先 get the
     * records on the first one (a shipment goes to one address).
     */
    @Override
    public void pushShipment(ConnectorContext channel, ShipmentNotice shipment) {
        RakutenClient client = new RakutenClient(channel);
        String number = shipment.channelOrderNumber();
        JsonNode order = guarded(channel, () -> client.getOrder(List.of(number))).stream().findFirst()
                .orElseThrow(() -> new ConnectorException(FailureCause.REJECTED, "RMS does not know order " + number));
        int progress = RakutenOrderMapper.ci(order, "orderProgress").asInt(0);
        if (progress >= 800) {
            throw new ConnectorException(FailureCause.REJECTED, "order " + number + " is cancelled in RMS (" + progress + ")");
        }
        if (progress == 100) {
            List<String> errors = guarded(channel, () -> client.confirmOrder(List.of(number)));
            if (!errors.isEmpty()) {
                throw new ConnectorException(FailureCause.REJECTED, "confirmOrder: " + String.join("; ", errors));
            }
        }
        JsonNode pkg = RakutenOrderMapper.ci(order, "PackageModelList").path(0);
        if (!pkg.isObject() || !RakutenOrderMapper.ci(pkg, "basketId").canConvertToLong()) {
            throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, "getOrder: order " + number + " has no basketId");
        }
        long basketId = RakutenOrderMapper.ci(pkg, "basketId").asLong();
        java.util.Set<String> known = new java.util.HashSet<>();
        RakutenOrderMapper.ci(pkg, "ShippingModelList").forEach(s -> known.add(RakutenOrderMapper.ci(s, "shippingNumber").asString("")));
        String company = deliveryCompany(shipment.carrier());
        List<RakutenClient.Shipping> records = shipment.trackingNumbers().stream().filter(n -> !known.contains(n))
                .map(n -> new RakutenClient.Shipping(company, n, shipment.shippedOn())).toList();
        if (records.isEmpty()) {
            return; // all sent before
        }
        if (known.size() + records.size() > MAX_SHIPPING_RECORDS) {
            throw new ConnectorException(FailureCause.REJECTED, "order " + number + " would have more than "
                    + MAX_SHIPPING_RECORDS + " shipping records (RMS limit per 送付先)");
        }
        List<String> errors = guarded(channel, () -> client.updateOrderShipping(number, basketId, records));
        if (!errors.isEmpty()) {
            throw new ConnectorException(FailureCause.REJECTED, "updateOrderShipping: " + String.join("; ", errors));
        }
    }

    /** Our carrier code → RMS 配送会社 code (rakuten/rms-deliveryCompany-codes.csv); 1000 その他 when unknown. */
    static String deliveryCompany(String carrier) {
        dev.ichigen.shipping.Carrier c = dev.ichigen.shipping.Carrier.parse(carrier);
        if (c == null) {
            return "1000";
        }
        return switch (c) {
            case YAMATO -> "1001";
            case SAGAWA -> "1002";
            case JAPAN_POST -> "1003";
        };
    }

    static String variantId(StockUpdate u) {
        if (u.subCode() != null && !u.subCode().isBlank()) {
            return u.subCode().strip();
        }
        if (u.externalRef() != null && !u.externalRef().isBlank()) {
            return u.externalRef().strip();
        }
        return u.itemCode() == null ? "" : u.itemCode().strip();
    }

    private static boolean validKey(String key) {
        return STOCK_KEY.matcher(key).matches() && key.getBytes(StandardCharsets.UTF_8).length <= 32;
    }

    // ------------------------------------------------------------------ license key

    static Optional<LocalDate> licenseKeyExpiresOn(ConnectorContext channel) {
        try {
            return channel.credentials().get("licenseKeyExpiresOn").map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs a call; a refusal of the credentials (401/403, RMS ES01-01) becomes a BAD_CREDENTIALS failure that says why —
     * the license key expired (the stored expiry date has passed) or the key pair is wrong — in health as well.
     */
    private <T> T guarded(ConnectorContext channel, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConnectorException e) {
            if (e.failureCause() != FailureCause.BAD_CREDENTIALS) {
                throw e;
            }
            LocalDate today = LocalDate.now(clock.withZone(RakutenClient.TOKYO));
            Optional<LocalDate> expires = licenseKeyExpiresOn(channel);
            String message = expires.isPresent() && today.isAfter(expires.get())
                    ? "RMS license key expired on " + expires.get() + " (keys last 90 days): issue a new key in RMS "
                            + "(店舗様向け情報・サービス → WEB APIサービス) and store it with its new licenseKeyExpiresOn"
                    : "RMS refused serviceSecret/licenseKey (" + e.getMessage() + "): check them, and whether the license key"
                            + " has expired (keys last 90 days)";
            calls.failure(channel.channelId(), FailureCause.BAD_CREDENTIALS, message);
            throw new ConnectorException(FailureCause.BAD_CREDENTIALS, e.httpStatus(), message, null);
        }
    }

    /**
     * The polling cursor: {@code since=<ISO>[;from=<ISO>;to=<ISO>;page=<n>][;wait=<number>,…]} — {@code since} is how
     * far orders were read; {@code from}/{@code to}/{@code page} a window being paged through; {@code wait} the orders
     * whose amounts RMS has not fixed yet.
     */
    record Cursor(Instant since, Instant from, Instant to, int page, List<String> waiting) {

        static Cursor parse(String text, Instant fallback) {
            Instant since = fallback;
            Instant from = null;
            Instant to = null;
            int page = 1;
            List<String> waiting = new ArrayList<>();
            if (text != null && !text.isBlank()) {
                for (String part : text.split(";")) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String v = part.substring(eq + 1);
                    switch (part.substring(0, eq)) {
                        case "since" -> since = Instant.parse(v);
                        case "from" -> from = Instant.parse(v);
                        case "to" -> to = Instant.parse(v);
                        case "page" -> page = Integer.parseInt(v);
                        case "wait" -> {
                            for (String n : v.split(",")) {
                                if (!n.isBlank()) {
                                    waiting.add(n.strip());
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            if (from == null || to == null) {
                from = null;
                to = null;
                page = 1;
            }
            return new Cursor(since, from, to, page, waiting);
        }

        String format() {
            return "since=" + since + (from == null ? "" : ";from=" + from + ";to=" + to + ";page=" + page)
                    + (waiting.isEmpty() ? "" : ";wait=" + String.join(",", waiting));
        }
    }
}
