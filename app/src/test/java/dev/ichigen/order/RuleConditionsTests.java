package dev.ichigen.order;

import static dev.ichigen.order.RuleCondition.all;
import static dev.ichigen.order.RuleCondition.any;
import static dev.ichigen.order.RuleCondition.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.FieldError;

/** Every condition field and operator, groups, and the validation of rules (JSON paths of the errors). */
class RuleConditionsTests {

    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    static RuleSubject subject() {
        RuleSubject s = new RuleSubject();
        s.orderId = 1;
        s.channelId = 7;
        s.orderedAt = Instant.parse("2025-06-01T01:00:00Z");
        s.skus.addAll(List.of("TEE-RED-M", "MUG-01"));
        s.grandTotal = 54_000;
        s.amountToCollect = 50_000;
        s.prefectures.add("沖縄県");
        s.paymentMethod = PaymentMethod.COD;
        s.remarks = "配達前に電話してください";
        s.deliveryDate = LocalDate.of(2025, 6, 4);
        s.tags.add("VIP");
        s.lineCount = 2;
        s.totalQuantity = 5;
        s.gift = true;
        s.previousOrders(() -> 3);
        return s;
    }

    static boolean m(RuleCondition c) {
        return RuleConditions.matches(c, subject(), TODAY);
    }

    @Test
    void channelInAndNotIn() {
        assertThat(m(leaf("channel", "in", "3, 7"))).isTrue();
        assertThat(m(leaf("channel", "in", "3"))).isFalse();
        assertThat(m(leaf("channel", "notIn", "3"))).isTrue();
        assertThat(m(leaf("channel", "notIn", "7"))).isFalse();
    }

    @Test
    void skuOfAnyLineEqualsIsInOrStartsWith() {
        assertThat(m(leaf("sku", "equals", "mug-01"))).isTrue();
        assertThat(m(leaf("sku", "equals", "MUG-02"))).isFalse();
        assertThat(m(leaf("sku", "in", "X,TEE-RED-M"))).isTrue();
        assertThat(m(leaf("sku", "in", "X,Y"))).isFalse();
        assertThat(m(leaf("sku", "startsWith", "TEE-"))).isTrue();
        assertThat(m(leaf("sku", "startsWith", "CAP-"))).isFalse();
    }

    @Test
    void amountsCompareWithEveryOperator() {
        assertThat(m(leaf("grandTotal", ">", "53999"))).isTrue();
        assertThat(m(leaf("grandTotal", ">", "54000"))).isFalse();
        assertThat(m(leaf("grandTotal", ">=", "54000"))).isTrue();
        assertThat(m(leaf("grandTotal", "<", "54000"))).isFalse();
        assertThat(m(leaf("grandTotal", "<=", "54000"))).isTrue();
        assertThat(m(leaf("grandTotal", "=", "54000"))).isTrue();
        assertThat(m(leaf("amountToCollect", "=", "50000"))).isTrue();
        assertThat(m(leaf("amountToCollect", ">", "50000"))).isFalse();
    }

    @Test
    void countsOfLinesQuantityAndPreviousOrders() {
        assertThat(m(leaf("lineCount", "=", "2"))).isTrue();
        assertThat(m(leaf("lineCount", ">", "2"))).isFalse();
        assertThat(m(leaf("totalQuantity", ">=", "5"))).isTrue();
        assertThat(m(leaf("totalQuantity", "<", "5"))).isFalse();
        assertThat(m(leaf("previousOrders", ">=", "3"))).isTrue();
        assertThat(m(leaf("previousOrders", "=", "0"))).isFalse();
    }

    @Test
    void previousOrdersAreOnlyLookedUpWhenAConditionAsks() {
        RuleSubject s = subject();
        int[] calls = { 0 };
        s.previousOrders(() -> ++calls[0]);
        RuleConditions.matches(leaf("grandTotal", ">", "1"), s, TODAY);
        assertThat(calls[0]).isZero();
        RuleConditions.matches(all(leaf("previousOrders", ">", "0"), leaf("previousOrders", "<", "5")), s, TODAY);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void prefectureOfAnyShipToWithOrWithoutTheSuffix() {
        assertThat(m(leaf("prefecture", "in", "北海道,沖縄"))).isTrue();
        assertThat(m(leaf("prefecture", "in", "沖縄県"))).isTrue();
        assertThat(m(leaf("prefecture", "in", "東京都"))).isFalse();
        assertThat(m(leaf("prefecture", "notIn", "東京"))).isTrue();
        assertThat(m(leaf("prefecture", "notIn", "沖縄"))).isFalse();
    }

    @Test
    void paymentMethodInAndNotIn() {
        assertThat(m(leaf("paymentMethod", "in", "COD,BANK_TRANSFER"))).isTrue();
        assertThat(m(leaf("paymentMethod", "in", "CARD"))).isFalse();
        assertThat(m(leaf("paymentMethod", "notIn", "CARD"))).isTrue();
    }

    @Test
    void remarksContainIgnoringWidthAndCaseOrAreEmpty() {
        assertThat(m(leaf("remarks", "contains", "電話"))).isTrue();
        assertThat(m(leaf("remarks", "contains", "のし"))).isFalse();
        assertThat(m(leaf("remarks", "notEmpty", null))).isTrue();
        assertThat(m(leaf("remarks", "empty", null))).isFalse();
        RuleSubject s = subject();
        s.remarks = "ＡＢＣ";
        assertThat(RuleConditions.matches(leaf("remarks", "contains", "abc"), s, TODAY)).isTrue();
        s.remarks = " ";
        assertThat(RuleConditions.matches(leaf("remarks", "empty", null), s, TODAY)).isTrue();
    }

    @Test
    void deliveryDatePresentAbsentOrWithinDays() {
        assertThat(m(leaf("deliveryDate", "present", null))).isTrue();
        assertThat(m(leaf("deliveryDate", "absent", null))).isFalse();
        assertThat(m(leaf("deliveryDate", "withinDays", "3"))).isTrue(); // 6/4 <= 6/1 + 3
        assertThat(m(leaf("deliveryDate", "withinDays", "2"))).isFalse();
        RuleSubject s = subject();
        s.deliveryDate = null;
        assertThat(RuleConditions.matches(leaf("deliveryDate", "withinDays", "30"), s, TODAY)).isFalse();
        assertThat(RuleConditions.matches(leaf("deliveryDate", "absent", null), s, TODAY)).isTrue();
    }

    @Test
    void tagsHasAndHasNot() {
        assertThat(m(leaf("tags", "has", "VIP"))).isTrue();
        assertThat(m(leaf("tags", "has", "NEW"))).isFalse();
        assertThat(m(leaf("tags", "hasNot", "NEW"))).isTrue();
        assertThat(m(leaf("tags", "hasNot", "VIP"))).isFalse();
    }

    @Test
    void giftPresentOrAbsent() {
        assertThat(m(leaf("gift", "present", null))).isTrue();
        assertThat(m(leaf("gift", "absent", null))).isFalse();
    }

    @Test
    void groupsCombineWithAndOrAndNest() {
        RuleCondition t = leaf("channel", "in", "7");
        RuleCondition f = leaf("channel", "in", "8");
        assertThat(m(all(t, t))).isTrue();
        assertThat(m(all(t, f))).isFalse();
        assertThat(m(any(f, t))).isTrue();
        assertThat(m(any(f, f))).isFalse();
        assertThat(m(all(t, any(f, all(t, t))))).isTrue();
        assertThat(m(all(t, any(f, all(t, f))))).isFalse();
    }

    @Test
    void basisNamesTheValuesTheConditionsLookAt() {
        RuleSubject s = subject();
        String before = RuleConditions.basis(all(leaf("grandTotal", ">", "1"), leaf("tags", "has", "VIP")), s);
        s.remarks = "changed";
        assertThat(RuleConditions.basis(all(leaf("grandTotal", ">", "1"), leaf("tags", "has", "VIP")), s)).isEqualTo(before);
        s.grandTotal = 99;
        assertThat(RuleConditions.basis(all(leaf("grandTotal", ">", "1"), leaf("tags", "has", "VIP")), s)).isNotEqualTo(before);
    }

    @Test
    void validationNamesTheJsonPathOfEachProblem() {
        RuleDraft d = new RuleDraft(" ", true, false,
                all(leaf("channel", "in", "1"), leaf("grandTotal", ">", "abc"), leaf("nope", "in", "x"),
                        leaf("remarks", "startsWith", "x"), new RuleCondition("XOR", List.of(leaf("tags", "has", "A")), null,
                                null, null), any()),
                List.of(RuleAction.hold("bad code", null), new RuleAction("SEND_MAIL_TEMPLATE", null, null, null, null, null,
                        null, null), RuleAction.carrier(null, null), RuleAction.deliveryDate("2025/06/01", null),
                        RuleAction.plannedShipDate(-1), RuleAction.tag(" "), RuleAction.release(null)));
        List<String> fields = RuleConditions.validate(d).stream().map(FieldError::field).toList();
        assertThat(fields).containsExactly("name", "conditions.children[1].value", "conditions.children[2].field",
                "conditions.children[3].op", "conditions.children[4].match", "conditions.children[5].children",
                "actions[0].code", "actions[0].reason", "actions[1].type", "actions[2].carrier", "actions[3].date",
                "actions[4].days", "actions[5].value", "actions[6].code");
    }

    @Test
    void aValidRuleHasNoErrors() {
        RuleDraft d = new RuleDraft("沖縄は別便", true, true,
                all(leaf("prefecture", "in", "沖縄"), any(leaf("gift", "present", null), leaf("deliveryDate", "withinDays", "3"))),
                List.of(RuleAction.hold(null, "確認"), RuleAction.release("REMARKS_PRESENT"), RuleAction.carrier("yamato", "takkyubin"),
                        RuleAction.deliveryDate(null, 5), RuleAction.clearDeliveryDate(), RuleAction.flyer("CATALOG"),
                        RuleAction.tag("OKINAWA"), RuleAction.plannedShipDate(2)));
        assertThat(RuleConditions.validate(d)).isEmpty();
    }

    @Test
    void actionsAreDescribedInOneLine() {
        assertThat(RuleConditions.describe(RuleAction.hold(null, "高額"))).isEqualTo("保留 RULE_HOLD: 高額");
        assertThat(RuleConditions.describe(RuleAction.carrier("yamato", "nekopos"))).isEqualTo("配送方法 yamato/nekopos");
        assertThat(RuleConditions.describe(RuleAction.plannedShipDate(2))).isEqualTo("出荷予定日 注文日+2営業日");
        assertThat(RuleConditions.describe(RuleAction.splitByTemperatureZone())).isEqualTo("温度帯で分割");
    }
}
