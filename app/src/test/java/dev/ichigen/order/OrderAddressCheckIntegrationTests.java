package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * The destination checks (address vs postal code, phone, delivery date, time slot, remote area, block list)
 * against the bundled Japan Post data: each raises its hold with a detail a person can act on, the hold is
 * resolved FIXED when the channel sends the corrected order, and settings change what is held.
 */
@IchigenIntegrationTest
class OrderAddressCheckIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    OrderCheckSettings settings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    long channel;
    Sku sku;
    Api admin;

    static final Address CHIYODA = new Address("100-0001", "東京都", "千代田区", "千代田1-1", null);

    @BeforeEach
    void setUp() {
        OrderFixtures fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        sku = fx.product("ADDR");
        fx.receive(sku, "EAST", 1000);
        admin = Api.admin(port);
    }

    @AfterEach
    void restoreSettings() {
        settings.update(HoldReason.INVALID_PHONE, Map.of("ordererPhoneRequired", "false", "destinationPhoneRequired", "true"));
        settings.update(HoldReason.DELIVERY_DATE, Map.of("leadDays", "2", "maxDaysAhead", "30"));
        settings.update(HoldReason.TIME_SLOT, Map.of("defaultCarrier", "yamato", "slots.yamato", "08-12,14-16,16-18,18-20,19-21"));
        settings.update(HoldReason.REMOTE_AREA, Map.of("enabled", "true", "includeOkinawaMainIsland", "true"));
        settings.update(HoldReason.ADDRESS_MISMATCH, Map.of("enabled", "true"));
    }

    private static List<String> openCodes(Order o) {
        return o.openHolds().stream().map(Hold::code).toList();
    }

    private static Hold open(Order o, String code) {
        return o.openHolds().stream().filter(h -> h.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no open " + code + " hold in " + o.openHolds()));
    }

    private NewOrder.Builder to(String number, String phone, Address address) {
        return order(channel, number, sku, 1).destination(new NewDestination("1", "佐藤 花子", null, phone, null, address));
    }

    /** Sends the corrected order as the channel would and expects the hold {@code code} to be FIXED. */
    private Order correctedAndFixed(NewOrder corrected, String code) {
        IntakeResult r = intake.accept(corrected);
        assertThat(r.outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        Order o = orders.get(r.orderId());
        assertThat(openCodes(o)).doesNotContain(code);
        assertThat(o.holds()).filteredOn(h -> h.code().equals(code)).isNotEmpty()
                .allSatisfy(h -> assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED));
        assertThat(orders.history(o.id())).anySatisfy(h -> {
            assertThat(h.kind()).isEqualTo("HOLD_FIXED");
        });
        return o;
    }

    @Test
    void aCityThatIsNotThePostalCodesIsHeldNamingTheExpectedAreaAndFixedByTheCorrectedAddress() {
        String number = unique("A");
        IntakeResult r = intake.accept(to(number, "090-1111-2222", new Address("100-0001", "東京都", "港区", "千代田1-1", null)).build());

        Order held = orders.get(r.orderId());
        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(openCodes(held)).containsExactly(HoldReason.ADDRESS_MISMATCH);
        assertThat(open(held, HoldReason.ADDRESS_MISMATCH).detail()).contains("送付先 1（佐藤 花子）", "100-0001", "東京都千代田区",
                "港区");

        Order fixed = correctedAndFixed(to(number, "090-1111-2222", CHIYODA).build(), HoldReason.ADDRESS_MISMATCH);
        assertThat(fixed.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
    }

    @Test
    void aPostalCodeThatJapanPostDoesNotKnowIsHeldAsUnknown() {
        String number = unique("A");
        IntakeResult r = intake.accept(to(number, "090-1111-2222", new Address("999-9999", "東京都", "千代田区", "千代田1-1", null)).build());

        Hold hold = open(orders.get(r.orderId()), HoldReason.UNKNOWN_POSTAL_CODE);
        assertThat(hold.detail()).contains("送付先 1", "999-9999", "日本郵便のデータにありません", "千代田区千代田1-1");

        correctedAndFixed(to(number, "090-1111-2222", CHIYODA).build(), HoldReason.UNKNOWN_POSTAL_CODE);
    }

    @Test
    void theOrdererAddressIsCheckedOnlyWhenTheSettingSaysSo() {
        NewOrder.Builder o = to(unique("A"), "090-1111-2222", CHIYODA)
                .ordererAddress(new Address("100-0001", "大阪府", "大阪市北区", "梅田1-1", null));
        assertThat(openCodes(orders.get(intake.accept(o.build()).orderId()))).isEmpty();

        settings.update(HoldReason.ADDRESS_MISMATCH, Map.of("checkOrdererAddress", "true"));
        Order held = orders.get(intake.accept(to(unique("A"), "090-1111-2222", CHIYODA)
                .ordererAddress(new Address("100-0001", "大阪府", "大阪市北区", "梅田1-1", null)).build()).orderId());
        assertThat(open(held, HoldReason.ADDRESS_MISMATCH).detail()).contains("注文者（山田 太郎）", "都道府県", "東京都");
        settings.update(HoldReason.ADDRESS_MISMATCH, Map.of("checkOrdererAddress", "false"));
    }

    @Test
    void aPhoneNumberWithTheWrongNumberOfDigitsIsHeldAndFixedByTheCorrectedNumber() {
        String number = unique("P");
        IntakeResult r = intake.accept(to(number, "090-1234-567", CHIYODA).build());

        Hold hold = open(orders.get(r.orderId()), HoldReason.INVALID_PHONE);
        assertThat(hold.detail()).contains("送付先 1（佐藤 花子）", "桁数", "090-1234-567", "10桁か11桁");

        correctedAndFixed(to(number, "090-1234-5678", CHIYODA).build(), HoldReason.INVALID_PHONE);
    }

    @Test
    void aMissingPhoneIsHeldOnlyWhereTheSettingRequiresOne() {
        // destinations need a phone by default
        Order held = orders.get(intake.accept(to(unique("P"), null, CHIYODA).build()).orderId());
        assertThat(open(held, HoldReason.INVALID_PHONE).detail()).contains("送付先 1（佐藤 花子）: 電話番号がありません");

        // the orderer does not, unless set
        NewOrder noOrdererPhone = to(unique("P"), "03-1234-5678", CHIYODA)
                .customer(new Customer("山田 太郎", null, unique("m") + "@example.jp", null)).build();
        assertThat(openCodes(orders.get(intake.accept(noOrdererPhone).orderId()))).isEmpty();

        settings.update(HoldReason.INVALID_PHONE, Map.of("ordererPhoneRequired", "true", "destinationPhoneRequired", "false"));
        Order o = orders.get(intake.accept(to(unique("P"), null, CHIYODA)
                .customer(new Customer("山田 太郎", null, unique("m") + "@example.jp", null)).build()).orderId());
        assertThat(open(o, HoldReason.INVALID_PHONE).detail()).contains("注文者（山田 太郎）: 電話番号がありません")
                .doesNotContain("送付先");
    }

    @Test
    void aDeliveryDateInThePastTooEarlyOrTooFarAheadIsHeldWithTheDatesThatCanBeChosen() {
        // ordered 2025-06-01 10:00 JST (fixture): earliest 06-03, latest 07-01
        String past = unique("D");
        Order o = orders.get(intake.accept(dated(past, LocalDate.of(2025, 5, 30)).build()).orderId());
        assertThat(open(o, HoldReason.DELIVERY_DATE).detail()).contains("2025-05-30", "受注日 2025-06-01", "より前");

        Order early = orders.get(intake.accept(dated(unique("D"), LocalDate.of(2025, 6, 2)).build()).orderId());
        assertThat(open(early, HoldReason.DELIVERY_DATE).detail()).contains("2025-06-02", "間に合いません", "最短 2025-06-03");

        Order late = orders.get(intake.accept(dated(unique("D"), LocalDate.of(2025, 7, 15)).build()).orderId());
        assertThat(open(late, HoldReason.DELIVERY_DATE).detail()).contains("2025-07-15", "2025-06-03", "2025-07-01");

        assertThat(openCodes(orders.get(intake.accept(dated(unique("D"), LocalDate.of(2025, 6, 3)).build()).orderId()))).isEmpty();
        correctedAndFixed(dated(past, LocalDate.of(2025, 6, 5)).build(), HoldReason.DELIVERY_DATE);

        settings.update(HoldReason.DELIVERY_DATE, Map.of("leadDays", "1", "maxDaysAhead", "60"));
        assertThat(openCodes(orders.get(intake.accept(dated(unique("D"), LocalDate.of(2025, 6, 2)).build()).orderId()))).isEmpty();
        assertThat(openCodes(orders.get(intake.accept(dated(unique("D"), LocalDate.of(2025, 7, 15)).build()).orderId()))).isEmpty();
    }

    private NewOrder.Builder dated(String number, LocalDate date) {
        return order(channel, number, sku, 1).delivery(new DeliveryRequest(date, null, null, false, null));
    }

    private NewOrder.Builder slot(String number, String slotText, String carrier) {
        return order(channel, number, sku, 1).delivery(new DeliveryRequest(null, slotText, slotText, false, null))
                .shippingPlan(new ShippingPlan(null, carrier, null));
    }

    @Test
    void aTimeSlotTheCarrierDoesNotOfferIsHeldListingItsSlotsAndFixedByAnotherSlot() {
        String number = unique("T");
        // ヤマト abolished 12〜14時 (B2 code 1214)
        Order o = orders.get(intake.accept(slot(number, "12時～14時", null).build()).orderId());
        Hold hold = open(o, HoldReason.TIME_SLOT);
        assertThat(hold.detail()).contains("12-14", "yamato", "08-12、14-16、16-18、18-20、19-21");

        correctedAndFixed(slot(number, "14時～16時", null).build(), HoldReason.TIME_SLOT);

        // 佐川 offers 12-14: by the shipping plan, or by the default carrier setting
        assertThat(openCodes(orders.get(intake.accept(slot(unique("T"), "12-14", "sagawa").build()).orderId()))).isEmpty();
        assertThat(open(orders.get(intake.accept(slot(unique("T"), "20-21", "japanpost").build()).orderId()), HoldReason.TIME_SLOT)
                .detail()).contains("20-21", "japanpost");
        settings.update(HoldReason.TIME_SLOT, Map.of("defaultCarrier", "sagawa"));
        assertThat(openCodes(orders.get(intake.accept(slot(unique("T"), "12-14", null).build()).orderId()))).isEmpty();
        settings.update(HoldReason.TIME_SLOT, Map.of("defaultCarrier", "yamato", "slots.yamato", "08-12,12-14"));
        assertThat(openCodes(orders.get(intake.accept(slot(unique("T"), "12-14", null).build()).orderId()))).isEmpty();
    }

    @Test
    void aTimeSlotThatCannotBeReadIsHeldWithTheChannelsText() {
        Order o = orders.get(intake.accept(order(channel, unique("T"), sku, 1)
                .delivery(new DeliveryRequest(null, null, "夕方ごろ", false, null)).build()).orderId());
        assertThat(open(o, HoldReason.TIME_SLOT).detail()).contains("夕方ごろ", "読み取れません");
    }

    @Test
    void aRemoteIslandIsHeldNamingTheIslandAndOkinawaDependsOnTheSetting() {
        String number = unique("R");
        Order island = orders.get(intake.accept(to(number, "04992-2-1111", new Address("100-0101", "東京都", "大島町", "元町1-1", null))
                .build()).orderId());
        assertThat(openCodes(island)).containsExactly(HoldReason.REMOTE_AREA);
        assertThat(open(island, HoldReason.REMOTE_AREA).detail()).contains("送付先 1（佐藤 花子）", "伊豆大島", "東京都大島町");

        Address naha = new Address("900-0001", "沖縄県", "那覇市", "港町1-1", null);
        Order okinawa = orders.get(intake.accept(to(unique("R"), "098-861-1111", naha).build()).orderId());
        assertThat(openCodes(okinawa)).containsExactly(HoldReason.REMOTE_AREA);
        assertThat(open(okinawa, HoldReason.REMOTE_AREA).detail()).contains("沖縄県", "那覇市");

        settings.update(HoldReason.REMOTE_AREA, Map.of("includeOkinawaMainIsland", "false"));
        assertThat(openCodes(orders.get(intake.accept(to(unique("R"), "098-861-1111", naha).build()).orderId()))).isEmpty();

        // the customer moves the parcel to the mainland
        correctedAndFixed(to(number, "04992-2-1111", CHIYODA).build(), HoldReason.REMOTE_AREA);

        settings.update(HoldReason.REMOTE_AREA, Map.of("enabled", "false"));
        assertThat(openCodes(orders.get(intake.accept(to(unique("R"), "04992-2-1111",
                new Address("100-0101", "東京都", "大島町", "元町1-1", null)).build()).orderId()))).isEmpty();
    }

    @Test
    void ordersMatchingTheBlockListAreHeldWhateverTheSpellingAndFixedWhenTheyNoLongerMatch() {
        String digits = String.valueOf(100_0000 + (System.nanoTime() % 900_0000));
        String phone = "080-" + digits.substring(0, 3) + "1-" + digits.substring(3, 7);
        String fullWidth = toFullWidth(phone.replace("-", "")).replaceFirst("(.{3})(.{4})", "$1－$2－");
        long phoneEntry = add("PHONE", fullWidth, "受取拒否2回");
        String email = unique("Bad").toUpperCase() + "@Example.JP";
        long emailEntry = add("EMAIL", email, null);
        String street = "千代田" + (System.nanoTime() % 9000 + 1000) + "番";
        long addressEntry = add("ADDRESS", "東京都 千代田区 " + street, "転送業者");
        try {
            // destination phone, written half-width with other hyphens
            String number = unique("B");
            Order byPhone = orders.get(intake.accept(to(number, phone.replace("-", " "), CHIYODA).build()).orderId());
            assertThat(open(byPhone, HoldReason.BLOCKLIST).detail()).contains("送付先 1（佐藤 花子）", "電話番号", "受取拒否2回",
                    "項目 " + phoneEntry);

            // e-mail in another case
            Order byEmail = orders.get(intake.accept(order(channel, unique("B"), sku, 1)
                    .customer(new Customer("田中 一郎", null, email.toLowerCase(), "090-3333-4444")).build()).orderId());
            assertThat(open(byEmail, HoldReason.BLOCKLIST).detail()).contains("注文者（田中 一郎）", "メールアドレス");

            // address in full-width digits with the building appended
            Address spelled = new Address("100-0001", "東京都", "千代田区", "千代田" + toFullWidth(street.replaceAll("\\D", "")) + "番",
                    "ハイツ101");
            Order byAddress = orders.get(intake.accept(to(unique("B"), "090-5555-6666", spelled).build()).orderId());
            assertThat(open(byAddress, HoldReason.BLOCKLIST).detail()).contains("住所", "転送業者");

            // two entries by two keys of two parties (the keys are looked up together): both are named
            Order byBoth = orders.get(intake.accept(to(unique("B"), phone, CHIYODA)
                    .customer(new Customer("田中 一郎", null, email, "090-3333-4444")).build()).orderId());
            assertThat(byBoth.holds()).filteredOn(h -> h.code().equals(HoldReason.BLOCKLIST)).singleElement()
                    .satisfies(h -> assertThat(h.detail()).contains("項目 " + phoneEntry, "項目 " + emailEntry, "送付先 1（佐藤 花子）",
                            "注文者（田中 一郎）"));

            correctedAndFixed(to(number, "090-1234-5678", CHIYODA).build(), HoldReason.BLOCKLIST);
        } finally {
            for (long id : new long[] { phoneEntry, emailEntry, addressEntry }) {
                admin.delete("/api/v1/order-blocklist/" + id);
            }
        }
    }

    @Test
    void theBlockListIsMaintainedOverRestByOperatorsAndAudited() {
        Api.Response r = admin.post("/api/v1/order-blocklist", Map.of("kind", "NAME_PHONE", "value", "鈴木　一郎 / 090-7777-8888"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        String name = unique("要注意");
        Order held = orders.get(intake.accept(to(unique("B"), "09077778888", CHIYODA).build()).orderId());
        assertThat(openCodes(held)).doesNotContain(HoldReason.BLOCKLIST); // another name with that phone
        Order match = orders.get(intake.accept(order(channel, unique("B"), sku, 1)
                .destination(new NewDestination("1", "鈴木 一郎", null, "090(7777)8888", null, CHIYODA)).build()).orderId());
        assertThat(open(match, HoldReason.BLOCKLIST).detail()).contains("氏名＋電話番号");

        Api.Response changed = admin.put("/api/v1/order-blocklist/" + id, Map.of("kind", "NAME_PHONE", "value", name + " / 090-7777-8888",
                "note", "なりすまし"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("note").asString()).isEqualTo("なりすまし");
        assertThat(admin.get("/api/v1/order-blocklist").text()).contains(name);

        Api.Response bad = admin.post("/api/v1/order-blocklist", Map.of("kind", "FAX", "value", "03-1234-5678"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("kind");
        Api.Response noSlash = admin.post("/api/v1/order-blocklist", Map.of("kind", "NAME_PHONE", "value", "鈴木 一郎"));
        assertThat(noSlash.status()).isEqualTo(422);
        assertThat(noSlash.text()).contains("value");

        Api.Response token = admin.post("/api/v1/tokens", Map.of("name", unique("t-wh"), "role", "WAREHOUSE"));
        Api warehouse = admin.withToken(token.json().get("secret").asString());
        assertThat(warehouse.get("/api/v1/order-blocklist").status()).isEqualTo(403);
        Api.Response op = admin.post("/api/v1/tokens", Map.of("name", unique("t-op"), "role", "OPERATOR"));
        Api operator = admin.withToken(op.json().get("secret").asString());
        assertThat(operator.get("/api/v1/order-blocklist/" + id).status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/order-blocklist/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/order-blocklist/" + id).status()).isEqualTo(404);
        assertThat(audit.search("order_blocklist", String.valueOf(id), null, 0, 10).items())
                .extracting(e -> e.action()).contains("order.blocklist.add", "order.blocklist.update", "order.blocklist.remove");
    }

    private long add(String kind, String value, String note) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "value", value));
        if (note != null) {
            body.put("note", note);
        }
        Api.Response r = admin.post("/api/v1/order-blocklist", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String toFullWidth(String digits) {
        StringBuilder b = new StringBuilder();
        digits.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : (char) c));
        return b.toString();
    }

    @Test
    void theNewChecksHaveSettingsListedWithTheirDefaults() {
        assertThat(settings.get(HoldReason.DELIVERY_DATE).settings()).extracting(OrderCheckSettings.Value::key, OrderCheckSettings.Value::defaultValue)
                .contains(org.assertj.core.groups.Tuple.tuple("leadDays", "2"), org.assertj.core.groups.Tuple.tuple("maxDaysAhead", "30"));
        assertThat(settings.get(HoldReason.TIME_SLOT).settings()).extracting(OrderCheckSettings.Value::key)
                .contains("defaultCarrier", "slots.yamato", "slots.sagawa", "slots.japanpost");
        assertThat(settings.list()).extracting(OrderCheckSettings.CheckSettings::check).contains(HoldReason.ADDRESS_MISMATCH,
                HoldReason.INVALID_PHONE, HoldReason.DELIVERY_DATE, HoldReason.TIME_SLOT, HoldReason.REMOTE_AREA, HoldReason.BLOCKLIST);
    }
}
