package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ichigen.channel.sandbox.SandboxHttp.Answer;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.Pick;

class YahooSandboxTests {

    YahooSandbox yahoo;
    String api;
    Map<String, String> auth;

    @BeforeEach
    void start() {
        // seller "yshop" as in the reference requests
        yahoo = new YahooSandbox("127.0.0.1", 0, Clock.systemUTC(), 3, "yshop", "client-id", "client-secret", "refresh-1");
        yahoo.start();
        api = yahoo.baseUrl() + "/ShoppingWebService/V1/";
        auth = Map.of("Authorization", "Bearer " + token());
        yahoo.seed(List.of(SandboxListing.of("towel-2p", "", "国産タオル 2枚組", 2200, 0),
                new SandboxListing("coffee-10", "black", "ドリップコーヒー 10袋", 1040, 8, 1, false, 0, 0, 0, null),
                new SandboxListing("coffee-10", "white", "ドリップコーヒー 10袋", 1040, 8, 5, false, 0, 0, 0, null),
                SandboxListing.of("yunomi", "", "有田焼 湯呑み", 3300, 50)));
    }

    @AfterEach
    void stop() {
        yahoo.stop();
    }

    private String token() {
        Answer a = SandboxHttp.postForm(yahoo.baseUrl() + "/yconnect/v2/token", Map.of(),
                "grant_type=refresh_token&refresh_token=refresh-1&client_id=client-id&client_secret=client-secret");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("expires_in").asInt()).isEqualTo(3600);
        return a.json().get("access_token").asString();
    }

    @Test
    void refusesMissingAndExpiredTokensAsYahooDoesAndRefusesAWrongRefreshToken() {
        Answer none = SandboxHttp.postForm(api + "setStock", Map.of(), "seller_id=yshop&item_code=yunomi&quantity=1");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(none.text()).contains("<Error><Message>Please provide valid credentials.");
        yahoo.expireAccessTokens();
        Answer expired = SandboxHttp.postForm(api + "setStock", auth, "seller_id=yshop&item_code=yunomi&quantity=1");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).contains("error_description=\"expired token\"");
        Answer grant = SandboxHttp.postForm(yahoo.baseUrl() + "/yconnect/v2/token", Map.of(),
                "grant_type=refresh_token&refresh_token=stale&client_id=client-id&client_secret=client-secret");
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void setStockAppliesTheReferenceRequestAsDecoded() {
        String http = SandboxHttp.referenceText("yahoo/setStock-request-example.http");
        String body = http.substring(http.lastIndexOf('\n', http.strip().length() - 1) + 1).strip();
        Answer a = SandboxHttp.postForm(api + "setStock", auth, body);
        assertThat(a.status()).isEqualTo(200);
        // setStock-decoded-example.json: towel-2p SET 10, coffee-10:black ADD 5, coffee-10:white SUBTRACT 2
        assertThat(yahoo.stock("towel-2p", "")).contains(10);
        assertThat(yahoo.stock("coffee-10", "black")).contains(6);
        assertThat(yahoo.stock("coffee-10", "white")).contains(3);
        assertThat(a.text()).contains("<ItemCode>coffee-10</ItemCode><SubCode>black</SubCode><Quantity>6</Quantity>");

        Answer raw = SandboxHttp.postForm(api + "setStock", auth, "seller_id=yshop&item_code=yunomi&quantity=+5");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(yahoo.stock("yunomi", "")).contains(5); // a raw '+' is a space: the value SETS, it does not add

        assertThat(SandboxHttp.postForm(api + "setStock", auth, "seller_id=yshop&item_code=yunomi&quantity=INI").text())
                .contains("st-02104");
        assertThat(SandboxHttp.postForm(api + "setStock", auth, "seller_id=yshop&item_code=not-listed&quantity=3").status())
                .isEqualTo(200); // unknown item codes are not errors
        assertThat(SandboxHttp.postForm(api + "setStock", auth, "seller_id=other&item_code=yunomi&quantity=3").status())
                .isEqualTo(400);
    }

    @Test
    void setStockAndGetStockTakeAtMostOneThousandCodes() {
        List<String> codes = new ArrayList<>(), values = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            codes.add("item-" + i);
            values.add("1");
        }
        String tooMany = "seller_id=yshop&item_code=" + String.join("%2C", codes) + "&quantity=" + String.join("%2C", values);
        assertThat(SandboxHttp.postForm(api + "setStock", auth, tooMany).status()).isEqualTo(400);
        String thousand = "seller_id=yshop&item_code=" + String.join("%2C", codes.subList(0, 1000)) + "&quantity="
                + String.join("%2C", values.subList(0, 1000));
        assertThat(SandboxHttp.postForm(api + "setStock", auth, thousand).status()).isEqualTo(200);
        Answer read = SandboxHttp.postForm(api + "getStock", auth, "seller_id=yshop&item_code=coffee-10:white,yunomi,nope");
        assertThat(read.text()).contains("totalResultsReturned=\"2\"").contains("<Quantity>50</Quantity>");
        assertThat(SandboxHttp.postForm(api + "getStock", auth, "seller_id=yshop&item_code=" + String.join(",", codes))
                .status()).isEqualTo(400);
    }

    @Test
    void generatedOrdersAppearInOrderListAndOrderInfoWithTheRequestedFields() {
        yahoo.generateOrders(4);
        SandboxOrder first = yahoo.orders().get(0);
        Answer list = SandboxHttp.postXml(api + "orderList", auth, "<Req><Search><Result>10</Result><Condition>"
                + "<OrderTimeFrom>20200101000000</OrderTimeFrom></Condition><Field>OrderId,OrderTime,OrderStatus,ShipStatus,"
                + "ItemId,Quantity</Field></Search><SellerId>yshop</SellerId></Req>");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).startsWith("<?xml").contains("<Status>OK</Status>").contains("<TotalCount>4</TotalCount>")
                .contains("<OrderId>" + first.id() + "</OrderId>").contains("<Index>1</Index>").contains("<Item><ItemId>");
        assertThat(SandboxHttp.postXml(api + "orderList", auth, "<Req><Search><Field>OrderId</Field></Search>"
                + "<SellerId>yshop</SellerId></Req>").status()).isEqualTo(400); // OrderId or a date is required

        String request = SandboxHttp.referenceText("yahoo/orderInfo-request.xml").replace("yshop-10000001", first.id());
        Answer info = SandboxHttp.postXml(api + "orderInfo", auth, request);
        assertThat(info.status()).isEqualTo(200);
        String xml = info.text();
        String fields = request.substring(request.indexOf("<Field>") + 7, request.indexOf("</Field>"));
        for (String f : fields.split(",")) {
            assertThat(xml).as("orderInfo answers the requested field %s", f).contains("<" + f.strip() + ">");
        }
        assertThat(xml).contains("<ItemTaxRatio>" + first.lines().get(0).taxRatePercent() + "</ItemTaxRatio>")
                .contains("<ShipZipCode>" + first.recipient().postalCode().replace("-", "") + "</ShipZipCode>")
                .contains("<Pay>").contains("<Ship>").contains("<Detail>").doesNotContain("<BuyerComments>");
    }

    @Test
    void shipStatusChangeMarksTheOrderShippedAndCancellingPutsTheStockBack() {
        SandboxOrder order = yahoo.placeOrder(List.of(new Pick("yunomi", 2)));
        assertThat(order.id()).isEqualTo("yshop-10000001"); // the reference requests' order id
        String ship = SandboxHttp.referenceText("yahoo/orderShipStatusChange-request.xml");
        assertThat(order.extra().get("ShipStatus")).isEqualTo("1"); // seed 3: paid by card, 出荷可
        Answer a = SandboxHttp.postXml(api + "orderShipStatusChange", auth, ship);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).contains("<Status>OK</Status>");
        String info = SandboxHttp.postXml(api + "orderInfo", auth, "<Req><Target><OrderId>" + order.id() + "</OrderId><Field>"
                + "ShipStatus,ShipInvoiceNumber1,ShipCompanyCode,ShipDate</Field></Target><SellerId>yshop</SellerId></Req>").text();
        assertThat(info).contains("<ShipStatus>3</ShipStatus>").contains("<ShipInvoiceNumber1>444413758703</ShipInvoiceNumber1>")
                .contains("<ShipDate>2024-06-03</ShipDate>");

        SandboxOrder other = yahoo.placeOrder(List.of(new Pick("yunomi", 3)));
        assertThat(yahoo.stock("yunomi", "")).contains(45);
        Answer cancel = SandboxHttp.postXml(api + "orderStatusChange", auth, "<Req><Target><OrderId>" + other.id()
                + "</OrderId><IsPointFix>true</IsPointFix></Target><Order><OrderStatus>4</OrderStatus><CancelReason>100"
                + "</CancelReason></Order><SellerId>yshop</SellerId></Req>");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(yahoo.stock("yunomi", "")).contains(48);
        assertThat(other.status()).isEqualTo("4");
    }

    @Test
    void ordersPaidByBankTransferCannotBeMarkedShippedBeforePayment() {
        SandboxOrder unpaid = null;
        for (int i = 0; i < 40 && unpaid == null; i++) {
            SandboxOrder o = yahoo.placeOrder(List.of(new Pick("yunomi", 1)));
            unpaid = "0".equals(o.extra().get("ShipStatus")) ? o : null;
        }
        assertThat(unpaid).isNotNull();
        String ship = SandboxHttp.referenceText("yahoo/orderShipStatusChange-request.xml").replace("yshop-10000001", unpaid.id());
        Answer refused = SandboxHttp.postXml(api + "orderShipStatusChange", auth, ship);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Error>");
        assertThat(unpaid.shippedAt()).isNull();
    }
}
