package dev.ichigen.channel.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults.Kind;
import dev.ichigen.channel.sandbox.SandboxOrder.Line;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;
import tools.jackson.databind.JsonNode;

/**
 * A Rakuten (楽天市場) shop's RMS WEB SERVICE: 楽天ペイ受注API and 在庫API 2.0.
 *
 * <p>Auth: {@code Authorization: ESA base64(serviceSecret:licenseKey)}; wrong, missing or expired (the license key
 * lasts 90 days; {@code PUT /_sandbox/config {"licenseKeyExpiresOn":"yyyy-MM-dd"}}) answers 401
 * {@code {"Results":{"errorCode":"ES01-01","message":"Un-Authorised"}}}.
 *
 * <p>Endpoints (shapes from rakuten/*.json and the field tables beside them):
 * <ul>
 * <li>{@code POST /es/2.0/order/searchOrder/} — {@code dateType} (1 注文日 … 6), {@code startDatetime}/{@code endDatetime}
 * as {@code yyyy-MM-ddTHH:mm:ss+0900} (offset without colon), window ≤ 63 days, start within 2 years,
 * {@code orderProgressList}, {@code PaginationRequestModel} (≤ 1000 records a page, {@code SortModelList} 注文日時 asc/desc).</li>
 * <li>{@code POST /es/2.0/order/getOrder/} — ≤ 100 {@code orderNumberList}, {@code version} required ({@code SkuModelList}
 * from 7). Shape of rms-getOrder-response-skeleton.json: {@code PackageModelList[].SenderModel} = the recipient, zip in two
 * parts, phone in three, {@code taxRate} as a fraction, {@code -9999} for amounts not fixed yet (orders to remote
 * islands keep postage and totals at -9999 until the shop confirms them).</li>
 * <li>{@code POST /es/2.0/order/confirmOrder/} — 100 注文確認待ち → 300 発送待ち.</li>
 * <li>{@code POST /es/2.0/order/updateOrderShipping/} — per basket ≤ 20 shipping records; add (no
 * {@code shippingDetailId}), update (with it), delete ({@code shippingDeleteFlag=1}); {@code deliveryCompany} from
 * rms-deliveryCompany-codes.csv. A confirmed order with a dated shipment becomes 500 発送済.</li>
 * <li>{@code POST /es/2.0/inventories/bulk-upsert} (also {@code /es/2.1/…}) — 1–400 entries, {@code mode} ABSOLUTE/RELATIVE,
 * stock 0–99999 ({@code IE0003}), manageNumber/variantId ≤ 32 bytes of {@code [a-zA-Z0-9_-]} ({@code IE0004}/{@code IE0105}),
 * manageNumber lower-cased, 204 on success, nothing written on any error; unknown keys are not errors (kept as orphans,
 * invisible). 1 request per second per shop, else 429.</li>
 * <li>{@code POST /es/2.0/inventories/bulk-get} (≤ 1000 keys, 5 per second) and
 * {@code GET /es/2.0/inventories/manage-numbers/{m}/variants/{v}} for reconciliation.</li>
 * </ul>
 * A listing without a sub code is the SKU whose {@code variantId} equals its {@code manageNumber} (as in the skeleton's
 * coffee-10).
 *
 * <p>SPEC-DERIVED / simplified: {@code messageCode} values (ORDER_EXT_API_…) and the bodies of 429/5xx (errorCode
 * {@code SANDBOX-429} etc.) are sandbox wording — the real gateway's codes are not in the reference, so a connector
 * should key on the HTTP status; progress jumps 100 → 300 on confirmation (no 200 楽天処理中) and 300 → 500 once a dated
 * shipment is registered; a buyer's cancellation goes straight to 900; remarks carry {@code [配送日時指定:]} and the
 * buyer's note.
 */
public final class RakutenSandbox extends SandboxServer {

    private static final DateTimeFormatter RMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final Pattern STOCK_KEY = Pattern.compile("[a-zA-Z0-9_-]{1,32}");
    private static final String[] WEEKDAYS = { "月", "火", "水", "木", "金", "土", "日" };
    /** 配送会社 codes of rakuten/rms-deliveryCompany-codes.csv. */
    private static final Map<String, String> DELIVERY_COMPANIES = deliveryCompanies();

    private final String serviceSecret;
    private final String licenseKey;
    private final String shopNumber;
    private volatile LocalDate licenseKeyExpiresOn;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong shippingDetailIds = new AtomicLong(30_000_000L);
    private final Map<String, Integer> orphans = new LinkedHashMap<>();

    public RakutenSandbox(String host, int port, Clock clock, long seed, String serviceSecret, String licenseKey,
            String shopNumber) {
        super(Platform.RAKUTEN, host, port, clock, seed);
        this.serviceSecret = serviceSecret;
        this.licenseKey = licenseKey;
        this.shopNumber = shopNumber;
        this.licenseKeyExpiresOn = LocalDate.now(clock.withZone(TOKYO)).plusDays(90);
        routes();
    }

    public static RakutenSandbox withDefaults(int port, long seed) {
        return new RakutenSandbox("127.0.0.1", port, Clock.systemUTC(), seed, "SP400000_sandboxServiceSecret",
                "SL400000_sandboxLicenseKey", "400000");
    }

    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("serviceSecret", serviceSecret);
        c.put("licenseKey", licenseKey);
        c.put("licenseKeyExpiresOn", licenseKeyExpiresOn.toString());
        c.put("endpoint", baseUrl());
        return c;
    }

    /** From the day after this date the license key is refused with ES01-01 (RMS license keys expire every 90 days). */
    public void licenseKeyExpiresOn(LocalDate date) {
        this.licenseKeyExpiresOn = date;
    }

    @Override
    protected void authenticate(SandboxRequest request) {
        String expected = "ESA " + Base64.getEncoder().encodeToString((serviceSecret + ":" + licenseKey)
                .getBytes(StandardCharsets.UTF_8));
        String given = request.header("Authorization");
        boolean expired = LocalDate.now(clock.withZone(TOKYO)).isAfter(licenseKeyExpiresOn);
        if (expired || given == null || !MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw new SandboxException(SandboxResponse.json(401, obj("Results", obj("errorCode", "ES01-01", "message",
                    "Un-Authorised"))));
        }
    }

    @Override
    protected SandboxResponse failure(Kind kind, int retryAfterSeconds) {
        return switch (kind) {
            case RATE_LIMITED -> SandboxResponse.json(429, obj("Results", obj("errorCode", "SANDBOX-429", "message",
                    "Too Many Requests"))).with("Retry-After", String.valueOf(retryAfterSeconds));
            case UNAVAILABLE -> SandboxResponse.json(503, obj("Results", obj("errorCode", "SANDBOX-503", "message",
                    "Service Unavailable")));
            default -> SandboxResponse.json(500, obj("Results", obj("errorCode", "SANDBOX-500", "message",
                    "Internal Server Error")));
        };
    }

    @Override
    protected SandboxResponse notFound(SandboxRequest request) {
        return SandboxResponse.json(404, obj("Results", obj("errorCode", "ES02-01", "message", "Not Found")));
    }

    @Override
    protected TokenBucket rateLimit(String endpoint) {
        // 在庫API 2.0: bulk.upsert 1 request/s, bulk.get 5 requests/s (rakuten/rms-inventory-bulk-upsert.json)
        return switch (endpoint) {
            case "inventories.bulk-upsert" -> new TokenBucket(1, 1);
            case "inventories.bulk-get" -> new TokenBucket(5, 5);
            default -> null;
        };
    }

    @Override
    protected void configure(JsonNode config) {
        if (config.has("licenseKeyExpiresOn")) {
            licenseKeyExpiresOn(LocalDate.parse(text(config, "licenseKeyExpiresOn")));
        }
    }

    @Override
    protected void resetPlatform() {
        sequence.set(0);
        synchronized (orphans) {
            orphans.clear();
        }
        licenseKeyExpiresOn = LocalDate.now(clock.withZone(TOKYO)).plusDays(90);
    }

    @Override
    protected Map<String, Object> info() {
        Map<String, Object> m = super.info();
        synchronized (orphans) {
            m.put("orphanStock", new LinkedHashMap<>(orphans));
        }
        return m;
    }

    @Override
    protected SandboxOrder newOrder(GeneratedOrder g, List<Line> lines, Instant now) {
        long n = sequence.incrementAndGet();
        String number = "%s-%s-%010d".formatted(shopNumber, DateTimeFormatter.BASIC_ISO_DATE.format(
                now.atZone(TOKYO).toLocalDate()), n);
        List<Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            numbered.add(new Line(111_000_000L + n * 10 + i, l.code(), l.subCode(), l.title(), l.unitPrice(),
                    l.taxRatePercent(), l.quantity(), l.set(), l.productId(), l.variantId(), l.inventoryItemId(), l.asin()));
        }
        SandboxOrder o = new SandboxOrder(number, n, now, g, numbered, shippingFee(g, numbered), codFee(g),
                giftWrapFee(g), "100");
        o.extra().put("basketId", 987_000_000L + n);
        // postage to remote islands (離島) is fixed by the shop when it confirms the order: -9999 until then
        o.extra().put("postageFixed", !g.recipient().remoteIsland());
        return o;
    }

    @Override
    protected void cancel(SandboxOrder order) {
        synchronized (this) {
            order.cancelled(now());
            order.status("900", now());
            restock(order);
        }
    }

    // ---------------------------------------------------------------- routes

    private void routes() {
        route("POST", "/es/2\\.0/order/searchOrder/?", "searchOrder", this::searchOrder);
        route("POST", "/es/2\\.0/order/getOrder/?", "getOrder", this::getOrder);
        route("POST", "/es/2\\.0/order/confirmOrder/?", "confirmOrder", this::confirmOrder);
        route("POST", "/es/2\\.0/order/updateOrderShipping/?", "updateOrderShipping", this::updateOrderShipping);
        route("POST", "/es/2\\.[01]/inventories/bulk-upsert/?", "inventories.bulk-upsert", this::bulkUpsert);
        route("POST", "/es/2\\.[01]/inventories/bulk-get/?", "inventories.bulk-get", this::bulkGet);
        route("GET", "/es/2\\.[01]/inventories/manage-numbers/(?<m>[^/]+)/variants/(?<v>[^/]+)", "inventories.variants.get",
                r -> {
                    SandboxListing l = stockListing(r.pathVariable("m"), r.pathVariable("v"));
                    if (l == null) {
                        return SandboxResponse.json(404, obj("errors", List.of(obj("code", "GE0014", "message",
                                "The specified SKU was not found."))));
                    }
                    return SandboxResponse.json(200, inventoryJson(l, r.pathVariable("v")));
                });
    }

    private static SandboxResponse orderError(String code, String message) {
        return SandboxResponse.json(400, obj("MessageModelList", List.of(obj("messageType", "ERROR", "messageCode", code,
                "message", message))));
    }

    private static final SandboxResponse NOT_JSON = orderError("ORDER_EXT_API_COMMON_ERROR_001", "リクエストがJSONとして読めません。");

    /** A property of a JSON object, any case (field casing varies across RMS SDKs). */
    private static JsonNode ci(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        for (var e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private SandboxResponse searchOrder(SandboxRequest r) {
        JsonNode body = r.json(NOT_JSON);
        int dateType = ci(body, "dateType").asInt(0);
        if (dateType < 1 || dateType > 6) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_002", "dateType は 1〜6 で指定してください。");
        }
        OffsetDateTime start, end;
        try {
            start = OffsetDateTime.parse(ci(body, "startDatetime").asString(), RMS_TIME);
            end = OffsetDateTime.parse(ci(body, "endDatetime").asString(), RMS_TIME);
        } catch (RuntimeException e) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_003",
                    "startDatetime / endDatetime は yyyy-MM-ddTHH:mm:ss+0900 の形式で指定してください。");
        }
        if (end.isBefore(start)) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_004", "endDatetime は startDatetime 以降にしてください。");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(63)) > 0) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_005", "検索期間は63日以内で指定してください。");
        }
        if (start.toInstant().isBefore(now().minus(Duration.ofDays(730)))) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_006", "startDatetime は過去2年以内で指定してください。");
        }
        JsonNode paging = ci(body, "PaginationRequestModel");
        int perPage = ci(paging, "requestRecordsAmount").asInt(30);
        int page = ci(paging, "requestPage").asInt(1);
        if (perPage < 1 || perPage > 1000 || page < 1) {
            return orderError("ORDER_EXT_API_SEARCH_ORDER_ERROR_007", "requestRecordsAmount は 1〜1000 で指定してください。");
        }
        boolean descending = false;
        for (JsonNode sort : ci(paging, "SortModelList")) {
            if (ci(sort, "sortColumn").asInt() == 1) {
                descending = ci(sort, "sortDirection").asInt(1) == 2;
            }
        }
        List<Integer> progress = new ArrayList<>();
        ci(body, "orderProgressList").forEach(n -> progress.add(n.asInt()));
        Instant from = start.toInstant(), to = end.toInstant();
        Comparator<SandboxOrder> order = Comparator.comparing(SandboxOrder::orderedAt);
        List<String> numbers = orders().stream()
                .filter(o -> progress.isEmpty() || progress.contains(Integer.parseInt(o.status())))
                .filter(o -> {
                    Instant t = dateOf(o, dateType);
                    return t != null && !t.isBefore(from) && !t.isAfter(to);
                })
                .sorted(descending ? order.reversed() : order)
                .map(SandboxOrder::id).toList();
        int total = numbers.size();
        int pages = (total + perPage - 1) / perPage;
        List<String> slice = numbers.subList(Math.min(total, (page - 1) * perPage), Math.min(total, page * perPage));
        return SandboxResponse.json(200, obj("MessageModelList", List.of(obj("messageType", "INFO", "messageCode",
                "ORDER_EXT_API_SEARCH_ORDER_INFO_101", "message", "注文検索に成功しました。")), "orderNumberList", slice,
                "PaginationResponseModel", obj("totalRecordsAmount", total, "totalPages", pages, "requestPage", page)));
    }

    private static Instant dateOf(SandboxOrder o, int dateType) {
        return switch (dateType) {
            case 1 -> o.orderedAt();
            case 2, 3, 6 -> o.confirmedAt();
            case 4 -> o.shipments().stream().map(SandboxOrder.Shipment::shippedOn).filter(d -> d != null).findFirst()
                    .map(d -> d.atStartOfDay(TOKYO).toInstant()).orElse(null);
            default -> o.shippedAt();
        };
    }

    private SandboxResponse getOrder(SandboxRequest r) {
        JsonNode body = r.json(NOT_JSON);
        JsonNode numbers = ci(body, "orderNumberList");
        if (!numbers.isArray() || numbers.isEmpty()) {
            return orderError("ORDER_EXT_API_GET_ORDER_ERROR_001", "orderNumberList を指定してください。");
        }
        if (numbers.size() > 100) {
            return orderError("ORDER_EXT_API_GET_ORDER_ERROR_002", "orderNumberList は100件以内で指定してください。");
        }
        int version = ci(body, "version").asInt(0);
        if (version < 1) {
            return orderError("ORDER_EXT_API_GET_ORDER_ERROR_003", "version を指定してください。");
        }
        List<Object> messages = new ArrayList<>();
        List<Object> models = new ArrayList<>();
        for (JsonNode n : numbers) {
            String number = n.asString();
            SandboxOrder o = order(number).orElse(null);
            if (o == null) {
                messages.add(obj("messageType", "ERROR", "messageCode", "ORDER_EXT_API_GET_ORDER_ERROR_101", "message",
                        "指定された注文番号の注文が存在しません。", "orderNumber", number));
                continue;
            }
            messages.add(obj("messageType", "INFO", "messageCode", "ORDER_EXT_API_GET_ORDER_INFO_101", "message",
                    "受注情報取得に成功しました。", "orderNumber", number));
            models.add(orderModel(o, version));
        }
        return SandboxResponse.json(200, obj("MessageModelList", messages, "version", version, "OrderModelList", models));
    }

    private SandboxResponse confirmOrder(SandboxRequest r) {
        JsonNode numbers = ci(r.json(NOT_JSON), "orderNumberList");
        if (!numbers.isArray() || numbers.isEmpty() || numbers.size() > 100) {
            return orderError("ORDER_EXT_API_CONFIRM_ORDER_ERROR_001", "orderNumberList は1〜100件で指定してください。");
        }
        List<Object> messages = new ArrayList<>();
        for (JsonNode n : numbers) {
            String number = n.asString();
            SandboxOrder o = order(number).orElse(null);
            synchronized (this) {
                if (o == null || !"100".equals(o.status())) {
                    messages.add(obj("messageType", "ERROR", "messageCode", "ORDER_EXT_API_CONFIRM_ORDER_ERROR_101",
                            "message", o == null ? "指定された注文番号の注文が存在しません。" : "注文確認待ち(100)の注文ではありません。",
                            "orderNumber", number));
                    continue;
                }
                o.confirmed(now());
                o.extra().put("postageFixed", true);
                o.status("300", now());
            }
            messages.add(obj("messageType", "INFO", "messageCode", "ORDER_EXT_API_CONFIRM_ORDER_INFO_101", "message",
                    "注文確認に成功しました。", "orderNumber", number));
        }
        return SandboxResponse.json(200, obj("MessageModelList", messages));
    }

    private SandboxResponse updateOrderShipping(SandboxRequest r) {
        JsonNode body = r.json(NOT_JSON);
        String number = ci(body, "orderNumber").asString("");
        SandboxOrder o = order(number).orElse(null);
        if (o == null) {
            return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_001", "指定された注文番号の注文が存在しません。");
        }
        long basketId = (Long) o.extra().get("basketId");
        List<Object> messages = new ArrayList<>();
        synchronized (this) {
            int progress = Integer.parseInt(o.status());
            if (progress < 300 || progress >= 800) {
                return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_002",
                        "発送待ち(300)以降・キャンセル前の注文のみ発送情報を更新できます。");
            }
            List<SandboxOrder.Shipment> records = new ArrayList<>(o.shipments());
            Map<Long, Integer> all = new LinkedHashMap<>();
            o.lines().forEach(l -> all.put(l.lineId(), l.quantity()));
            for (JsonNode basket : ci(body, "BasketidModelList")) {
                if (ci(basket, "basketId").asLong() != basketId) {
                    return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_003", "basketId が注文の送付先と一致しません: "
                            + ci(basket, "basketId").asString());
                }
                for (JsonNode s : ci(basket, "ShippingModelList")) {
                    JsonNode detail = ci(s, "shippingDetailId");
                    boolean delete = ci(s, "shippingDeleteFlag").asInt(0) == 1;
                    String company = ci(s, "deliveryCompany").isMissingNode() ? null : ci(s, "deliveryCompany").asString();
                    String tracking = ci(s, "shippingNumber").isMissingNode() ? null : ci(s, "shippingNumber").asString();
                    String dateText = ci(s, "shippingDate").isMissingNode() ? null : ci(s, "shippingDate").asString();
                    if (company != null && !DELIVERY_COMPANIES.containsKey(company)) {
                        return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_004", "deliveryCompany が不正です: " + company);
                    }
                    if (tracking != null && tracking.length() > 120) {
                        return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_005", "shippingNumber は120文字以内です。");
                    }
                    LocalDate date;
                    try {
                        date = dateText == null || dateText.isEmpty() ? null : LocalDate.parse(dateText);
                    } catch (DateTimeParseException e) {
                        return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_006", "shippingDate は yyyy-MM-dd です。");
                    }
                    if (detail.isMissingNode() || detail.isNull()) {
                        if (delete) {
                            return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_007", "削除には shippingDetailId が必要です。");
                        }
                        long id = shippingDetailIds.incrementAndGet();
                        records.add(new SandboxOrder.Shipment(id, company, tracking, date, all));
                        messages.add(info(number, id));
                        continue;
                    }
                    long id = detail.asLong();
                    int at = indexOf(records, id);
                    if (at < 0) {
                        return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_008", "shippingDetailId が存在しません: " + id);
                    }
                    if (delete) {
                        records.remove(at);
                    } else {
                        SandboxOrder.Shipment old = records.get(at);
                        // an absent parameter keeps the stored value, a present empty one deletes it
                        records.set(at, new SandboxOrder.Shipment(id, company == null ? old.carrier() : emptyToNull(company),
                                tracking == null ? old.trackingNumber() : emptyToNull(tracking),
                                dateText == null ? old.shippedOn() : date, all));
                    }
                    messages.add(info(number, id));
                }
            }
            if (records.size() > 20) { // RMS: at most 20 ShippingModel records per 送付先
                return orderError("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_009", "発送明細は1送付先につき20件までです。");
            }
            o.replaceShipments(records, now());
            if ("300".equals(o.status()) && records.stream().anyMatch(s -> s.shippedOn() != null)) {
                o.shipped(now());
                o.status("500", now());
            }
        }
        return SandboxResponse.json(200, obj("MessageModelList", messages));
    }

    private static Map<String, Object> info(String number, long shippingDetailId) {
        return obj("messageType", "INFO", "messageCode", "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101", "message",
                "発送情報の更新に成功しました。", "dataNumber", number, "shippingDetailId", shippingDetailId);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static int indexOf(List<SandboxOrder.Shipment> list, long id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- inventory API 2.0

    private static SandboxResponse inventoryError(List<Object> errors) {
        return SandboxResponse.json(400, obj("errors", errors));
    }

    private static Map<String, Object> inventoryIssue(String code, String message, String path) {
        return obj("code", code, "message", message, "metadata", obj("propertyPath", path));
    }

    private SandboxResponse bulkUpsert(SandboxRequest r) {
        JsonNode entries = r.json(inventoryError(List.of(inventoryIssue("IE0105", "Request body must be JSON.", ""))))
                .path("inventories");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 400) {
            return inventoryError(List.of(inventoryIssue("IE0105", "inventories must have 1 to 400 entries.", "inventories")));
        }
        List<Object> errors = new ArrayList<>();
        record Change(String manageNumber, String variantId, boolean absolute, int quantity) {
        }
        List<Change> changes = new ArrayList<>();
        int i = 0;
        for (JsonNode e : entries) {
            String p = "inventories[" + i++ + "]";
            String m = ci(e, "manageNumber").isMissingNode() ? null : ci(e, "manageNumber").asString();
            String v = ci(e, "variantId").isMissingNode() ? null : ci(e, "variantId").asString();
            String mode = ci(e, "mode").isMissingNode() ? null : ci(e, "mode").asString();
            JsonNode q = ci(e, "quantity");
            boolean ok = true;
            for (String[] key : new String[][] { { "manageNumber", m }, { "variantId", v } }) {
                if (key[1] == null || key[1].isEmpty()) {
                    errors.add(inventoryIssue("IE0105", key[0] + " is required.", p + "." + key[0]));
                    ok = false;
                } else if (key[1].getBytes(StandardCharsets.UTF_8).length > 32) {
                    errors.add(inventoryIssue("IE0004", "Max length of " + key[0] + " must be within 32 bytes.", p + "." + key[0]));
                    ok = false;
                } else if (!STOCK_KEY.matcher(key[1]).matches()) {
                    errors.add(inventoryIssue("IE0105", key[0] + " may contain only a-z, A-Z, 0-9, '_' and '-'.", p + "." + key[0]));
                    ok = false;
                }
            }
            if (!"ABSOLUTE".equals(mode) && !"RELATIVE".equals(mode)) {
                errors.add(inventoryIssue("IE0105", "mode must be ABSOLUTE or RELATIVE.", p + ".mode"));
                ok = false;
            }
            if (!q.isIntegralNumber()) {
                errors.add(inventoryIssue("IE0002", "quantity must be an integer.", p + ".quantity"));
                ok = false;
            } else if ("ABSOLUTE".equals(mode) && (q.asLong() < 0 || q.asLong() > 99_999)) {
                errors.add(inventoryIssue("IE0003", "quantity must be between 0 and 99999.", p + ".quantity"));
                ok = false;
            } else if (Math.abs(q.asLong()) > 99_999) {
                errors.add(inventoryIssue("IE0003", "quantity must be between -99999 and 99999.", p + ".quantity"));
                ok = false;
            }
            if (ok) {
                changes.add(new Change(m.toLowerCase(Locale.ROOT), v, "ABSOLUTE".equals(mode), q.asInt()));
            }
        }
        synchronized (this) {
            if (errors.isEmpty()) { // the resulting stock must stay within 0..99999 as well
                Map<String, Integer> after = new LinkedHashMap<>();
                for (int k = 0; k < changes.size(); k++) {
                    Change c = changes.get(k);
                    SandboxListing l = stockListing(c.manageNumber(), c.variantId());
                    String key = c.manageNumber() + "/" + c.variantId();
                    int current = after.getOrDefault(key, l != null ? l.quantity() : orphanQuantity(key));
                    int value = c.absolute() ? c.quantity() : current + c.quantity();
                    if (value < 0 || value > 99_999) {
                        errors.add(inventoryIssue("IE0003", "The resulting stock must be between 0 and 99999.",
                                "inventories[" + k + "].quantity"));
                    }
                    after.put(key, value);
                }
                if (errors.isEmpty()) {
                    after.forEach((key, value) -> {
                        String[] mv = key.split("/", 2);
                        SandboxListing l = stockListing(mv[0], mv[1]);
                        if (l != null) {
                            l.setQuantity(value);
                        } else {
                            synchronized (orphans) { // unknown keys are kept invisibly (RMS deletes them after ~24 h)
                                orphans.put(key, value);
                            }
                        }
                    });
                }
            }
        }
        return errors.isEmpty() ? SandboxResponse.empty(204) : inventoryError(errors);
    }

    private int orphanQuantity(String key) {
        synchronized (orphans) {
            return orphans.getOrDefault(key, 0);
        }
    }

    private SandboxResponse bulkGet(SandboxRequest r) {
        JsonNode keys = r.json(inventoryError(List.of(inventoryIssue("IE0105", "Request body must be JSON.", ""))))
                .path("inventories");
        if (!keys.isArray() || keys.isEmpty() || keys.size() > 1000) {
            return inventoryError(List.of(inventoryIssue("IE0105", "inventories must have 1 to 1000 entries.", "inventories")));
        }
        List<Object> found = new ArrayList<>();
        for (JsonNode k : keys) {
            String v = ci(k, "variantId").asString("");
            SandboxListing l = stockListing(ci(k, "manageNumber").asString(""), v);
            if (l != null) {
                found.add(inventoryJson(l, v));
            }
        }
        return SandboxResponse.json(200, obj("inventories", found));
    }

    private Map<String, Object> inventoryJson(SandboxListing l, String variantId) {
        String time = OffsetDateTime.ofInstant(now(), TOKYO).format(RMS_TIME);
        return obj("manageNumber", l.code(), "variantId", variantId, "quantity", l.quantity(), "operationLeadTime",
                obj("normalDeliveryTimeId", null, "backOrderDeliveryTimeId", null), "shipFromIds", List.of(), "created",
                time, "updated", time);
    }

    /** The listing for manageNumber (lower-cased) + variantId; a variantId equal to the manageNumber = no sub code. */
    private SandboxListing stockListing(String manageNumber, String variantId) {
        String m = manageNumber.toLowerCase(Locale.ROOT);
        SandboxListing l = listing(m, variantId).orElse(null);
        if (l == null && variantId.equalsIgnoreCase(m)) {
            l = listing(m, "").orElse(null);
        }
        return l;
    }

    // ---------------------------------------------------------------- getOrder shape

    private static String rms(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, TOKYO).format(RMS_TIME);
    }

    private Map<String, Object> orderModel(SandboxOrder o, int version) {
        boolean fixed = Boolean.TRUE.equals(o.extra().get("postageFixed"));
        int postage = fixed ? o.shippingFee() : -9999;
        int total = fixed ? o.total() : -9999;
        int request = fixed ? o.requestedAmount() : -9999;
        long basketId = (Long) o.extra().get("basketId");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderNumber", o.id());
        m.put("orderProgress", Integer.parseInt(o.status()));
        m.put("subStatusId", null);
        m.put("subStatusName", null);
        m.put("orderDatetime", rms(o.orderedAt()));
        m.put("shopOrderCfmDatetime", rms(o.confirmedAt()));
        m.put("orderFixDatetime", rms(o.confirmedAt()));
        m.put("shippingInstDatetime", null);
        m.put("shippingCmplRptDatetime", rms(o.shippedAt()));
        m.put("cancelDueDate", null);
        m.put("deliveryDate", o.deliveryDate() == null ? null : o.deliveryDate().toString());
        m.put("shippingTerm", o.slot() == null ? 0 : o.slot().rakutenTerm);
        m.put("remarks", remarks(o));
        m.put("giftCheckFlag", o.recipient() != o.buyer() ? 1 : 0);
        m.put("severalSenderFlag", 0);
        m.put("equalSenderFlag", o.recipient() == o.buyer() ? 1 : 0);
        m.put("isolatedIslandFlag", o.recipient().remoteIsland() ? 1 : 0);
        m.put("rakutenMemberFlag", 1);
        m.put("carrierCode", 11);
        m.put("emailCarrierCode", 0);
        m.put("orderType", 1);
        m.put("reserveNumber", null);
        m.put("reserveDeliveryCount", null);
        m.put("cautionDisplayType", 0);
        m.put("rakutenConfirmFlag", 0);
        m.put("goodsPrice", o.goodsTotal() + o.giftWrapFee());
        m.put("goodsTax", 0);
        m.put("postagePrice", postage);
        m.put("deliveryPrice", o.codFee());
        m.put("paymentCharge", 0);
        m.put("paymentChargeTaxRate", 0.1);
        m.put("totalPrice", total);
        m.put("requestPrice", request);
        m.put("couponAllTotalPrice", o.couponDiscount());
        m.put("couponShopPrice", o.couponDiscount());
        m.put("couponOtherPrice", 0);
        m.put("additionalFeeOccurAmountToUser", 0);
        m.put("additionalFeeOccurAmountToShop", 0);
        m.put("asurakuFlag", 0);
        m.put("drugFlag", 0);
        m.put("dealFlag", 0);
        m.put("membershipType", 0);
        m.put("memo", null);
        m.put("operator", null);
        m.put("mailPlugSentence", null);
        m.put("modifyFlag", 0);
        m.put("isTaxRecalc", 0);
        m.put("receiptIssueCount", 0);
        m.put("receiptIssueHistoryList", List.of());
        SandboxPerson b = o.buyer();
        String[] zip = b.postalCode().split("-");
        String[] phone = b.phoneParts();
        Map<String, Object> orderer = obj("zipCode1", zip[0], "zipCode2", zip[1], "prefecture", b.prefecture(), "city",
                b.city(), "subAddress", b.subAddress(), "familyName", b.familyName(), "firstName", b.givenName(),
                "familyNameKana", b.familyNameKana(), "firstNameKana", b.givenNameKana(), "phoneNumber1", phone[0],
                "phoneNumber2", phone[1], "phoneNumber3", phone[2], "emailAddress",
                Long.toHexString(Math.abs((long) b.email().hashCode())) + "@pc.fw.rakuten.ne.jp", "sex", null, "birthYear",
                null, "birthMonth", null, "birthDay", null);
        m.put("OrdererModel", orderer);
        m.put("SettlementModel", settlement(o));
        m.put("DeliveryModel", obj("deliveryName", "宅配便", "deliveryClass", 1));
        m.put("PointModel", obj("usedPoint", o.pointsUsed()));
        m.put("WrappingModel1", o.giftWrap() ? obj("title", 1, "name", "包装紙", "price", o.giftWrapFee(),
                "includeTaxFlag", 1, "deleteWrappingFlag", 0, "taxRate", 0.1, "taxPrice", o.giftWrapFee() * 10 / 110) : null);
        m.put("WrappingModel2", null);
        SandboxPerson s = o.recipient();
        String[] szip = s.postalCode().split("-");
        String[] sphone = s.phoneParts();
        List<Object> items = new ArrayList<>();
        for (Line l : o.lines()) {
            items.add(itemModel(l, version));
        }
        List<Object> shipping = new ArrayList<>();
        for (SandboxOrder.Shipment sh : o.shipments()) {
            shipping.add(obj("shippingDetailId", sh.id(), "shippingNumber", sh.trackingNumber(), "deliveryCompany",
                    sh.carrier(), "deliveryCompanyName", sh.carrier() == null ? null : DELIVERY_COMPANIES.get(sh.carrier()),
                    "shippingDate", sh.shippedOn() == null ? null : sh.shippedOn().toString()));
        }
        Map<String, Object> pkg = new LinkedHashMap<>();
        pkg.put("basketId", basketId);
        pkg.put("postagePrice", postage);
        pkg.put("postageTaxRate", 0.1);
        pkg.put("deliveryPrice", o.codFee());
        pkg.put("deliveryTaxRate", 0.1);
        pkg.put("goodsTax", 0);
        pkg.put("goodsPrice", o.goodsTotal());
        pkg.put("totalPrice", fixed ? o.goodsTotal() + o.shippingFee() + o.codFee() : -9999);
        pkg.put("noshi", o.noshi());
        pkg.put("packageDeleteFlag", 0);
        pkg.put("SenderModel", obj("zipCode1", szip[0], "zipCode2", szip[1], "prefecture", s.prefecture(), "city", s.city(),
                "subAddress", s.subAddress(), "familyName", s.familyName(), "firstName", s.givenName(), "familyNameKana",
                s.familyNameKana(), "firstNameKana", s.givenNameKana(), "phoneNumber1", sphone[0], "phoneNumber2", sphone[1],
                "phoneNumber3", sphone[2], "isolatedIslandFlag", s.remoteIsland() ? 1 : 0));
        pkg.put("ItemModelList", items);
        pkg.put("ShippingModelList", shipping);
        pkg.put("DeliveryCvsModel", null);
        pkg.put("defaultDeliveryCompanyCode", "1001");
        m.put("PackageModelList", List.of(pkg));
        m.put("CouponModelList", o.couponDiscount() == 0 ? List.of() : List.of(obj("couponCode", "SANDBOX-" + o.couponDiscount(),
                "itemId", 0, "couponName", o.couponDiscount() + "円OFFクーポン", "couponSummary", "ショップ限定クーポン",
                "couponCapital", "ショップ", "couponCapitalCode", 1, "expiryDate", o.orderedAt().atZone(TOKYO).toLocalDate()
                        .plusDays(30).toString(), "couponPrice", o.couponDiscount(), "couponUnit", 1, "couponTotalPrice",
                o.couponDiscount(), "itemDetailId", 0)));
        m.put("ChangeReasonModelList", o.cancelledAt() == null ? List.of() : List.of(obj("changeId", o.numericId(),
                "changeType", 0, "changeTypeDetail", 0, "changeReason", 1, "changeReasonDetail", 0, "changeApplyDatetime",
                rms(o.cancelledAt()), "changeFixDatetime", rms(o.cancelledAt()), "changeCmplDatetime", rms(o.cancelledAt()))));
        if (version >= 3) {
            m.put("TaxSummaryModelList", taxSummary(o, fixed));
        }
        m.put("DueDateModelList", List.of());
        return m;
    }

    private Map<String, Object> itemModel(Line l, int version) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("itemDetailId", l.lineId());
        i.put("itemName", l.title());
        i.put("itemId", 10_000_000 + Math.abs(l.code().hashCode() % 1_000_000));
        i.put("itemNumber", l.code() + (l.subCode().isEmpty() ? "" : l.subCode()));
        i.put("manageNumber", l.code());
        i.put("price", l.unitPrice());
        i.put("units", l.quantity());
        i.put("includePostageFlag", 0);
        i.put("includeTaxFlag", 1);
        i.put("includeCashOnDeliveryPostageFlag", 0);
        i.put("selectedChoice", l.subCode().isEmpty() ? null : "種類:" + l.subCode());
        i.put("pointRate", 1);
        i.put("pointType", 0);
        i.put("inventoryType", 1);
        i.put("delvdateInfo", "1～2日以内に発送予定（店舗休業日を除く）");
        i.put("restoreInventoryFlag", 0);
        i.put("dealFlag", 0);
        i.put("drugFlag", 0);
        i.put("deleteItemFlag", 0);
        i.put("taxRate", l.taxRatePercent() / 100.0);
        i.put("priceTaxIncl", l.unitPrice());
        i.put("isSingleItemShipping", 0);
        if (version >= 7) {
            i.put("SkuModelList", List.of(obj("variantId", l.subCode().isEmpty() ? l.code() : l.subCode(),
                    "merchantDefinedSkuId", null, "skuInfo", l.subCode().isEmpty() ? null : "種類:" + l.subCode())));
        }
        return i;
    }

    /** One entry per tax rate; fees belong to the 10% group, which also takes coupons and points first. */
    private static List<Object> taxSummary(SandboxOrder o, boolean fixed) {
        Map<Integer, Integer> goods = new java.util.TreeMap<>(java.util.Collections.reverseOrder());
        o.lines().forEach(l -> goods.merge(l.taxRatePercent(), l.amount(), Integer::sum));
        goods.putIfAbsent(10, 0);
        List<Object> list = new ArrayList<>();
        for (var e : goods.entrySet()) {
            int rate = e.getKey();
            boolean feeGroup = rate == 10;
            int total = e.getValue() + (feeGroup ? o.shippingFee() + o.codFee() + o.giftWrapFee() : 0);
            if (total == 0 && !feeGroup) {
                continue;
            }
            int coupon = feeGroup ? Math.min(o.couponDiscount(), total) : 0;
            int points = feeGroup ? Math.min(o.pointsUsed(), total - coupon) : 0;
            int req = total - coupon - points;
            boolean unknown = feeGroup && !fixed;
            list.add(obj("taxRate", rate / 100.0, "reqPrice", unknown ? -9999 : req, "reqPriceTax",
                    unknown ? -9999 : req * rate / (100 + rate), "totalPrice", unknown ? -9999 : total, "paymentCharge", 0,
                    "couponPrice", coupon, "point", points));
        }
        return list;
    }

    private static Map<String, Object> settlement(SandboxOrder o) {
        Object[] method = switch (o.payment()) {
            case CARD -> new Object[] { 1, "クレジットカード" };
            case COD -> new Object[] { 2, "代金引換" };
            case BANK_TRANSFER -> new Object[] { 9, "銀行振込" };
            case DEFERRED -> new Object[] { 21, "後払い決済" };
            case CONVENIENCE_STORE -> new Object[] { 14, "ローソン、郵便局ATM等（前払）" };
            case WALLET -> new Object[] { 12, "Apple Pay" };
        };
        boolean card = o.payment() == SandboxOrder.Payment.CARD;
        return obj("settlementMethodCode", method[0], "settlementMethod", method[1], "rpaySettlementFlag", 1, "cardName",
                card ? "VISA" : null, "cardNumber", card ? "XXXX-XXXX-XXXX-" + "%04d".formatted(o.numericId() % 10000) : null,
                "cardOwner", card ? o.buyer().givenNameKana() + " " + o.buyer().familyNameKana() : null, "cardYm",
                card ? "2029-12" : null, "cardPayType", card ? 0 : null, "cardInstallmentDesc", null);
    }

    private static String remarks(SandboxOrder o) {
        StringBuilder sb = new StringBuilder();
        if (o.deliveryDate() != null || o.slot() != null) {
            sb.append("[配送日時指定:]\n");
            if (o.deliveryDate() != null) {
                sb.append(o.deliveryDate()).append('(').append(WEEKDAYS[o.deliveryDate().getDayOfWeek().getValue() - 1])
                        .append(')');
            }
            if (o.slot() != null) {
                sb.append(o.deliveryDate() != null ? " " : "").append(o.slot().text);
            }
        }
        if (o.remarks() != null) {
            sb.append(sb.isEmpty() ? "" : "\n").append("[ご要望:]\n").append(o.remarks());
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static Map<String, String> deliveryCompanies() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] names = { "その他", "ヤマト運輸", "佐川急便", "日本郵便", "西濃運輸", "セイノースーパーエクスプレス", "福山通運", "名鉄運輸",
                "トナミ運輸", "第一貨物", "新潟運輸", "中越運送", "岡山県貨物運送", "久留米運送", "山陽自動車運送", "日本トラック", "エコ配",
                "EMS", "DHL", "FedEx", "UPS", "日本通運", "TNT", "OCS", "USPS", "SFエクスプレス", "Aramex", "SGHグローバル・ジャパン",
                "Rakuten EXPRESS" };
        for (int i = 0; i < names.length; i++) {
            m.put(String.valueOf(1000 + i), names[i]);
        }
        return Map.copyOf(m);
    }

    static Set<String> deliveryCompanyCodes() {
        return DELIVERY_COMPANIES.keySet();
    }
}
