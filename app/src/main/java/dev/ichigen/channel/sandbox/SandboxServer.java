package dev.ichigen.channel.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults.Kind;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sandbox store: one platform's API on a loopback HTTP server (the JDK's {@link HttpServer}), with the
 * platform's own listings, stock and orders kept in memory. A sandbox is one process's toy platform: nothing is
 * persisted, nothing is shared between processes, and it knows nothing of ichigen's orders or inventory — it
 * only answers the way the real platform would, so connectors can be run and tested offline.
 *
 * <p>Every platform call is recorded ({@link SandboxCall}) and may be hit by an injected fault
 * ({@link SandboxFaults}). The admin API under {@code /_sandbox/…} needs no platform auth:
 * <ul>
 * <li>{@code GET /_sandbox} — platform, base URL and the credentials the sandbox accepts</li>
 * <li>{@code POST /_sandbox/listings} {@code {"listings":[{"code","subCode","title","price","taxRate","quantity","set"}]}}
 * — add or replace listings (Shopify: optional {@code productId}/{@code variantId}/{@code inventoryItemId}; Amazon {@code asin})</li>
 * <li>{@code GET /_sandbox/stock}, {@code PUT /_sandbox/stock} {@code {"code","subCode","quantity"}} — read, or change as
 * the shop would in the platform's own admin screen (drift)</li>
 * <li>{@code GET /_sandbox/orders}; {@code POST /_sandbox/orders} {@code {"lines":[{"code","subCode","quantity"}]}} — one
 * order for exactly these lines (409 when the platform does not show that stock);
 * {@code POST /_sandbox/orders/generate} {@code {"count":N}} or {@code {"ratePerSecond":r,"durationSeconds":s}};
 * {@code POST /_sandbox/orders/{id}/cancel} — the buyer cancels</li>
 * <li>{@code GET /_sandbox/calls} (with per-endpoint counts), {@code DELETE /_sandbox/calls}</li>
 * <li>{@code GET|POST|DELETE /_sandbox/faults} — {@code {"endpoint":"regex","kind":"429|500|503|slow|malformed|webhook-bad-signature|webhook-replay",
 * "count":N | "fraction":0.3,"seed":1,"delayMs":2000,"retryAfterSeconds":2}}</li>
 * <li>{@code PUT /_sandbox/config} — {@code {"rateLimits":false}} and platform settings; {@code POST /_sandbox/reset}</li>
 * </ul>
 */
public abstract class SandboxServer {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int MAX_CALLS = 500_000;

    private final Logger log = LoggerFactory.getLogger(getClass());

    /** Handles one platform or admin request. */
    @FunctionalInterface
    protected interface Handler {
        SandboxResponse handle(SandboxRequest request);
    }

    private record Route(String method, Pattern path, String endpoint, boolean authenticated, Handler handler) {
    }

    private final Platform platform;
    private final String host;
    private final int requestedPort;
    protected final Clock clock;
    protected final SandboxFaults faults = new SandboxFaults();
    private final List<Route> routes = new ArrayList<>();
    private final List<Route> adminRoutes = new ArrayList<>();
    private final List<SandboxCall> calls = new ArrayList<>();
    private final Map<String, SandboxListing> listings = new LinkedHashMap<>();
    private final Map<String, SandboxOrder> orders = new LinkedHashMap<>();
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>();
    private final long seed;
    private SandboxOrderGenerator generator;
    private volatile boolean rateLimits = true;
    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;

    protected SandboxServer(Platform platform, String host, int port, Clock clock, long seed) {
        this.platform = platform;
        this.host = host == null || host.isBlank() ? "127.0.0.1" : host;
        this.requestedPort = port;
        this.clock = clock;
        this.seed = seed;
        this.generator = new SandboxOrderGenerator(seed);
        adminRoutes();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the server on loopback ({@code port} 0 = a free port). */
    public synchronized SandboxServer start() {
        if (server != null) {
            return this;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("a sandbox store listens on loopback only, not " + host);
            }
            server = HttpServer.create(new InetSocketAddress(address, requestedPort), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + platform.label() + " sandbox on " + host + ":"
                    + requestedPort, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-" + platform.name().toLowerCase() + "-scheduler");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            scheduler.shutdownNow();
            server = null;
        }
    }

    public Platform platform() {
        return platform;
    }

    /** {@code http://127.0.0.1:<port>}: give it to a channel as {@code credentials.endpoint}. */
    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("the sandbox is not started");
        }
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /** The credentials this sandbox accepts, as a channel of this platform stores them (incl. {@code endpoint}). */
    public abstract Map<String, String> credentials();

    // ---------------------------------------------------------------- routing

    protected final void route(String method, String pathRegex, String endpoint, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), endpoint, true, handler));
    }

    /** A platform route without platform auth (token endpoints, pre-signed upload URLs). */
    protected final void openRoute(String method, String pathRegex, String endpoint, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), endpoint, false, handler));
    }

    protected final void adminRoute(String method, String pathRegex, Handler handler) {
        adminRoutes.add(new Route(method, Pattern.compile("/_sandbox" + pathRegex), "admin", false, handler));
    }

    /** Throws a {@link SandboxException} with the platform's auth error when the request's credentials are wrong. */
    protected abstract void authenticate(SandboxRequest request);

    /** The platform's answer for an injected or natural 429/500/503. */
    protected abstract SandboxResponse failure(Kind kind, int retryAfterSeconds);

    protected abstract SandboxResponse notFound(SandboxRequest request);

    /** The platform's documented rate limit for an endpoint, or {@code null} for none. */
    protected TokenBucket rateLimit(String endpoint) {
        return null;
    }

    private void exchange(HttpExchange ex) {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        SandboxResponse response;
        String endpoint = null;
        String fault = null;
        try (InputStream in = ex.getRequestBody()) {
            SandboxRequest request = new SandboxRequest(method, path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders(), in.readAllBytes());
            if (path.equals("/_sandbox") || path.startsWith("/_sandbox/")) {
                response = dispatch(adminRoutes, request, () -> SandboxResponse.json(404, Map.of("error", "no such admin path")));
            } else {
                Route route = find(routes, request);
                if (route == null) {
                    response = notFound(request);
                    endpoint = "unknown";
                } else {
                    endpoint = route.endpoint();
                    Optional<SandboxFaults.Rule> f = faults.fire(method + " " + path,
                            List.of(Kind.RATE_LIMITED, Kind.SERVER_ERROR, Kind.UNAVAILABLE, Kind.SLOW, Kind.MALFORMED));
                    fault = f.map(r -> r.kind().name()).orElse(null);
                    if (f.isPresent() && f.get().kind() == Kind.SLOW) {
                        Thread.sleep(f.get().delayMs());
                    }
                    if (f.isPresent() && isFailure(f.get().kind())) {
                        response = failure(f.get().kind(), f.get().retryAfterSeconds());
                    } else {
                        response = call(route, request);
                        if (f.isPresent() && f.get().kind() == Kind.MALFORMED) {
                            response = response.truncated();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = SandboxResponse.text(503, "interrupted");
        } catch (Exception e) {
            log.warn("sandbox {} failed on {} {}", platform, method, path, e);
            response = failure(Kind.SERVER_ERROR, 1);
        }
        if (endpoint != null) {
            record(new SandboxCall(clock.instant(), endpoint, method, path, response.status(),
                    (System.nanoTime() - started) / 1_000_000, fault));
        }
        write(ex, response);
    }

    private SandboxResponse call(Route route, SandboxRequest request) {
        try {
            if (route.authenticated()) {
                authenticate(request);
            }
            TokenBucket bucket = rateLimits ? bucket(route.endpoint()) : null;
            if (bucket != null && !bucket.tryTake()) {
                return failure(Kind.RATE_LIMITED, bucket.secondsUntilNext());
            }
            return route.handler().handle(request);
        } catch (SandboxException e) {
            return e.response();
        }
    }

    private synchronized TokenBucket bucket(String endpoint) {
        if (!buckets.containsKey(endpoint)) {
            buckets.put(endpoint, rateLimit(endpoint));
        }
        return buckets.get(endpoint);
    }

    private static boolean isFailure(Kind kind) {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.UNAVAILABLE;
    }

    private static Route find(List<Route> routes, SandboxRequest request) {
        for (Route r : routes) {
            Matcher m = r.path().matcher(request.path());
            if (r.method().equals(request.method()) && m.matches()) {
                request.route(m);
                return r;
            }
        }
        return null;
    }

    private SandboxResponse dispatch(List<Route> list, SandboxRequest request, java.util.function.Supplier<SandboxResponse> none) {
        Route r = find(list, request);
        if (r == null) {
            return none.get();
        }
        try {
            return r.handler().handle(request);
        } catch (SandboxException e) {
            return e.response();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return SandboxResponse.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static void write(HttpExchange ex, SandboxResponse response) {
        try {
            response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean noBody = response.status() == 204 || response.status() == 304 || response.body().length == 0;
            ex.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to do in a sandbox
        } finally {
            ex.close();
        }
    }

    // ---------------------------------------------------------------- calls

    private void record(SandboxCall call) {
        synchronized (calls) {
            if (calls.size() >= MAX_CALLS) {
                calls.remove(0);
            }
            calls.add(call);
        }
    }

    /** Every platform call so far (oldest first). */
    public List<SandboxCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** How many calls an endpoint (route name) received. */
    public long callCount(String endpoint) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.endpoint().equals(endpoint)).count();
        }
    }

    public SandboxFaults faults() {
        return faults;
    }

    public void rateLimits(boolean enforced) {
        this.rateLimits = enforced;
        synchronized (this) {
            buckets.clear();
        }
    }

    // ---------------------------------------------------------------- listings and stock

    /** Adds or replaces listings (by {@code code:subCode}). */
    public synchronized void seed(List<SandboxListing> given) {
        for (SandboxListing l : given) {
            SandboxListing stored = prepare(l);
            listings.put(stored.key(), stored);
        }
    }

    /** Lets a platform complete a listing (e.g. Shopify's ids) before it is stored. */
    protected SandboxListing prepare(SandboxListing listing) {
        return listing;
    }

    /** Removes a listing (the platform no longer lists it); its stock goes with it. */
    protected synchronized boolean removeListing(String code, String subCode) {
        return listings.remove(subCode == null || subCode.isEmpty() ? code : code + ":" + subCode) != null;
    }

    public synchronized List<SandboxListing> listings() {
        return List.copyOf(listings.values());
    }

    public synchronized Optional<SandboxListing> listing(String code, String subCode) {
        return Optional.ofNullable(listings.get(subCode == null || subCode.isEmpty() ? code : code + ":" + subCode));
    }

    /** The platform's stock for a listing; empty when the platform does not list it. */
    public Optional<Integer> stock(String code, String subCode) {
        return listing(code, subCode).map(SandboxListing::quantity);
    }

    // ---------------------------------------------------------------- orders

    public synchronized List<SandboxOrder> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized Optional<SandboxOrder> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    /**
     * Generates up to {@code count} orders now, each taking its units from this platform's stock; stops early
     * when nothing is left in stock. Returns the orders placed.
     */
    public List<SandboxOrder> generateOrders(int count) {
        List<SandboxOrder> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedOrder g = generator.next(listings(), LocalDate.now(clock.withZone(TOKYO)));
            if (g == null) {
                break;
            }
            SandboxOrder o = place(g);
            if (o != null) {
                placed.add(o);
            }
        }
        return placed;
    }

    /**
     * Generates orders at {@code perSecond} for {@code duration} in the background (bounded: at most
     * {@code perSecond × seconds} attempts); returns how many will be attempted.
     */
    public int generateOrdersAtRate(double perSecond, Duration duration) {
        if (perSecond <= 0 || perSecond > 1000 || duration.isNegative() || duration.toSeconds() > 3600) {
            throw new IllegalArgumentException("ratePerSecond must be in (0, 1000], durationSeconds at most 3600");
        }
        int total = (int) Math.max(1, Math.round(perSecond * duration.toMillis() / 1000.0));
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        AtomicInteger left = new AtomicInteger(total);
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            throw new IllegalStateException("the sandbox is not started");
        }
        java.util.concurrent.ScheduledFuture<?>[] handle = new java.util.concurrent.ScheduledFuture<?>[1];
        handle[0] = s.scheduleAtFixedRate(() -> {
            if (left.getAndDecrement() <= 0) {
                handle[0].cancel(false);
                return;
            }
            try {
                generateOrders(1);
            } catch (RuntimeException e) {
                log.warn("sandbox {} order generation failed", platform, e);
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return total;
    }

    /**
     * One order for exactly these units; {@code null} when the platform does not show that much stock for every
     * line (the buyer could not have bought it).
     */
    public SandboxOrder placeOrder(List<Pick> picks) {
        return place(generator.forPicks(picks, LocalDate.now(clock.withZone(TOKYO))));
    }

    private SandboxOrder place(GeneratedOrder g) {
        List<SandboxOrder.Line> lines = new ArrayList<>();
        SandboxOrder order;
        synchronized (this) {
            List<SandboxListing> taken = new ArrayList<>();
            List<Integer> units = new ArrayList<>();
            for (Pick p : g.picks()) {
                SandboxListing l = listings.get(p.key());
                if (l == null || p.quantity() <= 0 || !l.take(p.quantity())) {
                    for (int i = 0; i < taken.size(); i++) {
                        taken.get(i).add(units.get(i)); // all or nothing, as a checkout is
                    }
                    return null;
                }
                taken.add(l);
                units.add(p.quantity());
                lines.add(new SandboxOrder.Line(0, l.code(), l.subCode(), l.title(), l.price(), l.taxRatePercent(),
                        p.quantity(), l.isSet(), l.productId(), l.variantId(), l.inventoryItemId(), l.asin()));
            }
            if (lines.isEmpty()) {
                return null;
            }
            order = newOrder(g, lines, clock.instant());
            orders.put(order.id(), order);
        }
        orderPlaced(order);
        return order;
    }

    /** Numbers and renders a new order in the platform's way (ids, line ids, initial status, fees). */
    protected abstract SandboxOrder newOrder(GeneratedOrder generated, List<SandboxOrder.Line> lines, Instant now);

    /** Called outside the lock after an order is stored (webhooks, notifications). */
    protected void orderPlaced(SandboxOrder order) {
    }

    /** The buyer cancels (キャンセル): the platform restores its stock and shows the order cancelled. */
    protected abstract void cancel(SandboxOrder order);

    /** Standard fees: free shipping from 5,500 yen, 660 yen otherwise, +1,100 yen to remote islands; 代引手数料 330. */
    protected static int shippingFee(GeneratedOrder g, List<SandboxOrder.Line> lines) {
        int goods = lines.stream().mapToInt(SandboxOrder.Line::amount).sum();
        return (goods >= 5500 ? 0 : 660) + (g.recipient().remoteIsland() ? 1100 : 0);
    }

    protected static int codFee(GeneratedOrder g) {
        return g.payment() == SandboxOrder.Payment.COD ? 330 : 0;
    }

    protected static int giftWrapFee(GeneratedOrder g) {
        return g.giftWrap() ? 330 : 0;
    }

    /** Puts a cancelled order's units back on the listings that still exist. */
    protected final synchronized void restock(SandboxOrder order) {
        for (SandboxOrder.Line line : order.lines()) {
            SandboxListing l = listings.get(line.subCode().isEmpty() ? line.code() : line.code() + ":" + line.subCode());
            if (l != null) {
                l.add(line.quantity());
            }
        }
    }

    /** Clears listings, orders, calls, faults and the platform's own state. */
    public void reset() {
        synchronized (this) {
            listings.clear();
            orders.clear();
            buckets.clear();
            generator = new SandboxOrderGenerator(seed);
            rateLimits = true;
        }
        synchronized (calls) {
            calls.clear();
        }
        faults.clear();
        resetPlatform();
    }

    protected abstract void resetPlatform();

    /** How the admin API shows an order: the platform's id and status, lines, totals, shipments. */
    protected Map<String, Object> summary(SandboxOrder o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("status", o.status());
        m.put("orderedAt", o.orderedAt().toString());
        m.put("updatedAt", o.updatedAt().toString());
        m.put("cancelled", o.cancelledAt() != null);
        m.put("buyer", o.buyer().fullName());
        m.put("prefecture", o.recipient().prefecture());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SandboxOrder.Line l : o.lines()) {
            lines.add(Map.of("code", l.code(), "subCode", l.subCode(), "title", l.title(), "quantity", l.quantity(),
                    "unitPrice", l.unitPrice()));
        }
        m.put("lines", lines);
        m.put("total", o.total());
        m.put("payment", o.payment().name());
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (SandboxOrder.Shipment s : o.shipments()) {
            shipments.add(Map.of("carrier", String.valueOf(s.carrier()), "trackingNumber", String.valueOf(s.trackingNumber())));
        }
        m.put("shipments", shipments);
        return m;
    }

    // ---------------------------------------------------------------- admin API

    private void adminRoutes() {
        adminRoute("GET", "", r -> SandboxResponse.json(200, info()));
        adminRoute("POST", "/listings", r -> {
            JsonNode body = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            List<SandboxListing> given = new ArrayList<>();
            for (JsonNode n : body.path("listings")) {
                given.add(new SandboxListing(text(n, "code"), text(n, "subCode"), text(n, "title"),
                        n.path("price").asInt(1000), n.path("taxRate").asInt(10), n.path("quantity").asInt(0),
                        n.path("set").asBoolean(false), n.path("productId").asLong(0), n.path("variantId").asLong(0),
                        n.path("inventoryItemId").asLong(0), text(n, "asin")));
            }
            seed(given);
            return SandboxResponse.json(200, Map.of("listings", listings().size()));
        });
        adminRoute("GET", "/stock", r -> SandboxResponse.json(200,
                Map.of("listings", listings().stream().map(SandboxListing::toJson).toList())));
        adminRoute("PUT", "/stock", r -> {
            JsonNode n = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            SandboxListing l = listing(text(n, "code"), text(n, "subCode"))
                    .orElseThrow(() -> new SandboxException(SandboxResponse.json(404, Map.of("error", "no such listing"))));
            l.setQuantity(n.path("quantity").asInt());
            return SandboxResponse.json(200, l.toJson());
        });
        adminRoute("GET", "/orders", r -> SandboxResponse.json(200,
                Map.of("orders", orders().stream().map(this::summary).toList())));
        adminRoute("POST", "/orders", r -> {
            JsonNode n = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            List<Pick> picks = new ArrayList<>();
            for (JsonNode line : n.path("lines")) {
                String sub = text(line, "subCode");
                picks.add(new Pick(sub == null || sub.isEmpty() ? text(line, "code") : text(line, "code") + ":" + sub,
                        line.path("quantity").asInt(1)));
            }
            SandboxOrder o = placeOrder(picks);
            return o == null ? SandboxResponse.json(409, Map.of("error", "the platform does not show that much stock"))
                    : SandboxResponse.json(201, summary(o));
        });
        adminRoute("POST", "/orders/generate", r -> {
            JsonNode n = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            if (n.has("ratePerSecond")) {
                int planned = generateOrdersAtRate(n.path("ratePerSecond").asDouble(),
                        Duration.ofMillis(Math.round(n.path("durationSeconds").asDouble(1) * 1000)));
                return SandboxResponse.json(202, Map.of("planned", planned));
            }
            List<SandboxOrder> placed = generateOrders(Math.min(10_000, n.path("count").asInt(1)));
            return SandboxResponse.json(201, Map.of("orders", placed.stream().map(SandboxOrder::id).toList()));
        });
        adminRoute("POST", "/orders/(?<id>[^/]+)/cancel", r -> {
            SandboxOrder o = order(r.pathVariable("id"))
                    .orElseThrow(() -> new SandboxException(SandboxResponse.json(404, Map.of("error", "no such order"))));
            if (o.cancelledAt() == null) {
                cancel(o);
            }
            return SandboxResponse.json(200, summary(o));
        });
        adminRoute("GET", "/calls", r -> {
            List<SandboxCall> all = calls();
            Map<String, Long> counts = new TreeMap<>();
            all.forEach(c -> counts.merge(c.endpoint(), 1L, Long::sum));
            return SandboxResponse.json(200, Map.of("counts", counts, "calls", all.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("at", c.at().toString());
                m.put("endpoint", c.endpoint());
                m.put("method", c.method());
                m.put("path", c.path());
                m.put("status", c.status());
                m.put("millis", c.millis());
                m.put("fault", c.fault());
                return m;
            }).toList()));
        });
        adminRoute("DELETE", "/calls", r -> {
            synchronized (calls) {
                calls.clear();
            }
            return SandboxResponse.empty(204);
        });
        adminRoute("GET", "/faults", r -> SandboxResponse.json(200,
                Map.of("faults", faults.rules().stream().map(SandboxFaults::toJson).toList())));
        adminRoute("POST", "/faults", r -> {
            JsonNode n = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            SandboxFaults.Rule rule = faults.add(text(n, "endpoint"), Kind.parse(text(n, "kind")),
                    n.path("count").asInt(0), n.path("fraction").asDouble(0), n.path("seed").asLong(1),
                    n.path("delayMs").asLong(0), n.path("retryAfterSeconds").asInt(1));
            return SandboxResponse.json(201, SandboxFaults.toJson(rule));
        });
        adminRoute("DELETE", "/faults", r -> {
            faults.clear();
            return SandboxResponse.empty(204);
        });
        adminRoute("PUT", "/config", r -> {
            JsonNode n = r.json(SandboxResponse.json(400, Map.of("error", "body must be JSON")));
            if (n.has("rateLimits")) {
                rateLimits(n.path("rateLimits").asBoolean());
            }
            configure(n);
            return SandboxResponse.json(200, info());
        });
        adminRoute("POST", "/reset", r -> {
            reset();
            return SandboxResponse.empty(204);
        });
    }

    /** Platform settings from {@code PUT /_sandbox/config}. */
    protected void configure(JsonNode config) {
    }

    protected Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", platform.name().toLowerCase());
        m.put("baseUrl", server == null ? null : baseUrl());
        m.put("credentials", server == null ? Map.of() : credentials());
        m.put("rateLimits", rateLimits);
        m.put("listings", listings().size());
        m.put("orders", orders().size());
        return m;
    }

    /** A JSON object from name/value pairs, keeping order and {@code null} values. */
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The 47 prefectures in JIS X 0401 order (01 北海道 … 47 沖縄県). */
    static final List<String> PREFECTURES = List.of("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
            "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
            "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県",
            "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
            "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

    static String jisCode(String prefecture) {
        return "%02d".formatted(PREFECTURES.indexOf(prefecture) + 1);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    protected final Instant now() {
        return clock.instant();
    }

    protected final ScheduledExecutorService scheduler() {
        return scheduler;
    }

    protected final ExecutorService executor() {
        return executor;
    }

    /**
     * A token bucket as the platforms describe their limits: {@code capacity} requests at once (burst), refilled at
     * {@code perSecond}.
     */
    protected static final class TokenBucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long last = System.nanoTime();

        public TokenBucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        synchronized boolean tryTake() {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized int secondsUntilNext() {
            refill();
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }

        synchronized int available() {
            refill();
            return (int) Math.floor(tokens);
        }

        int capacity() {
            return (int) capacity;
        }

        private void refill() {
            long nowNanos = System.nanoTime();
            tokens = Math.min(capacity, tokens + (nowNanos - last) / 1e9 * perSecond);
            last = nowNanos;
        }
    }
}
