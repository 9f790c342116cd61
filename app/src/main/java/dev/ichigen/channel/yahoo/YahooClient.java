package dev.ichigen.channel.yahoo;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpMethod;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.connector.ChannelHttp;
import dev.ichigen.channel.connector.ConnectorContext;
import dev.ichigen.channel.connector.ConnectorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Yahoo!ショッピング API calls for one channel: {@code orderList}, {@code orderInfo} (XML) and {@code setStock}
 * (form-encoded) under {@code /ShoppingWebService/V1/}, with a bearer access token from the Yahoo! ID 連携
 * {@code /yconnect/v2/token} ({@code grant_type=refresh_token}, valid an hour). Base URL {@code credentials.endpoint}
 * (a sandbox; its token endpoint lives on the same host) or {@value #API_BASE} / {@value #AUTH_BASE}. Access tokens are
 * kept in memory per channel and refreshed a minute before they expire, or once when a call answers 401.
 */
final class YahooClient {

    static final String API_BASE = "https://circus.shopping.yahooapis.jp";
    static final String AUTH_BASE = "https://auth.login.yahoo.co.jp";
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** orderList OrderTimeFrom/To: {@code yyyyMMddHHmmss} in JST. */
    static final DateTimeFormatter YAHOO_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** The order fields asked for (names per yahoo/orderInfo-response-fields.csv). */
    static final String ORDER_FIELDS = String.join(",", List.of("OrderId", "Version", "OrderTime", "LastUpdateTime",
            "OrderStatus", "IsActive", "BuyerComments", "PayStatus", "PayType", "PayMethod", "PayMethodName", "BillLastName",
            "BillFirstName", "BillLastNameKana", "BillFirstNameKana", "BillZipCode", "BillPrefecture", "BillCity",
            "BillAddress1", "BillAddress2", "BillPhoneNumber", "BillMailAddress", "ShipStatus", "ShipMethodName",
            "ShipRequestDate", "ShipRequestTime", "NeedGiftWrap", "GiftWrapName", "ShipLastName", "ShipFirstName",
            "ShipLastNameKana", "ShipFirstNameKana", "ShipZipCode", "ShipPrefecture", "ShipCity", "ShipAddress1",
            "ShipAddress2", "ShipPhoneNumber", "ShipCompanyCode", "ShipInvoiceNumber1", "ShipInvoiceNumber2", "PayCharge", "ShipCharge", "GiftWrapCharge", "Discount", "UsePoint",
            "TotalPrice", "LineId", "ItemId", "Title", "SubCode", "ItemTaxRatio", "UnitPrice", "Quantity"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Token(String value, Instant expires) {
    }

    /** Access tokens by channel id + refresh token (a new refresh token gets a new access token). */
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private final ConnectorContext ctx;
    private final Clock clock;
    private final String base;
    private final String authBase;
    private final String sellerId;

    YahooClient(ConnectorContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        String endpoint = ctx.credentials().get("endpoint").map(e -> e.replaceAll("/+$", "")).orElse(null);
        this.base = endpoint == null ? API_BASE : endpoint;
        this.authBase = endpoint == null ? AUTH_BASE : endpoint;
        this.sellerId = ctx.credentials().require("sellerId");
    }

    /** A page of orderList: order ids in the page (oldest first) and the total count. */
    record ListPage(List<String> orderIds, int totalCount) {
    }

    /** orderList by 注文日時 within [from, to], oldest first, {@code result} a page from {@code start} (1-based). */
    ListPage orderList(Instant from, Instant to, int start, int result) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Req><Search><Result>" + result + "</Result><Start>" + start
                + "</Start><Sort>+order_time</Sort><Condition><OrderTimeFrom>" + yahoo(from) + "</OrderTimeFrom><OrderTimeTo>"
                + yahoo(to) + "</OrderTimeTo></Condition><Field>OrderId,OrderTime</Field></Search><SellerId>"
                + escape(sellerId) + "</SellerId></Req>";
        return authorised("orderList", base + "/ShoppingWebService/V1/orderList", xml.getBytes(StandardCharsets.UTF_8),
                "application/xml; charset=utf-8", "order", answer -> {
                    Element root = xml(answer);
                    Element search = YahooOrderMapper.child(root, "Search");
                    if (!"Result".equals(root.getTagName()) || search == null) {
                        throw malformed(answer, "orderList: no Result/Search");
                    }
                    List<String> ids = new ArrayList<>();
                    for (Element info : YahooOrderMapper.children(search, "OrderInfo")) {
                        String id = YahooOrderMapper.text(info, "OrderId");
                        if (id == null) {
                            throw malformed(answer, "orderList: OrderInfo without OrderId");
                        }
                        ids.add(id);
                    }
                    String total = YahooOrderMapper.text(search, "TotalCount");
                    try {
                        return new ListPage(ids, total == null ? ids.size() : Integer.parseInt(total));
                    } catch (NumberFormatException e) {
                        throw malformed(answer, "orderList: TotalCount is not a number");
                    }
                });
    }

    /** orderInfo for one order: its {@code <OrderInfo>} element. */
    Element orderInfo(String orderId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Req><Target><OrderId>" + escape(orderId) + "</OrderId><Field>"
                + ORDER_FIELDS + "</Field></Target><SellerId>" + escape(sellerId) + "</SellerId></Req>";
        return authorised("orderInfo", base + "/ShoppingWebService/V1/orderInfo", xml.getBytes(StandardCharsets.UTF_8),
                "application/xml; charset=utf-8", "order", answer -> {
                    Element info = YahooOrderMapper.child(YahooOrderMapper.child(xml(answer), "Result"), "OrderInfo");
                    if (info == null) {
                        throw malformed(answer, "orderInfo: no Result/OrderInfo");
                    }
                    return info;
                });
    }

    /** One absolute stock value: {@code itemcode[:subcode]}. */
    record Stock(String itemCode, long quantity) {
    }

    /**
     * setStock for ≤ 1000 codes, absolute quantities. Form values are percent-encoded (a {@code +} would decode to a
     * space: reference README); unknown item codes are not errors on Yahoo!.
     */
    void setStock(List<Stock> entries) {
        if (entries.size() > 1000) {
            throw new IllegalArgumentException("setStock takes at most 1000 item codes");
        }
        StringBuilder codes = new StringBuilder();
        StringBuilder quantities = new StringBuilder();
        for (Stock s : entries) {
            codes.append(codes.isEmpty() ? "" : ",").append(s.itemCode());
            quantities.append(quantities.isEmpty() ? "" : ",").append(s.quantity());
        }
        String form = "seller_id=" + form(sellerId) + "&item_code=" + form(codes.toString()) + "&quantity="
                + form(quantities.toString());
        authorised("setStock", base + "/ShoppingWebService/V1/setStock", form.getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", "stock", answer -> {
                    Element root = xml(answer);
                    if (!"ResultSet".equals(root.getTagName())) {
                        throw malformed(answer, "setStock: no ResultSet");
                    }
                    return null;
                });
    }

    /**
     * 出荷ステータス変更 {@code orderShipStatusChange}: ShipStatus 3 (出荷済み) with the ship company code, up to two
     * invoice numbers, the ship date ({@code yyyyMMdd}, JST) and the tracking URL; {@code IsPointFix} true (reference:
     * yahoo/orderShipStatusChange-request.xml). Success = {@code ResultSet/Result/Status OK}.
     */
    void orderShipStatusChange(String orderId, String shipCompanyCode, List<String> invoiceNumbers, java.time.LocalDate shipDate,
            String shipUrl) {
        StringBuilder ship = new StringBuilder("<ShipStatus>3</ShipStatus><ShipCompanyCode>").append(escape(shipCompanyCode))
                .append("</ShipCompanyCode>");
        for (int i = 0; i < Math.min(2, invoiceNumbers.size()); i++) {
            ship.append("<ShipInvoiceNumber").append(i + 1).append('>').append(escape(invoiceNumbers.get(i)))
                    .append("</ShipInvoiceNumber").append(i + 1).append('>');
        }
        if (shipDate != null) {
            ship.append("<ShipDate>").append(shipDate.format(DateTimeFormatter.BASIC_ISO_DATE)).append("</ShipDate>");
        }
        if (shipUrl != null) {
            ship.append("<ShipUrl><![CDATA[").append(shipUrl.replace("]]>", "")).append("]]></ShipUrl>");
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Req><Target><OrderId>" + escape(orderId)
                + "</OrderId><IsPointFix>true</IsPointFix><OperationUser>ichigen</OperationUser></Target><Order><Ship>" + ship
                + "</Ship></Order><SellerId>" + escape(sellerId) + "</SellerId></Req>";
        statusCall("orderShipStatusChange", xml);
    }

    /** 注文ステータス変更 {@code orderStatusChange} (OrderStatus 1 予約中 … 5 完了: yahoo/order-status-codes.csv). */
    void orderStatusChange(String orderId, String orderStatus) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Req><Target><OrderId>" + escape(orderId)
                + "</OrderId><IsPointFix>true</IsPointFix><OperationUser>ichigen</OperationUser></Target><Order><OrderStatus>"
                + escape(orderStatus) + "</OrderStatus></Order><SellerId>" + escape(sellerId) + "</SellerId></Req>";
        statusCall("orderStatusChange", xml);
    }

    private void statusCall(String operation, String xml) {
        authorised(operation, base + "/ShoppingWebService/V1/" + operation, xml.getBytes(StandardCharsets.UTF_8),
                "application/xml; charset=utf-8", "order", answer -> {
                    Element root = xml(answer);
                    String status = YahooOrderMapper.text(YahooOrderMapper.child(root, "Result"), "Status");
                    if (!"ResultSet".equals(root.getTagName()) || status == null) {
                        throw malformed(answer, operation + ": no ResultSet/Result/Status");
                    }
                    if (!"OK".equalsIgnoreCase(status)) {
                        throw new ConnectorException(FailureCause.REJECTED, answer.status(), operation + ": Status " + status,
                                null);
                    }
                    return null;
                });
    }

    // ------------------------------------------------------------------ auth

    private <T> T authorised(String operation, String url, byte[] body, String contentType, String bucket,
            java.util.function.Function<ChannelHttp.Answer, T> parse) {
        String token = accessToken(false);
        try {
            return ctx.http().call(request(operation, url, body, contentType, bucket, token), parse);
        } catch (ConnectorException e) {
            if (e.failureCause() != FailureCause.BAD_CREDENTIALS) {
                throw e;
            }
            // the access token expired early or was revoked: one fresh token, one more try
            return ctx.http().call(request(operation, url, body, contentType, bucket, accessToken(true)), parse);
        }
    }

    private String accessToken(boolean renew) {
        String key = ctx.channelId() + ":" + Integer.toHexString(ctx.credentials().require("refreshToken").hashCode());
        Token t = TOKENS.get(key);
        if (!renew && t != null && clock.instant().plusSeconds(60).isBefore(t.expires())) {
            return t.value();
        }
        String form = "grant_type=refresh_token&refresh_token=" + form(ctx.credentials().require("refreshToken"));
        Map<String, String> headers = new LinkedHashMap<>();
        String basic = ctx.credentials().require("clientId") + ":" + ctx.credentials().require("clientSecret");
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        Token fresh;
        try {
            fresh = ctx.http().call(new ChannelHttp.Request(ctx.channelId(), "token", HttpMethod.POST,
                authBase + "/yconnect/v2/token", headers, form.getBytes(StandardCharsets.UTF_8), ctx.limiter("order")),
                answer -> {
                    JsonNode json;
                    try {
                        json = JSON.readTree(answer.body());
                    } catch (tools.jackson.core.JacksonException e) {
                        throw malformed(answer, "token: unreadable JSON");
                    }
                    String value = json == null ? null : json.path("access_token").asString(null);
                    if (value == null || value.isBlank()) {
                        throw malformed(answer, "token: no access_token");
                    }
                    return new Token(value, clock.instant().plusSeconds(Math.max(60, json.path("expires_in").asLong(3600))));
                });
        } catch (ConnectorException e) {
            // Yahoo! ID 連携: 400 invalid_grant (refresh token wrong, expired after 4 weeks or revoked), 401 invalid_client
            if (e.httpStatus() != null && (e.httpStatus() == 400 || e.httpStatus() == 401)) {
                throw new ConnectorException(FailureCause.BAD_CREDENTIALS, e.httpStatus(), "Yahoo! ID 連携 refused the "
                        + "clientId/clientSecret or refresh token (" + e.getMessage() + "): check them; a refresh token "
                        + "lasts 4 weeks", null);
            }
            throw e;
        }
        TOKENS.put(key, fresh);
        return fresh.value();
    }

    /** Forgets the channel's access tokens (tests, new credentials). */
    static void forget(long channelId) {
        TOKENS.keySet().removeIf(k -> k.startsWith(channelId + ":"));
    }

    private ChannelHttp.Request request(String operation, String url, byte[] body, String contentType, String bucket,
            String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", contentType);
        headers.put("Accept", "application/xml");
        return new ChannelHttp.Request(ctx.channelId(), operation, HttpMethod.POST, url, headers, body, ctx.limiter(bucket));
    }

    // ------------------------------------------------------------------ helpers

    static String yahoo(Instant t) {
        return YAHOO_TIME.format(t.atZone(TOKYO));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8); // '+' → %2B, ':' → %3A, ',' → %2C
    }

    private static Element xml(ChannelHttp.Answer answer) {
        try {
            return YahooOrderMapper.parse(answer.body());
        } catch (IOException | SAXException e) {
            throw malformed(answer, "unreadable XML answer");
        }
    }

    private static ConnectorException malformed(ChannelHttp.Answer answer, String message) {
        return new ConnectorException(FailureCause.MALFORMED_RESPONSE, answer.status(), message, null);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
