package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static dev.ichigen.order.RuleCondition.all;
import static dev.ichigen.order.RuleCondition.leaf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * 受注処理ルール against the whole app: every action, holds reconciled like checks, versions, stop flag, dry run
 * (writes nothing), re-apply, the REST API. Every rule is limited to this test's own channel (the database is
 * shared with other test classes) and deleted afterwards.
 */
@IchigenIntegrationTest
class OrderRuleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    OrderRules rules;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.ichigen.platform.BusinessCalendar calendar;

    @Autowired
    ShipmentGrouping grouping;

    long channel;
    Sku sku;
    final List<Long> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        OrderFixtures fx = new OrderFixtures(jdbc, warehouses, inventory);
        channel = fx.channel();
        sku = fx.product("RULE");
        fx.receive(sku, "EAST", 1000);
    }

    @AfterEach
    void deleteRules() {
        created.forEach(rules::delete);
    }

    private OrderRule rule(String name, boolean stop, RuleCondition condition, RuleAction... actions) {
        OrderRule r = rules.create(new RuleDraft(unique(name), true, stop,
                all(leaf("channel", "in", String.valueOf(channel)), condition), List.of(actions)));
        created.add(r.id());
        return r;
    }

    private NewOrder.Builder newOrder(String number, long quantity) {
        return order(channel, number, sku, quantity).orderedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private Order take(NewOrder o) {
        return orders.get(intake.accept(o).orderId());
    }

    private static List<Hold> ruleHolds(Order o) {
        return o.holds().stream().filter(h -> h.source() == HoldSource.RULE).toList();
    }

    private List<OrderHistoryEntry> ruleHistory(long orderId) {
        return orders.history(orderId).stream().filter(e -> e.kind().equals("RULE")).toList();
    }

    @Test
    void holdActionHoldsWithTheRuleBehindItAndIsFixedWhenTheOrderNoLongerMatches() {
        OrderRule r = rule("bulk", false, leaf("totalQuantity", ">=", "3"), RuleAction.hold("BULK_ORDER", "まとめ買いの確認"));
        String number = unique("R");
        Order held = take(newOrder(number, 3).build());

        assertThat(held.status()).isEqualTo(OrderStatus.ON_HOLD);
        Hold hold = ruleHolds(held).getFirst();
        assertThat(hold.code()).isEqualTo("BULK_ORDER");
        assertThat(hold.sourceRef()).isEqualTo("rule:" + r.id() + "@1");
        assertThat(hold.detail()).contains(r.name()).contains("まとめ買いの確認");
        assertThat(rules.holdRules(held)).containsEntry(hold.id(), new OrderRules.RuleRef(r.id(), r.name(), 1));
        assertThat(rules.applied(held.id())).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo(r.id());
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.actions()).contains("保留 BULK_ORDER");
        });

        Order updated = take(newOrder(number, 1).build()); // the channel lowers the quantity
        assertThat(updated.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(ruleHolds(updated)).singleElement().satisfies(h -> assertThat(h.resolution()).isEqualTo(HoldResolution.FIXED));
        assertThat(orders.history(held.id())).extracting(OrderHistoryEntry::kind).contains("HOLD_RAISED", "HOLD_FIXED");
    }

    @Test
    void aRuleHoldAPersonReleasedComesBackOnlyWhenTheValuesTheRuleLooksAtChange() {
        rule("big", false, leaf("totalQuantity", ">=", "3"), RuleAction.hold(null, "数量確認"));
        String number = unique("R");
        Order held = take(newOrder(number, 3).build());
        Hold hold = ruleHolds(held).getFirst();
        assertThat(hold.code()).isEqualTo("RULE_HOLD");

        Order released = orders.releaseHold(held.id(), hold.id(), "電話で確認済み");
        assertThat(released.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        assertThat(orders.recheck(held.id()).openHolds()).isEmpty();
        NewOrder renamed = newOrder(number, 3).orderName("#renamed").build(); // a change the rule does not look at
        assertThat(take(renamed).openHolds()).isEmpty();

        Order more = take(newOrder(number, 4).orderName("#renamed").build());
        assertThat(more.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(ruleHolds(more)).hasSize(2).last().satisfies(h -> assertThat(h.open()).isTrue());
    }

    @Test
    void releaseActionReleasesCheckHoldsAsTheRuleButNotAPersonsHold() {
        OrderRule r = rule("remarks ok", false, leaf("remarks", "contains", "置き配"),
                RuleAction.release("REMARKS_PRESENT,MANUAL"));
        Order o = take(newOrder(unique("R"), 1).remarks("置き配でお願いします").build());

        assertThat(o.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Hold remarks = o.holds().stream().filter(h -> h.code().equals(HoldReason.REMARKS_PRESENT)).findFirst().orElseThrow();
        assertThat(remarks.resolution()).isEqualTo(HoldResolution.RELEASED);
        assertThat(remarks.resolvedBy()).contains(r.name());
        assertThat(remarks.note()).contains("#" + r.id());
        assertThat(orders.history(o.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("HOLD_RELEASED");
            assertThat(e.note()).contains(r.name());
        });

        orders.placeHold(o.id(), "MANUAL", "担当者が確認中");
        Order rechecked = orders.recheck(o.id());
        assertThat(rechecked.openHolds()).extracting(Hold::code).containsExactly("MANUAL");
        assertThat(rechecked.holds().stream().filter(h -> h.code().equals(HoldReason.REMARKS_PRESENT)))
                .singleElement().satisfies(h -> assertThat(h.open()).isFalse()); // released, same remarks: not raised again
    }

    @Test
    void carrierPlannedShipDateTagFlyerAndDeliveryDateAreSetRecordedAndSurviveChannelUpdates() {
        OrderRule first = rule("okinawa", false, leaf("prefecture", "in", "沖縄"), RuleAction.carrier("yamato", "takkyubin"),
                RuleAction.plannedShipDate(2), RuleAction.tag("OKINAWA"), RuleAction.deliveryDate(null, 5));
        // a later rule sees the tag the first one added
        OrderRule second = rule("okinawa flyer", false, leaf("tags", "has", "OKINAWA"), RuleAction.flyer("沖縄のご案内"));
        String number = unique("R");
        NewOrder n = newOrder(number, 1).ordererAddress(new Address("900-0001", "沖縄県", "那覇市", "港町1-1", null)).build();
        Order o = take(n);

        LocalDate orderDate = n.orderedAt().atZone(RuleSubject.TOKYO).toLocalDate();
        // 出荷予定日 counts business days of the shop's calendar (weekends and holidays skipped by default)
        assertThat(o.shippingPlan()).isEqualTo(new ShippingPlan(calendar.addBusinessDays(orderDate, 2), "yamato", "takkyubin"));
        assertThat(calendar.isBusinessDay(o.shippingPlan().plannedShipDate())).isTrue();
        assertThat(o.tags()).contains("OKINAWA");
        assertThat(o.insertFlyers()).containsExactly("沖縄のご案内");
        assertThat(o.delivery().date()).isEqualTo(orderDate.plusDays(5));
        assertThat(ruleHistory(o.id())).extracting(OrderHistoryEntry::field).containsExactly("shippingPlan.carrier",
                "shippingPlan.plannedShipDate", "tags", "delivery.date", "insertFlyers");
        assertThat(ruleHistory(o.id()).getFirst().after()).isEqualTo("yamato/takkyubin");
        assertThat(ruleHistory(o.id()).getFirst().note()).contains(first.name()).contains("v1");
        assertThat(rules.applied(o.id())).extracting(AppliedRule::ruleId).containsExactly(first.id(), second.id());

        assertThat(intake.accept(n).outcome()).isEqualTo(IntakeResult.Outcome.UNCHANGED);
        Order again = orders.get(o.id());
        assertThat(again.shippingPlan()).isEqualTo(o.shippingPlan());
        assertThat(again.delivery().date()).isEqualTo(o.delivery().date());

        NewOrder changed = newOrder(number, 2).orderedAt(n.orderedAt())
                .ordererAddress(new Address("900-0001", "沖縄県", "那覇市", "港町1-1", null)).build();
        assertThat(intake.accept(changed).outcome()).isEqualTo(IntakeResult.Outcome.UPDATED);
        Order updated = orders.get(o.id());
        assertThat(updated.shippingPlan()).isEqualTo(o.shippingPlan());
        assertThat(updated.tags()).contains("OKINAWA");
        assertThat(updated.insertFlyers()).containsExactly("沖縄のご案内");
        assertThat(updated.delivery().date()).isEqualTo(orderDate.plusDays(5)); // the channel's (none) is replaced again
        // nothing that already was so is written twice
        assertThat(ruleHistory(o.id())).extracting(OrderHistoryEntry::field).containsExactly("shippingPlan.carrier",
                "shippingPlan.plannedShipDate", "tags", "delivery.date", "insertFlyers", "delivery.date");
    }

    @Test
    void splitsTheOrderByTemperatureZoneAndTheDryRunSaysSoWithoutWriting() {
        String frozen = OrderFixtures.unique("ICE").toUpperCase(java.util.Locale.ROOT);
        jdbc.sql("""
                insert into product (sku, kind, name, price_yen, tax_rate, price_includes_tax, temperature_zone,
                    lot_managed, status, version, created_at, updated_at)
                values (:sku, 'SIMPLE', '冷凍品', 1000, 'REDUCED_8', true, 'FROZEN', false, 'ACTIVE', 0, :now, :now)""")
                .param("sku", frozen).param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).update();
        inventory.receive(Sku.of(frozen), "EAST", 10, dev.ichigen.inventory.StockReference.NONE, null);
        NewOrder n = newOrder(unique("R"), 1)
                .line(NewOrderLine.ofSku(Sku.of(frozen), "冷凍品", 1, 1000, dev.ichigen.shared.TaxRate.REDUCED_8)).build();
        RuleDraft draft = new RuleDraft(unique("cool split"), true, false,
                all(leaf("channel", "in", String.valueOf(channel)), leaf("sku", "equals", frozen)),
                List.of(RuleAction.splitByTemperatureZone()));

        Order before = take(n);
        assertThat(grouping.shipmentParts(before.id())).containsEntry(1, 1).containsEntry(2, 1);
        RuleDryRun dry = rules.dryRun(draft, 50);
        assertThat(dry.rows()).filteredOn(r -> r.orderId() == before.id()).singleElement()
                .satisfies(r -> assertThat(r.actions()).containsExactly("温度帯で分割"));
        assertThat(grouping.shipmentParts(before.id())).containsEntry(2, 1); // the dry run wrote nothing

        OrderRule rule = rules.create(draft);
        created.add(rule.id());
        Order split = take(newOrder(unique("R"), 2)
                .line(NewOrderLine.ofSku(Sku.of(frozen), "冷凍品", 1, 1000, dev.ichigen.shared.TaxRate.REDUCED_8)).build());
        assertThat(grouping.shipmentParts(split.id())).containsEntry(1, 1).containsEntry(2, 2);
        assertThat(ruleHistory(split.id())).extracting(OrderHistoryEntry::field).containsExactly("shipmentParts");
        assertThat(rules.applied(split.id())).extracting(AppliedRule::ruleId).containsExactly(rule.id());
    }

    @Test
    void deliveryDateCanBeSetToADateOrCleared() {
        rule("fixed date", true, leaf("sku", "equals", sku.value()), RuleAction.deliveryDate("2030-12-24", null));
        Order fixed = take(newOrder(unique("R"), 1).build());
        assertThat(fixed.delivery().date()).isEqualTo(LocalDate.of(2030, 12, 24));
        deleteRules();
        created.clear();

        rule("clear", false, leaf("deliveryDate", "present", null), RuleAction.clearDeliveryDate());
        Order cleared = take(newOrder(unique("R"), 1)
                .delivery(new DeliveryRequest(LocalDate.now().plusDays(5), null, null, false, null)).build());
        assertThat(cleared.delivery().date()).isNull();
        assertThat(ruleHistory(cleared.id())).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("delivery.date");
            assertThat(e.after()).isNull();
        });
    }

    @Test
    void aMatchingRuleWithStopAfterMatchEndsTheEvaluation() {
        OrderRule stop = rule("stop", true, leaf("sku", "startsWith", "RULE"), RuleAction.tag("FIRST"));
        OrderRule never = rule("after", false, leaf("sku", "startsWith", "RULE"), RuleAction.tag("SECOND"));
        Order o = take(newOrder(unique("R"), 1).build());
        assertThat(o.tags()).contains("FIRST").doesNotContain("SECOND");
        assertThat(rules.applied(o.id())).extracting(AppliedRule::ruleId).containsExactly(stop.id());

        rules.reorder(List.of(never.id(), stop.id()));
        Order other = take(newOrder(unique("R"), 1).build());
        assertThat(other.tags()).contains("FIRST", "SECOND");
    }

    @Test
    void previousOrdersOfTheSameCustomerAreCounted() {
        rule("repeat", false, leaf("previousOrders", ">=", "1"), RuleAction.tag("REPEAT"));
        Customer customer = new Customer("佐藤 一郎", null, unique("repeat") + "@example.jp", null);
        Order first = take(newOrder(unique("R"), 1).customer(customer).build());
        Order second = take(newOrder(unique("R"), 1).customer(customer)
                .orderedAt(first.orderedAt().plusSeconds(60)).build());
        assertThat(first.tags()).doesNotContain("REPEAT");
        assertThat(second.tags()).contains("REPEAT");
    }

    @Test
    void savingMakesANewVersionAndHoldsNameTheVersionThatConfirmedThem() {
        OrderRule v1 = rule("versioned", false, leaf("totalQuantity", ">=", "2"), RuleAction.hold("QTY", "数量"));
        Order held = take(newOrder(unique("R"), 2).build());
        OrderRule v2 = rules.update(v1.id(), new RuleDraft(v1.name() + " v2", null, false, v1.conditions(),
                List.of(RuleAction.hold("QTY", "数量（改）"), RuleAction.tag("QTY2"))));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.enabled()).isTrue();
        assertThat(rules.versions(v1.id())).extracting(OrderRuleVersion::version).containsExactly(2, 1);
        assertThat(rules.versions(v1.id()).get(1).actions()).hasSize(1); // the old version is kept as it was

        Order rechecked = orders.recheck(held.id());
        assertThat(ruleHolds(rechecked)).singleElement().satisfies(h -> {
            assertThat(h.open()).isTrue();
            assertThat(h.sourceRef()).isEqualTo("rule:" + v1.id() + "@2");
            assertThat(h.detail()).contains("数量（改）");
        });
        assertThat(rechecked.tags()).contains("QTY2");
        assertThat(rules.applied(held.id())).extracting(AppliedRule::version).containsExactly(1, 2);

        rules.setEnabled(v1.id(), false);
        assertThat(orders.recheck(held.id()).openHolds()).hasSize(1); // a disabled rule's holds are left alone
    }

    @Test
    void dryRunShowsMatchesAndWritesNothing() {
        Order big = take(newOrder(unique("R"), 5).build());
        Order small = take(newOrder(unique("R"), 1).build());
        Map<String, Long> before = counts(big.id(), small.id());

        RuleDraft draft = new RuleDraft("dry", true, false,
                all(leaf("channel", "in", String.valueOf(channel)), leaf("totalQuantity", ">=", "5")),
                List.of(RuleAction.hold(null, "確認"), RuleAction.tag("BIG"), RuleAction.carrier("sagawa", null)));
        RuleDryRun result = rules.dryRun(draft, 50);

        assertThat(result.examined()).isGreaterThanOrEqualTo(2);
        RuleDryRun.Row bigRow = result.rows().stream().filter(r -> r.orderId() == big.id()).findFirst().orElseThrow();
        RuleDryRun.Row smallRow = result.rows().stream().filter(r -> r.orderId() == small.id()).findFirst().orElseThrow();
        assertThat(bigRow.matched()).isTrue();
        assertThat(bigRow.actions()).containsExactly("保留 RULE_HOLD: 確認", "タグ BIG", "配送方法 sagawa");
        assertThat(smallRow.matched()).isFalse();
        assertThat(smallRow.actions()).isEmpty();
        assertThat(counts(big.id(), small.id())).isEqualTo(before);
        assertThat(orders.get(big.id()).tags()).doesNotContain("BIG");

        assertThatThrownBy(() -> rules.dryRun(draft, 1001)).isInstanceOf(InvalidInputException.class);
    }

    private Map<String, Long> counts(long a, long b) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (String table : List.of("order_hold", "order_history", "order_rule_applied", "order_tag", "order_flyer")) {
            m.put(table, jdbc.sql("select count(*) from " + table + " where order_id in (:a, :b)").param("a", a).param("b", b)
                    .query(Long.class).single());
        }
        m.put("order_rule", jdbc.sql("select count(*) from order_rule").query(Long.class).single());
        return m;
    }

    @Test
    void reapplyRunsTheRulesOverOpenOrders() {
        Order before = take(newOrder(unique("R"), 7).build());
        assertThat(before.status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        rule("later", false, leaf("totalQuantity", "=", "7"), RuleAction.hold(null, "7個"));

        RuleReapplySummary summary = rules.reapply();

        assertThat(summary.examined()).isGreaterThanOrEqualTo(1);
        assertThat(summary.statusChanged()).isGreaterThanOrEqualTo(1);
        assertThat(summary.failed()).isZero();
        Order after = orders.get(before.id());
        assertThat(after.status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(ruleHolds(after)).hasSize(1);
    }

    @Test
    void restApiCreatesValidatesAndShowsTheRuleBehindEachHold() {
        Api admin = Api.admin(port);
        Map<String, Object> body = Map.of("name", unique("api rule"), "conditions", Map.of("match", "ALL", "children",
                List.of(Map.of("field", "channel", "op", "in", "value", String.valueOf(channel)),
                        Map.of("field", "grandTotal", "op", ">=", "value", "abc"))),
                "actions", List.of(Map.of("type", "HOLD", "reason", "高額")));
        Api.Response invalid = admin.post("/api/v1/order-rules", body);
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("conditions.children[1].value");
        Api.Response later = admin.post("/api/v1/order-rules", Map.of("name", "x", "conditions",
                Map.of("field", "channel", "op", "in", "value", "1"), "actions", List.of(Map.of("type", "ADD_FEE"))));
        assertThat(later.status()).isEqualTo(422);
        assertThat(later.json().get("errors").get(0).get("field").asString()).isEqualTo("actions[0].type");

        Map<String, Object> valid = Map.of("name", body.get("name"), "conditions", Map.of("match", "ALL", "children",
                List.of(Map.of("field", "channel", "op", "in", "value", String.valueOf(channel)),
                        Map.of("field", "grandTotal", "op", ">=", "value", "3000"))),
                "actions", List.of(Map.of("type", "HOLD", "reason", "高額")));
        Api.Response createdRule = admin.post("/api/v1/order-rules", valid);
        assertThat(createdRule.status()).as(createdRule.text()).isEqualTo(201);
        long ruleId = createdRule.json().get("id").asLong();
        created.add(ruleId);
        assertThat(admin.put("/api/v1/order-rules/" + ruleId, valid).json().get("version").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/v1/order-rules/" + ruleId + "/versions").json().size()).isEqualTo(2);

        Order o = take(newOrder(unique("R"), 4).remarks("よろしく").build());
        JsonNode json = admin.get("/api/v1/orders/" + o.id()).json();
        List<String> sources = new ArrayList<>();
        json.get("holds").forEach(h -> {
            sources.add(h.get("source").asString());
            if (h.get("source").asString().equals("RULE")) {
                assertThat(h.get("rule").get("id").asLong()).isEqualTo(ruleId);
                assertThat(h.get("rule").get("name").asString()).isEqualTo(body.get("name"));
                assertThat(h.get("rule").get("version").asInt()).isEqualTo(2);
            } else {
                assertThat(h.get("check").asString()).isEqualTo("REMARKS_PRESENT");
            }
        });
        assertThat(sources).containsExactlyInAnyOrder("RULE", "CHECK");
        assertThat(json.get("appliedRules").get(0).get("ruleId").asLong()).isEqualTo(ruleId);

        Api.Response dry = admin.post("/api/v1/order-rules/dry-run", Map.of("ruleId", ruleId, "n", 20));
        assertThat(dry.status()).as(dry.text()).isEqualTo(200);
        assertThat(dry.json().get("matched").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(admin.post("/api/v1/order-rules/dry-run", Map.of("n", 5)).status()).isEqualTo(422);

        assertThat(admin.put("/api/v1/order-rules/" + ruleId + "/enabled", Map.of("enabled", false)).json().get("enabled")
                .asBoolean()).isFalse();
        Api.Response audit = admin.get("/api/v1/audit-log?entityType=order_rule&entityId=" + ruleId);
        assertThat(audit.text()).contains("order.rule.create", "order.rule.update", "order.rule.disable");

        assertThat(admin.get("/v3/api-docs").text()).contains("/api/v1/order-rules/dry-run", "/api/v1/order-rules/reapply");

        Api.Response t = admin.post("/api/v1/tokens", Map.of("name", unique("wh"), "role", "WAREHOUSE"));
        Api warehouse = admin.withToken(t.json().get("secret").asString());
        assertThat(warehouse.get("/api/v1/order-rules").status()).isEqualTo(403);
        assertThat(warehouse.post("/api/v1/order-rules", valid).status()).isEqualTo(403);
    }
}
