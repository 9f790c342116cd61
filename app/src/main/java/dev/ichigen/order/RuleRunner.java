package dev.ichigen.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the enabled rules (受注処理ルール) over an order, after the checks and in the same transaction
 * ({@link OrderProcessor#check}): in position order, each matching rule's actions are applied and written to
 * the history (kind RULE), and the rule version is recorded on the order ({@code order_rule_applied}). A rule
 * with {@code stopAfterMatch} ends the run for this order.
 *
 * <p>HOLD actions are reconciled like checks: an open rule hold whose rule ran and no longer holds the order
 * is resolved FIXED; a rule hold a person (or a RELEASE action) released is not raised again while the values
 * the rule's conditions look at stay the same (its basis). Holds of disabled or archived rules are left alone.
 * Other actions change only what differs (setting the carrier it already has writes nothing).
 */
@Component
class RuleRunner {

    /** {@code order_hold.raised_by} of rule holds. */
    static final String RAISED_BY = "ORDER_RULES";

    private static final Logger log = LoggerFactory.getLogger(RuleRunner.class);

    private final RuleStore rules;
    private final OrderStore store;
    private final dev.ichigen.platform.BusinessCalendar calendar;
    private final ShipmentGrouping grouping;

    RuleRunner(RuleStore rules, OrderStore store, dev.ichigen.platform.BusinessCalendar calendar, ShipmentGrouping grouping) {
        this.rules = rules;
        this.store = store;
        this.calendar = calendar;
        this.grouping = grouping;
    }

    static String ref(OrderRule r) {
        return "rule:" + r.id() + "@" + r.version();
    }

    /** The rule id of a rule hold's source reference ({@code rule:12@3}), if it is one. */
    static Optional<Long> ruleId(String sourceRef) {
        if (sourceRef == null || !sourceRef.startsWith("rule:")) {
            return Optional.empty();
        }
        int at = sourceRef.indexOf('@');
        try {
            return Optional.of(Long.parseLong(sourceRef.substring(5, at < 0 ? sourceRef.length() : at)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String label(OrderRule r) {
        return "ルール「" + r.name() + "」v" + r.version();
    }

    /** Applies the rules; returns the codes of holds raised now. */
    List<String> run(OrderState s, OrderSnapshot snapshot, Instant now) {
        List<OrderRule> active = rules.active();
        if (active.isEmpty()) {
            return List.of();
        }
        s.holds = new ArrayList<>(s.holds);
        RuleSubject subject = RuleSubject.of(snapshot, rules.tags(s.id), rules.flyers(s.id), store.shippingPlan(s.id));
        Customer customer = snapshot.order().customer();
        subject.previousOrders(() -> rules.previousOrders(s.id, subject.orderedAt, customer));
        LocalDate today = now.atZone(RuleSubject.TOKYO).toLocalDate();
        List<String> raised = new ArrayList<>();
        Set<Long> ran = new HashSet<>();
        Set<String> held = new HashSet<>(); // rule id + code of holds confirmed or raised in this run
        for (OrderRule rule : active) {
            ran.add(rule.id());
            boolean matched;
            try {
                matched = RuleConditions.matches(rule.conditions(), subject, today);
            } catch (RuntimeException e) {
                log.error("order rule {} failed on order {}; its holds are left unchanged", rule.id(), s.id, e);
                ran.remove(rule.id());
                continue;
            }
            if (!matched) {
                continue;
            }
            List<String> did = new ArrayList<>();
            for (RuleAction a : rule.actions()) {
                String result = apply(s, subject, rule, a, now, raised, held);
                if (result != null) {
                    did.add(result);
                }
            }
            rules.recordApplied(s.id, rule.id(), rule.version(),
                    did.isEmpty() ? "変更なし（適用済み）" : String.join(" / ", did), now);
            if (rule.stopAfterMatch()) {
                break;
            }
        }
        // rule holds whose rule ran and no longer holds the order: FIXED
        List<OrderStore.HoldRow> updated = new ArrayList<>();
        for (OrderStore.HoldRow h : s.holds) {
            Optional<Long> id = ruleId(h.sourceRef());
            if (h.open() && RAISED_BY.equals(h.raisedBy()) && id.isPresent() && ran.contains(id.get())
                    && !held.contains(id.get() + "\u0000" + h.code())) {
                store.resolveHold(h.id(), HoldResolution.FIXED, "ルール", null, now);
                s.history("HOLD_FIXED", h.code(), h.detail(), null, "ルールの条件に当てはまらなくなったため自動で解除");
                h = new OrderStore.HoldRow(h.id(), h.code(), h.detail(), h.source(), h.sourceRef(), h.raisedBy(),
                        h.basisHash(), false, HoldResolution.FIXED);
            }
            updated.add(h);
        }
        s.holds = updated;
        return raised;
    }

    private String apply(OrderState s, RuleSubject subject, OrderRule rule, RuleAction a, Instant now, List<String> raised,
            Set<String> held) {
        String note = label(rule) + "（#" + rule.id() + "）";
        switch (RuleActionType.valueOf(a.type())) {
            case HOLD -> {
                String code = RuleConditions.holdCode(a);
                String detail = label(rule) + ": " + a.reason().strip();
                String basis = Texts.sha256(code + "\n" + RuleConditions.basis(rule.conditions(), subject));
                held.add(rule.id() + "\u0000" + code);
                Optional<OrderStore.HoldRow> open = s.holds.stream().filter(h -> h.open() && RAISED_BY.equals(h.raisedBy())
                        && code.equals(h.code()) && ruleId(h.sourceRef()).equals(Optional.of(rule.id()))).findFirst();
                if (open.isPresent()) {
                    OrderStore.HoldRow h = open.get();
                    if (!detail.equals(h.detail()) || !basis.equals(h.basisHash()) || !ref(rule).equals(h.sourceRef())) {
                        rules.updateRuleHold(h.id(), detail, basis, ref(rule));
                        replace(s, new OrderStore.HoldRow(h.id(), code, detail, HoldSource.RULE, ref(rule), RAISED_BY, basis,
                                true, null));
                    }
                    return null;
                }
                boolean releasedBefore = s.holds.stream().anyMatch(h -> !h.open()
                        && h.resolution() == HoldResolution.RELEASED && RAISED_BY.equals(h.raisedBy()) && code.equals(h.code())
                        && ruleId(h.sourceRef()).equals(Optional.of(rule.id())) && basis.equals(h.basisHash()));
                if (releasedBefore) {
                    return null;
                }
                long id = store.insertHold(s.id, code, detail, HoldSource.RULE, ref(rule), RAISED_BY, basis, now);
                s.holds.add(new OrderStore.HoldRow(id, code, detail, HoldSource.RULE, ref(rule), RAISED_BY, basis, true, null));
                s.history("HOLD_RAISED", code, null, detail, ref(rule));
                raised.add(code);
                return RuleConditions.describe(a);
            }
            case RELEASE -> {
                Set<String> codes = new LinkedHashSet<>(RuleConditions.list(a.code()));
                List<String> released = new ArrayList<>();
                for (OrderStore.HoldRow h : List.copyOf(s.holds)) {
                    // a person's or the channel's hold is for a person to release
                    if (h.open() && codes.contains(h.code()) && (h.source() == HoldSource.CHECK || h.source() == HoldSource.RULE)) {
                        store.resolveHold(h.id(), HoldResolution.RELEASED, Texts.truncate(label(rule), 120),
                                note + " により解除", now);
                        replace(s, new OrderStore.HoldRow(h.id(), h.code(), h.detail(), h.source(), h.sourceRef(),
                                h.raisedBy(), h.basisHash(), false, HoldResolution.RELEASED));
                        s.history("HOLD_RELEASED", h.code(), h.detail(), null, note + " により解除");
                        released.add(h.code());
                    }
                }
                return released.isEmpty() ? null : "保留解除 " + String.join(",", released);
            }
            case SET_CARRIER -> {
                String carrier = a.carrier().strip();
                String service = RuleConditions.blank(a.service()) ? null : a.service().strip();
                if (Objects.equals(carrier, subject.plan.carrier()) && Objects.equals(service, subject.plan.service())) {
                    return null;
                }
                rules.setCarrier(s.id, carrier, service);
                s.history("RULE", "shippingPlan.carrier", carrierText(subject.plan.carrier(), subject.plan.service()),
                        carrierText(carrier, service), note);
                subject.plan = new ShippingPlan(subject.plan.plannedShipDate(), carrier, service);
                return RuleConditions.describe(a);
            }
            case SET_PLANNED_SHIP_DATE -> {
                // 営業日: the shop's business calendar (weekly closed days, public holidays, overrides)
                LocalDate date = calendar.addBusinessDays(subject.orderDate(), a.days());
                if (date.equals(subject.plan.plannedShipDate())) {
                    return null;
                }
                rules.setPlannedShipDate(s.id, date);
                s.history("RULE", "shippingPlan.plannedShipDate", Objects.toString(subject.plan.plannedShipDate(), null),
                        date.toString(), note);
                subject.plan = new ShippingPlan(date, subject.plan.carrier(), subject.plan.service());
                return RuleConditions.describe(a);
            }
            case SET_DELIVERY_DATE, CLEAR_DELIVERY_DATE -> {
                LocalDate date = deliveryDate(a, subject);
                if (Objects.equals(date, subject.deliveryDate)) {
                    return null;
                }
                rules.setDeliveryDate(s.id, date);
                s.history("RULE", "delivery.date", Objects.toString(subject.deliveryDate, null), Objects.toString(date, null),
                        note);
                subject.deliveryDate = date;
                return RuleConditions.describe(a);
            }
            case ADD_TAG, ADD_FLYER -> {
                boolean tag = RuleActionType.valueOf(a.type()) == RuleActionType.ADD_TAG;
                Set<String> labels = tag ? subject.tags : subject.flyers;
                String value = a.value().strip();
                if (labels.contains(value)) {
                    return null;
                }
                rules.addLabel(tag ? "order_tag" : "order_flyer", tag ? "tag" : "flyer", s.id, value, 1000 + labels.size());
                labels.add(value);
                s.history("RULE", tag ? "tags" : "insertFlyers", null, value, note);
                return RuleConditions.describe(a);
            }
            case SPLIT_BY_TEMPERATURE_ZONE -> {
                Map<Integer, Integer> before = grouping.shipmentParts(s.id);
                Map<Integer, Integer> after = grouping.temperatureParts(s.id);
                if (before.equals(after)) {
                    return null;
                }
                grouping.writeParts(s.id, after);
                s.history("RULE", "shipmentParts", before.toString(), after.toString(), note);
                return RuleConditions.describe(a);
            }
            default -> throw new IllegalStateException(a.type());
        }
    }

    static LocalDate deliveryDate(RuleAction a, RuleSubject subject) {
        if (RuleActionType.valueOf(a.type()) == RuleActionType.CLEAR_DELIVERY_DATE) {
            return null;
        }
        return RuleConditions.blank(a.date()) ? subject.orderDate().plusDays(a.days()) : LocalDate.parse(a.date().strip());
    }

    private static String carrierText(String carrier, String service) {
        return carrier == null ? null : carrier + (service == null ? "" : "/" + service);
    }

    private static void replace(OrderState s, OrderStore.HoldRow row) {
        List<OrderStore.HoldRow> list = new ArrayList<>(s.holds);
        list.replaceAll(h -> h.id() == row.id() ? row : h);
        s.holds = list;
    }
}
