package dev.ichigen.channel.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.w3c.dom.Element;

import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults.Kind;
import dev.ichigen.channel.sandbox.SandboxOrder.Line;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;
import tools.jackson.databind.JsonNode;

/**
 * A Yahoo!ショッピング store's API (circus.shopping.yahooapis.jp, {@code /ShoppingWebService/V1/…}) and its Yahoo! ID
 * 連携 token endpoint.
 *
 * <p>Auth: {@code POST /yconnect/v2/token} exchanges the refresh token ({@code grant_type=refresh_token}, client id and
 * secret as form fields or HTTP Basic) for a bearer access token valid one hour ({@code expires_in=3600};
 * {@code PUT /_sandbox/config {"accessTokenSeconds":n}}, {@code POST /_sandbox/tokens/expire}). A missing, unknown or
 * expired token answers 401 with {@code WWW-Authenticate: Bearer realm="yahooapis.jp", error="invalid_token",
 * error_description="expired token"} and {@code <Error><Message>Please provide valid credentials. …</Message></Error>},
 * as the real API does. A wrong seller id is refused too.
 *
 * <p>Endpoints (XML; references: yahoo/*.xml, *.csv, *.http):
 * <ul>
 * <li>{@code orderList} — {@code <Req><Search><Result/><Start/><Sort>+order_time|-order_time</Sort><Condition>…</Condition>
 * <Field>…</Field></Search><SellerId/></Req>}: conditions {@code OrderId}, {@code OrderTimeFrom/To} ({@code yyyyMMddHHmmss}),
 * {@code OrderStatus}, {@code ShipStatus}, {@code PayStatus}, {@code IsSeen}, {@code ItemId}; an OrderId or a date is
 * required, {@code Field} is required; answer {@code <Result><Status>OK</Status><Search><TotalCount/><OrderInfo><Index/>…
 * </OrderInfo></Search></Result>} with the requested fields (item fields inside {@code <Item>}).</li>
 * <li>{@code orderInfo} — one order a call, the requested {@code Field}s under ResultSet/Result/OrderInfo with Pay, Ship,
 * Seller, Buyer, Detail and Item nodes (orderInfo-response-skeleton.xml); {@code ItemTaxRatio} in percent (10/8).</li>
 * <li>{@code orderStatusChange} — OrderStatus 1..5 (4 = キャンセル puts the stock back), {@code orderShipStatusChange} —
 * ShipStatus (3 = 出荷済み needs 出荷可/出荷処理中), ShipCompanyCode, ShipInvoiceNumber1/2, ShipDate {@code yyyyMMdd},
 * ShipUrl (orderShipStatusChange-request.xml).</li>
 * <li>{@code setStock} — form-encoded {@code seller_id}, {@code item_code} ({@code itemcode:subcode}, ≤ 1000, [A-Za-z0-9-]
 * ≤ 99 chars each part), {@code quantity} ({@code +n} adds, {@code -n} subtracts, {@code n} sets; a raw {@code +} decodes
 * to a space and so SETS — send {@code %2B}; {@code INI} is refused with st-02104); unknown item codes are not errors.
 * {@code getStock} reads up to 1000 codes for reconciliation.</li>
 * </ul>
 *
 * <p>SPEC-DERIVED (from the public API pages and clients, not byte-exact samples): the element layout of orderList,
 * setStock and getStock answers, the error codes other than st-02104 (sandbox codes {@code SANDBOX-…}), the
 * {@code PayMethod} codes other than payment_a1/a17/a19, IsSeen turning true once orderInfo was read, and the bodies of
 * 429/5xx answers.
 */
public final class YahooSandbox extends SandboxServer {

    private static final DateTimeFormatter YAHOO_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern ITEM_PART = Pattern.compile("[A-Za-z0-9-]{1,99}");
    private static final Pattern QUANTITY = Pattern.compile("[+-]?\\d{1,9}");
    private static final Set<String> ITEM_FIELDS = Set.of("LineId", "ItemId", "Title", "SubCode", "SubCodeOption",
            "IsTaxable", "ItemTaxRatio", "Jan", "UnitPrice", "NonTaxUnitPrice", "Quantity", "PointAvailQuantity",
            "OriginalPrice", "CouponDiscount", "LeadTimeText", "ItemOption", "Inscription");

    private final String sellerId;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> orphans = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private volatile long accessTokenSeconds = 3600;

    public YahooSandbox(String host, int port, Clock clock, long seed, String sellerId, String clientId,
            String clientSecret, String refreshToken) {
        super(Platform.YAHOO, host, port, clock, seed);
        this.sellerId = sellerId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        routes();
    }

    public static YahooSandbox withDefaults(int port, long seed) {
        return new YahooSandbox("127.0.0.1", port, Clock.systemUTC(), seed, "ichigen-sandbox",
                "dj00aiZpPXNhbmRib3gmcz1jb25zdW1lcnNlY3JldCZ4PTk5", "sandbox-yahoo-client-secret",
                "sandbox-yahoo-refresh-token");
    }

    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sellerId", sellerId);
        c.put("clientId", clientId);
        c.put("clientSecret", clientSecret);
        c.put("refreshToken", refreshToken);
        c.put("endpoint", baseUrl());
        return c;
    }

    /** Makes every issued access token expired (the next call answers 401 "expired token"). */
    public void expireAccessTokens() {
        accessTokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    @Override
    protected void authenticate(SandboxRequest request) {
        String auth = request.header("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        Instant expires = token == null ? null : accessTokens.get(token);
        if (expires == null || !now().isBefore(expires)) {
            String description = expires == null ? "invalid token" : "expired token";
            String challenge = "Bearer realm=\"yahooapis.jp\", error=\"invalid_token\", error_description=\"" + description + "\"";
            throw new SandboxException(SandboxResponse.xml(401, "<?xml version=\"1.0\" encoding=\"utf-8\" ?><Error><Message>"
                    + "Please provide valid credentials. " + escape(challenge) + "</Message></Error>")
                    .with("WWW-Authenticate", challenge));
        }
    }

    @Override
    protected SandboxResponse failure(Kind kind, int retryAfterSeconds) {
        return switch (kind) {
            case RATE_LIMITED -> error(429, "SANDBOX-429", "Too Many Requests").with("Retry-After",
                    String.valueOf(retryAfterSeconds));
            case UNAVAILABLE -> error(503, "SANDBOX-503", "Service Unavailable");
            default -> error(500, "SANDBOX-500", "Internal Server Error");
        };
    }

    @Override
    protected SandboxResponse notFound(SandboxRequest request) {
        return error(404, "SANDBOX-404", "Not Found");
    }

    private static SandboxResponse error(int status, String code, String message) {
        return SandboxResponse.xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Message>" + escape(message)
                + "</Message><Code>" + code + "</Code></Error>");
    }

    @Override
    protected void configure(JsonNode config) {
        if (config.has("accessTokenSeconds")) {
            accessTokenSeconds = Math.max(1, config.path("accessTokenSeconds").asLong());
        }
    }

    @Override
    protected void resetPlatform() {
        accessTokens.clear();
        sequence.set(0);
        accessTokenSeconds = 3600;
        synchronized (orphans) {
            orphans.clear();
        }
    }

    @Override
    protected SandboxOrder newOrder(GeneratedOrder g, List<Line> lines, Instant now) {
        long n = sequence.incrementAndGet();
        List<Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            numbered.add(new Line(i + 1, l.code(), l.subCode(), l.title(), l.unitPrice(), l.taxRatePercent(),
                    l.quantity(), l.set(), l.productId(), l.variantId(), l.inventoryItemId(), l.asin()));
        }
        SandboxOrder o = new SandboxOrder(sellerId + "-" + (10_000_000 + n), n, now, g, numbered, shippingFee(g, numbered),
                codFee(g), giftWrapFee(g), "2");
        boolean paid = g.payment() == SandboxOrder.Payment.CARD || g.payment() == SandboxOrder.Payment.WALLET
                || g.payment() == SandboxOrder.Payment.DEFERRED;
        o.extra().put("PayStatus", paid ? "1" : "0");
        // prepaid methods (bank transfer, convenience store) may not ship before payment: 出荷不可
        boolean prepaid = g.payment() == SandboxOrder.Payment.BANK_TRANSFER
                || g.payment() == SandboxOrder.Payment.CONVENIENCE_STORE;
        o.extra().put("ShipStatus", prepaid ? "0" : "1");
        o.extra().put("IsSeen", false);
        o.extra().put("Version", 1);
        return o;
    }

    @Override
    protected void cancel(SandboxOrder order) {
        synchronized (this) {
            order.cancelled(now());
            order.status("4", now());
            order.extra().put("Version", (Integer) order.extra().get("Version") + 1);
            restock(order);
        }
    }

    @Override
    protected Map<String, Object> summary(SandboxOrder o) {
        Map<String, Object> m = super.summary(o);
        m.put("shipStatus", o.extra().get("ShipStatus"));
        m.put("payStatus", o.extra().get("PayStatus"));
        return m;
    }

    // ---------------------------------------------------------------- routes

    private void routes() {
        openRoute("POST", "/yconnect/v2/token", "token", this::token);
        String base = "/ShoppingWebService/V1/";
        route("POST", base + "orderList", "orderList", this::orderList);
        route("POST", base + "orderInfo", "orderInfo", this::orderInfo);
        route("POST", base + "orderStatusChange", "orderStatusChange", this::orderStatusChange);
        route("POST", base + "orderShipStatusChange", "orderShipStatusChange", this::orderShipStatusChange);
        route("POST", base + "setStock", "setStock", this::setStock);
        route("POST", base + "getStock", "getStock", this::getStock);
        adminRoute("POST", "/tokens/expire", r -> {
            expireAccessTokens();
            return SandboxResponse.empty(204);
        });
    }

    private SandboxResponse token(SandboxRequest r) {
        Map<String, List<String>> form = r.form();
        String id = first(form, "client_id");
        String secret = first(form, "client_secret");
        String basic = r.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8)
                    .split(":", 2);
            id = pair[0];
            secret = pair.length > 1 ? pair[1] : null;
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            return SandboxResponse.json(401, obj("error", "invalid_client", "error_description", "invalid client"));
        }
        if (!"refresh_token".equals(first(form, "grant_type"))) {
            return SandboxResponse.json(400, obj("error", "unsupported_grant_type", "error_description",
                    "the sandbox supports grant_type=refresh_token"));
        }
        if (!refreshToken.equals(first(form, "refresh_token"))) {
            return SandboxResponse.json(400, obj("error", "invalid_grant", "error_description", "invalid refresh token"));
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accessTokens.put(token, now().plusSeconds(accessTokenSeconds));
        return SandboxResponse.json(200, obj("access_token", token, "token_type", "Bearer", "expires_in", accessTokenSeconds));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static final SandboxResponse NOT_XML = error(400, "SANDBOX-400", "リクエストがXMLとして読めません。");

    private void checkSeller(String given) {
        if (!sellerId.equals(given)) {
            throw new SandboxException(error(400, "SANDBOX-SELLER", "SellerId が不正です: " + given));
        }
    }

    private SandboxResponse orderList(SandboxRequest r) {
        Element req = r.xml(NOT_XML);
        checkSeller(SandboxRequest.xmlText(req, "SellerId"));
        String field = SandboxRequest.xmlText(req, "Search/Field");
        if (field == null || field.isBlank()) {
            return error(400, "SANDBOX-FIELD", "Field は必須です。");
        }
        int result = parseInt(SandboxRequest.xmlText(req, "Search/Result"), 10);
        int start = parseInt(SandboxRequest.xmlText(req, "Search/Start"), 1);
        String sort = SandboxRequest.xmlText(req, "Search/Sort");
        String orderId = SandboxRequest.xmlText(req, "Search/Condition/OrderId");
        Instant from, to;
        try {
            from = yahooTime(SandboxRequest.xmlText(req, "Search/Condition/OrderTimeFrom"));
            to = yahooTime(SandboxRequest.xmlText(req, "Search/Condition/OrderTimeTo"));
        } catch (DateTimeParseException e) {
            return error(400, "SANDBOX-DATE", "OrderTimeFrom / OrderTimeTo は yyyyMMddHHmmss で指定してください。");
        }
        if (orderId == null && from == null && to == null) { // ※1: OrderId or an OrderTime condition is required
            return error(400, "SANDBOX-CONDITION", "OrderId か OrderTimeFrom/OrderTimeTo のいずれかを指定してください。");
        }
        Set<String> statuses = csv(SandboxRequest.xmlText(req, "Search/Condition/OrderStatus"));
        Set<String> ship = csv(SandboxRequest.xmlText(req, "Search/Condition/ShipStatus"));
        Set<String> pay = csv(SandboxRequest.xmlText(req, "Search/Condition/PayStatus"));
        String seen = SandboxRequest.xmlText(req, "Search/Condition/IsSeen");
        String itemId = SandboxRequest.xmlText(req, "Search/Condition/ItemId");
        Set<String> ids = csv(orderId);
        Comparator<SandboxOrder> byTime = Comparator.comparing(SandboxOrder::orderedAt);
        List<SandboxOrder> matching = orders().stream()
                .filter(o -> ids.isEmpty() || ids.contains(o.id()))
                .filter(o -> from == null || !o.orderedAt().isBefore(from))
                .filter(o -> to == null || !o.orderedAt().isAfter(to))
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status()))
                .filter(o -> ship.isEmpty() || ship.contains(String.valueOf(o.extra().get("ShipStatus"))))
                .filter(o -> pay.isEmpty() || pay.contains(String.valueOf(o.extra().get("PayStatus"))))
                .filter(o -> seen == null || seen.equals(String.valueOf(o.extra().get("IsSeen"))))
                .filter(o -> itemId == null || o.lines().stream().anyMatch(l -> l.code().equals(itemId)))
                .sorted("-order_time".equals(sort) ? byTime.reversed() : byTime)
                .toList();
        List<String> wanted = List.of(field.split(","));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Result><Status>OK</Status><Search>");
        xml.append(el("TotalCount", String.valueOf(matching.size())));
        int index = 0;
        for (SandboxOrder o : matching.subList(Math.min(matching.size(), Math.max(0, start - 1)),
                Math.min(matching.size(), Math.max(0, start - 1) + Math.max(0, result)))) {
            Map<String, Map<String, String>> f = fields(o);
            xml.append("<OrderInfo>").append(el("Index", String.valueOf(++index)));
            for (String w : wanted) {
                String name = w.strip();
                for (var section : f.entrySet()) {
                    if (section.getValue().containsKey(name)) {
                        xml.append(el(name, section.getValue().get(name)));
                    }
                }
            }
            for (Map<String, String> item : items(o)) {
                StringBuilder it = new StringBuilder();
                for (String w : wanted) {
                    if (item.containsKey(w.strip())) {
                        it.append(el(w.strip(), item.get(w.strip())));
                    }
                }
                if (!it.isEmpty()) {
                    xml.append("<Item>").append(it).append("</Item>");
                }
            }
            xml.append("</OrderInfo>");
        }
        xml.append("</Search></Result>");
        return SandboxResponse.xml(200, xml.toString());
    }

    private SandboxResponse orderInfo(SandboxRequest r) {
        Element req = r.xml(NOT_XML);
        checkSeller(SandboxRequest.xmlText(req, "SellerId"));
        String field = SandboxRequest.xmlText(req, "Target/Field");
        if (field == null || field.isBlank()) {
            return error(400, "SANDBOX-FIELD", "Field は必須です。");
        }
        String orderId = SandboxRequest.xmlText(req, "Target/OrderId");
        SandboxOrder o = orderId == null ? null : order(orderId).orElse(null);
        if (o == null) {
            return error(400, "SANDBOX-ORDER", "注文が存在しません: " + orderId);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String w : field.split(",")) {
            wanted.add(w.strip());
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ResultSet totalResultsAvailable=\"1\" totalResultsReturned=\"1\" firstResultPosition=\"1\">"
                + "<Result><Status>OK</Status><OrderInfo>");
        for (var section : fields(o).entrySet()) {
            StringBuilder inner = new StringBuilder();
            section.getValue().forEach((k, v) -> {
                if (wanted.contains(k)) {
                    inner.append(el(k, v));
                }
            });
            if (section.getKey().isEmpty()) {
                xml.append(inner);
            } else if (!inner.isEmpty()) {
                xml.append('<').append(section.getKey()).append('>').append(inner).append("</").append(section.getKey()).append('>');
            }
        }
        for (Map<String, String> item : items(o)) {
            StringBuilder inner = new StringBuilder();
            item.forEach((k, v) -> {
                if (wanted.contains(k)) {
                    inner.append(el(k, v));
                }
            });
            if (!inner.isEmpty()) {
                xml.append("<Item>").append(inner).append("</Item>");
            }
        }
        xml.append("</OrderInfo></Result></ResultSet>");
        o.extra().put("IsSeen", true);
        return SandboxResponse.xml(200, xml.toString());
    }

    private static final String OK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ResultSet totalResultsAvailable=\"1\" "
            + "totalResultsReturned=\"1\" firstResultPosition=\"1\"><Result><Status>OK</Status></Result></ResultSet>";

    private SandboxResponse orderStatusChange(SandboxRequest r) {
        Element req = r.xml(NOT_XML);
        checkSeller(SandboxRequest.xmlText(req, "SellerId"));
        SandboxOrder o = order(String.valueOf(SandboxRequest.xmlText(req, "Target/OrderId"))).orElse(null);
        if (o == null) {
            return error(400, "SANDBOX-ORDER", "注文が存在しません。");
        }
        String status = SandboxRequest.xmlText(req, "Order/OrderStatus");
        if (status == null || !status.matches("[1-5]")) {
            return error(400, "SANDBOX-STATUS", "OrderStatus は 1〜5 で指定してください。");
        }
        synchronized (this) {
            if (o.cancelledAt() != null) {
                return error(400, "SANDBOX-CANCELLED", "キャンセル済みの注文は変更できません。");
            }
            if (status.equals("4")) {
                cancel(o);
            } else {
                o.status(status, now());
                o.extra().put("IsSeen", true);
                o.extra().put("Version", (Integer) o.extra().get("Version") + 1);
            }
        }
        return SandboxResponse.xml(200, OK);
    }

    private SandboxResponse orderShipStatusChange(SandboxRequest r) {
        Element req = r.xml(NOT_XML);
        checkSeller(SandboxRequest.xmlText(req, "SellerId"));
        SandboxOrder o = order(String.valueOf(SandboxRequest.xmlText(req, "Target/OrderId"))).orElse(null);
        if (o == null) {
            return error(400, "SANDBOX-ORDER", "注文が存在しません。");
        }
        String ship = SandboxRequest.xmlText(req, "Order/Ship/ShipStatus");
        if (ship == null || !ship.matches("[0-4]")) {
            return error(400, "SANDBOX-SHIPSTATUS", "ShipStatus は 0〜4 で指定してください。");
        }
        String company = SandboxRequest.xmlText(req, "Order/Ship/ShipCompanyCode");
        String invoice = SandboxRequest.xmlText(req, "Order/Ship/ShipInvoiceNumber1");
        String dateText = SandboxRequest.xmlText(req, "Order/Ship/ShipDate");
        LocalDate date;
        try {
            date = dateText == null || dateText.isEmpty() ? null : LocalDate.parse(dateText, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return error(400, "SANDBOX-SHIPDATE", "ShipDate は yyyyMMdd で指定してください。");
        }
        if (company != null && !company.isEmpty() && !company.matches("\\d{4}")) {
            return error(400, "SANDBOX-SHIPCOMPANY", "ShipCompanyCode が不正です: " + company);
        }
        synchronized (this) {
            String current = String.valueOf(o.extra().get("ShipStatus"));
            if (o.cancelledAt() != null) {
                return error(400, "SANDBOX-CANCELLED", "キャンセル済みの注文は変更できません。");
            }
            if (ship.equals("3") && !current.equals("1") && !current.equals("2")) {
                return error(400, "SANDBOX-NOTSHIPPABLE", "出荷可・出荷処理中の注文のみ出荷済みにできます（現在: " + current + "）。");
            }
            o.extra().put("ShipStatus", ship);
            o.extra().put("Version", (Integer) o.extra().get("Version") + 1);
            String url = SandboxRequest.xmlText(req, "Order/Ship/ShipUrl");
            if (url != null) {
                o.extra().put("ShipUrl", url);
            }
            if (invoice != null || company != null) {
                Map<Long, Integer> all = new LinkedHashMap<>();
                o.lines().forEach(l -> all.put(l.lineId(), l.quantity()));
                o.replaceShipments(List.of(new SandboxOrder.Shipment(o.numericId(), company, invoice,
                        date == null ? LocalDate.now(clock.withZone(TOKYO)) : date, all)), now());
                String second = SandboxRequest.xmlText(req, "Order/Ship/ShipInvoiceNumber2");
                if (second != null) {
                    o.extra().put("ShipInvoiceNumber2", second);
                }
            }
            if (ship.equals("3")) {
                o.shipped(now());
            } else {
                o.touch(now());
            }
        }
        return SandboxResponse.xml(200, OK);
    }

    // ---------------------------------------------------------------- stock

    private SandboxResponse setStock(SandboxRequest r) {
        Map<String, List<String>> form = r.form();
        checkSeller(first(form, "seller_id"));
        String codes = first(form, "item_code");
        String quantities = first(form, "quantity");
        if (codes == null || codes.isEmpty() || quantities == null || quantities.isEmpty()) {
            return error(400, "SANDBOX-PARAM", "item_code と quantity は必須です。");
        }
        String[] items = codes.split(",", -1);
        String[] values = quantities.split(",", -1);
        if (items.length > 1000) { // setStock: at most 1,000 item codes a call
            return error(400, "SANDBOX-LIMIT", "item_code は1,000個まで指定できます。");
        }
        if (items.length != values.length) {
            return error(400, "SANDBOX-COUNT", "item_code と quantity の個数が一致しません。");
        }
        for (int i = 0; i < items.length; i++) {
            for (String part : items[i].split(":", -1)) {
                if (!ITEM_PART.matcher(part).matches() || items[i].split(":", -1).length > 2) {
                    return error(400, "SANDBOX-ITEMCODE", "item_code が不正です: " + items[i]);
                }
            }
            String v = values[i].strip(); // a raw '+' arrives as a space: the value then SETS, as on the real API
            if (v.equalsIgnoreCase("INI")) {
                return error(400, "st-02104", "INI（在庫設定なし）は指定できません。");
            }
            if (!QUANTITY.matcher(v).matches()) {
                return error(400, "SANDBOX-QUANTITY", "quantity が不正です: " + values[i]);
            }
        }
        StringBuilder xml = new StringBuilder();
        synchronized (this) {
            for (int i = 0; i < items.length; i++) {
                String v = values[i].strip();
                String[] cs = items[i].split(":", 2);
                String sub = cs.length > 1 ? cs[1] : "";
                SandboxListing l = listing(cs[0], sub).orElse(null);
                int current = l != null ? l.quantity() : orphanQuantity(items[i]);
                long value = v.startsWith("+") ? current + Long.parseLong(v.substring(1))
                        : v.startsWith("-") ? current - Long.parseLong(v.substring(1)) : Long.parseLong(v);
                int clamped = (int) Math.max(-999_999_999, Math.min(999_999_999, value));
                if (l != null) {
                    l.setQuantity(clamped);
                } else {
                    synchronized (orphans) { // unknown codes are stored and attached when the item is registered later
                        orphans.put(items[i], clamped);
                    }
                }
                xml.append("<Result>").append(el("SellerId", sellerId)).append(el("ItemCode", cs[0]))
                        .append(el("SubCode", sub)).append(el("Quantity", String.valueOf(clamped))).append("</Result>");
            }
        }
        return SandboxResponse.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ResultSet totalResultsAvailable=\""
                + items.length + "\" totalResultsReturned=\"" + items.length + "\" firstResultPosition=\"1\">" + xml
                + "</ResultSet>");
    }

    private int orphanQuantity(String key) {
        synchronized (orphans) {
            return orphans.getOrDefault(key, 0);
        }
    }

    private SandboxResponse getStock(SandboxRequest r) {
        Map<String, List<String>> form = r.form();
        checkSeller(first(form, "seller_id"));
        String codes = first(form, "item_code");
        if (codes == null || codes.isEmpty()) {
            return error(400, "SANDBOX-PARAM", "item_code は必須です。");
        }
        String[] items = codes.split(",");
        if (items.length > 1000) {
            return error(400, "SANDBOX-LIMIT", "item_code は1,000個まで指定できます。");
        }
        StringBuilder xml = new StringBuilder();
        int found = 0;
        for (String item : items) {
            String[] cs = item.split(":", 2);
            SandboxListing l = listing(cs[0], cs.length > 1 ? cs[1] : "").orElse(null);
            if (l == null) {
                continue;
            }
            found++;
            xml.append("<Result>").append(el("SellerId", sellerId)).append(el("ItemCode", l.code()))
                    .append(el("SubCode", l.subCode())).append(el("Quantity", String.valueOf(l.quantity())))
                    .append(el("AllowOverdraft", "0")).append("</Result>");
        }
        return SandboxResponse.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ResultSet totalResultsAvailable=\""
                + found + "\" totalResultsReturned=\"" + found + "\" firstResultPosition=\"1\">" + xml + "</ResultSet>");
    }

    // ---------------------------------------------------------------- order fields

    private static String time(Instant t) {
        return t == null ? "" : OffsetDateTime.ofInstant(t, TOKYO).toString();
    }

    /** The order-level fields by node ("" = directly under OrderInfo), named as orderInfo-response-fields.csv. */
    private Map<String, Map<String, String>> fields(SandboxOrder o) {
        SandboxPerson b = o.buyer();
        SandboxPerson s = o.recipient();
        Map<String, String> top = new LinkedHashMap<>();
        top.put("OrderId", o.id());
        top.put("Version", String.valueOf(o.extra().get("Version")));
        top.put("OrderTime", time(o.orderedAt()));
        top.put("LastUpdateTime", time(o.updatedAt()));
        top.put("DeviceType", "3");
        top.put("IsActive", String.valueOf(o.cancelledAt() == null));
        top.put("IsSeen", String.valueOf(o.extra().get("IsSeen")));
        top.put("IsSplit", "false");
        top.put("OrderStatus", o.status());
        top.put("BuyerComments", o.remarks() == null ? "" : o.remarks());
        top.put("TotalCouponDiscount", String.valueOf(o.couponDiscount()));
        Map<String, String> pay = new LinkedHashMap<>();
        pay.put("PayStatus", String.valueOf(o.extra().get("PayStatus")));
        pay.put("PayType", o.payment() == SandboxOrder.Payment.COD || o.payment() == SandboxOrder.Payment.DEFERRED ? "1" : "0");
        String[] method = payMethod(o.payment());
        pay.put("PayMethod", method[0]);
        pay.put("PayMethodName", method[1]);
        pay.put("PayDate", "1".equals(pay.get("PayStatus")) ? o.orderedAt().atZone(TOKYO).toLocalDate().toString() : "");
        pay.put("BillLastName", b.familyName());
        pay.put("BillFirstName", b.givenName());
        pay.put("BillLastNameKana", b.familyNameKana());
        pay.put("BillFirstNameKana", b.givenNameKana());
        pay.put("BillZipCode", b.postalCode().replace("-", ""));
        pay.put("BillPrefecture", b.prefecture());
        pay.put("BillCity", b.city());
        pay.put("BillAddress1", b.town() + streetMain(b));
        pay.put("BillAddress2", building(b));
        pay.put("BillPhoneNumber", b.phone().replace("-", ""));
        pay.put("BillMailAddress", b.email());
        Map<String, String> ship = new LinkedHashMap<>();
        ship.put("ShipStatus", String.valueOf(o.extra().get("ShipStatus")));
        ship.put("ShipMethod", "postage1");
        ship.put("ShipMethodName", "宅配便");
        ship.put("ShipRequestDate", o.deliveryDate() == null ? "" : o.deliveryDate().toString());
        ship.put("ShipRequestTime", o.slot() == null ? "" : o.slot().text);
        ship.put("ShipNotes", "");
        List<SandboxOrder.Shipment> shipments = o.shipments();
        SandboxOrder.Shipment sh = shipments.isEmpty() ? null : shipments.get(0);
        ship.put("ShipCompanyCode", sh == null || sh.carrier() == null ? "" : sh.carrier());
        ship.put("ShipInvoiceNumber1", sh == null || sh.trackingNumber() == null ? "" : sh.trackingNumber());
        ship.put("ShipInvoiceNumber2", String.valueOf(o.extra().getOrDefault("ShipInvoiceNumber2", "")));
        ship.put("ShipUrl", String.valueOf(o.extra().getOrDefault("ShipUrl", "")));
        ship.put("ShipDate", sh == null || sh.shippedOn() == null ? "" : sh.shippedOn().toString());
        ship.put("NeedGiftWrap", String.valueOf(o.giftWrap()));
        ship.put("GiftWrapName", o.noshi() == null ? "" : "のし（" + o.noshi() + "）");
        ship.put("ShipLastName", s.familyName());
        ship.put("ShipFirstName", s.givenName());
        ship.put("ShipLastNameKana", s.familyNameKana());
        ship.put("ShipFirstNameKana", s.givenNameKana());
        ship.put("ShipZipCode", s.postalCode().replace("-", ""));
        ship.put("ShipPrefecture", s.prefecture());
        ship.put("ShipCity", s.city());
        ship.put("ShipAddress1", s.town() + streetMain(s));
        ship.put("ShipAddress2", building(s));
        ship.put("ShipPhoneNumber", s.phone().replace("-", ""));
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("PayCharge", String.valueOf(o.codFee()));
        detail.put("ShipCharge", String.valueOf(o.shippingFee()));
        detail.put("GiftWrapCharge", String.valueOf(o.giftWrapFee()));
        detail.put("Discount", String.valueOf(o.couponDiscount()));
        detail.put("UsePoint", String.valueOf(o.pointsUsed()));
        detail.put("TotalPrice", String.valueOf(o.requestedAmount()));
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("", top);
        all.put("Pay", pay);
        all.put("Ship", ship);
        all.put("Seller", Map.of("SellerId", sellerId));
        all.put("Buyer", Map.of("IsLogin", "true"));
        all.put("Detail", detail);
        return all;
    }

    private static List<Map<String, String>> items(SandboxOrder o) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Line l : o.lines()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("LineId", String.valueOf(l.lineId()));
            m.put("ItemId", l.code());
            m.put("Title", l.title());
            m.put("SubCode", l.subCode());
            m.put("SubCodeOption", l.subCode().isEmpty() ? "" : "種類:" + l.subCode());
            m.put("IsTaxable", "true");
            m.put("ItemTaxRatio", String.valueOf(l.taxRatePercent()));
            m.put("UnitPrice", String.valueOf(l.unitPrice()));
            m.put("NonTaxUnitPrice", String.valueOf(l.unitPrice() * 100 / (100 + l.taxRatePercent())));
            m.put("Quantity", String.valueOf(l.quantity()));
            m.put("OriginalPrice", String.valueOf(l.unitPrice()));
            m.put("LeadTimeText", "1～2日以内に発送予定");
            list.add(m);
        }
        return list;
    }

    private static String streetMain(SandboxPerson p) {
        int space = p.street().indexOf(' ');
        return space < 0 ? p.street() : p.street().substring(0, space);
    }

    private static String building(SandboxPerson p) {
        int space = p.street().indexOf(' ');
        return space < 0 ? "" : p.street().substring(space + 1);
    }

    private static String[] payMethod(SandboxOrder.Payment p) {
        return switch (p) {
            case CARD -> new String[] { "payment_a1", "クレジットカード決済" };
            case WALLET -> new String[] { "payment_a17", "PayPay残高等" };
            case DEFERRED -> new String[] { "payment_a19", "PayPayクレジット" };
            case COD -> new String[] { "payment_b1", "商品代引" };
            case BANK_TRANSFER -> new String[] { "payment_d1", "銀行振込" };
            case CONVENIENCE_STORE -> new String[] { "payment_a8", "コンビニ決済" };
        };
    }

    // ---------------------------------------------------------------- XML helpers

    private static Instant yahooTime(String text) {
        return text == null || text.isBlank() ? null : LocalDateTime.parse(text.strip(), YAHOO_TIME).atZone(TOKYO).toInstant();
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null || text.isBlank() ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Set<String> csv(String text) {
        Set<String> set = new LinkedHashSet<>();
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    set.add(s.strip());
                }
            }
        }
        return set;
    }

    private static String el(String name, String value) {
        return "<" + name + ">" + escape(value == null ? "" : value) + "</" + name + ">";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** How long issued access tokens live. */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenSeconds = Math.max(1, lifetime.toSeconds());
    }
}
