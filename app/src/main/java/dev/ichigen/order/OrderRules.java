package dev.ichigen.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 受注処理ルールの管理: list, create, save a new version, enable/disable, delete (archive), reorder, dry-run
 * and re-apply rules. Every change is audited. Rules run by themselves on intake, channel updates and
 * re-checks ({@link RuleRunner}); see docs/ORDERS.md, "Rules".
 */
@Service
public class OrderRules {

    /** The dry run looks at this many of the most recent orders by default, and at most {@link #DRY_RUN_MAX}. */
    public static final int DRY_RUN_DEFAULT = 100;
    public static final int DRY_RUN_MAX = 1000;

    private static final Logger log = LoggerFactory.getLogger(OrderRules.class);

    /** The rule behind a hold: id, current name, the version that raised (or last confirmed) it. */
    public record RuleRef(long id, String name, int version) {
    }

    private final RuleStore store;
    private final OrderStore orders;
    private final OrderManagement management;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final dev.ichigen.platform.BusinessCalendar calendar;
    private final ShipmentGrouping grouping;

    OrderRules(RuleStore store, OrderStore orders, OrderManagement management, AuditLog audit, Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactions,
            dev.ichigen.platform.BusinessCalendar calendar, ShipmentGrouping grouping) {
        this.calendar = calendar;
        this.grouping = grouping;
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.store = store;
        this.orders = orders;
        this.management = management;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /** Rules in evaluation order; archived (deleted) ones only with {@code includeArchived}. */
    @Transactional(readOnly = true)
    public List<OrderRule> list(boolean includeArchived) {
        return store.list(includeArchived);
    }

    @Transactional(readOnly = true)
    public OrderRule get(long id) {
        return store.get(id).orElseThrow(() -> notFound(id));
    }

    /** Every saved version, newest first. */
    @Transactional(readOnly = true)
    public List<OrderRuleVersion> versions(long id) {
        get(id);
        return store.versions(id);
    }

    /** The rule versions that matched the order and what they did there. */
    @Transactional(readOnly = true)
    public List<AppliedRule> applied(long orderId) {
        return store.applied(orderId);
    }

    /** For each rule hold of the order (by hold id): the rule behind it. */
    @Transactional(readOnly = true)
    public Map<Long, RuleRef> holdRules(Order order) {
        Map<Long, Long> ruleOfHold = new LinkedHashMap<>();
        Map<Long, Integer> versionOfHold = new LinkedHashMap<>();
        for (Hold h : order.holds()) {
            if (h.source() != HoldSource.RULE) {
                continue;
            }
            RuleRunner.ruleId(h.sourceRef()).ifPresent(id -> {
                ruleOfHold.put(h.id(), id);
                int at = h.sourceRef().indexOf('@');
                versionOfHold.put(h.id(), at < 0 ? 0 : Integer.parseInt(h.sourceRef().substring(at + 1)));
            });
        }
        Map<Long, String> names = store.names(new HashSet<>(ruleOfHold.values()));
        Map<Long, RuleRef> refs = new LinkedHashMap<>();
        ruleOfHold.forEach((hold, rule) -> refs.put(hold, new RuleRef(rule, names.getOrDefault(rule, "#" + rule),
                versionOfHold.get(hold))));
        return refs;
    }

    // ------------------------------------------------------------------ changing

    /** A new rule at the end of the evaluation order (version 1). 422 naming the fields on invalid input. */
    @Transactional
    public OrderRule create(RuleDraft draft) {
        RuleDraft d = valid(draft);
        long id = store.insert(d, CurrentActor.name(), clock.instant());
        OrderRule rule = get(id);
        audit.record("order.rule.create", "order_rule", String.valueOf(id), "受注ルール「%s」を作成".formatted(rule.name()),
                null, snapshot(rule));
        return rule;
    }

    /** Saves a new version of the rule (its old versions stay as they were). */
    @Transactional
    public OrderRule update(long id, RuleDraft draft) {
        RuleDraft d = valid(draft);
        OrderRule before = store.lock(id).orElseThrow(() -> notFound(id));
        store.newVersion(before, d, CurrentActor.name(), clock.instant());
        OrderRule after = get(id);
        audit.record("order.rule.update", "order_rule", String.valueOf(id),
                "受注ルール「%s」を v%d に更新".formatted(after.name(), after.version()), snapshot(before), snapshot(after));
        return after;
    }

    @Transactional
    public OrderRule setEnabled(long id, boolean enabled) {
        OrderRule before = store.lock(id).orElseThrow(() -> notFound(id));
        if (before.archived()) {
            throw new dev.ichigen.shared.ConflictException("削除済みのルールです: " + before.name());
        }
        store.setFlags(id, enabled, false, CurrentActor.name(), clock.instant());
        audit.record("order.rule." + (enabled ? "enable" : "disable"), "order_rule", String.valueOf(id),
                "受注ルール「%s」を%s".formatted(before.name(), enabled ? "有効化" : "無効化"), Map.of("enabled", before.enabled()),
                Map.of("enabled", enabled));
        return get(id);
    }

    /**
     * 削除: the rule is archived — never run again, gone from the list, but kept for the orders that name it.
     * Its open holds stay until a person releases them.
     */
    @Transactional
    public void delete(long id) {
        OrderRule before = store.lock(id).orElseThrow(() -> notFound(id));
        store.setFlags(id, false, true, CurrentActor.name(), clock.instant());
        audit.record("order.rule.delete", "order_rule", String.valueOf(id), "受注ルール「%s」を削除".formatted(before.name()),
                snapshot(before), null);
    }

    /** 評価順の並べ替え: the given rule ids first, in this order; the others keep their relative order after them. */
    @Transactional
    public List<OrderRule> reorder(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("ids", "並べ替えるルールの ID を指定してください");
        }
        List<OrderRule> all = store.list(false);
        Map<Long, OrderRule> byId = new LinkedHashMap<>();
        all.forEach(r -> byId.put(r.id(), r));
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || !byId.containsKey(id)) {
                throw new InvalidInputException("ids[" + i + "]", "ルール " + id + " はありません");
            }
            if (order.contains(id)) {
                throw new InvalidInputException("ids[" + i + "]", "ルール " + id + " が重複しています");
            }
            order.add(id);
        }
        byId.keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
        List<Long> before = all.stream().map(OrderRule::id).toList();
        for (int i = 0; i < order.size(); i++) {
            store.setPosition(order.get(i), (i + 1) * 10);
        }
        audit.record("order.rule.reorder", "order_rule", null, "受注ルールの評価順を変更", Map.of("order", before),
                Map.of("order", order));
        return store.list(false);
    }

    /** Moves a rule one place up ({@code -1}) or down ({@code +1}) in the evaluation order. */
    @Transactional
    public List<OrderRule> move(long id, int direction) {
        List<Long> ids = new ArrayList<>(store.list(false).stream().map(OrderRule::id).toList());
        int i = ids.indexOf(id);
        if (i < 0) {
            throw notFound(id);
        }
        int j = i + Integer.signum(direction);
        if (j >= 0 && j < ids.size() && j != i) {
            ids.set(i, ids.get(j));
            ids.set(j, id);
        }
        return reorder(ids);
    }

    // ------------------------------------------------------------------ dry run, re-apply

    /**
     * ドライラン of an unsaved rule over the last {@code n} orders (1–1000, default 100): which match and what
     * the rule would do there. Reads only.
     */
    @Transactional(readOnly = true)
    public RuleDryRun dryRun(RuleDraft draft, Integer n) {
        RuleDraft d = valid(draft);
        OrderRule rule = new OrderRule(0, d.name().strip(), true, false, 0, 0, d.stops(), d.conditions(),
                d.actions(), null, null, null);
        return dryRun(rule, n);
    }

    /** ドライラン of a saved rule (its current version). */
    @Transactional(readOnly = true)
    public RuleDryRun dryRun(long id, Integer n) {
        return dryRun(get(id), n);
    }

    private RuleDryRun dryRun(OrderRule rule, Integer n) {
        int size = n == null ? DRY_RUN_DEFAULT : n;
        if (size < 1 || size > DRY_RUN_MAX) {
            throw new InvalidInputException("n", "対象の件数は1〜" + DRY_RUN_MAX + "です: " + size);
        }
        LocalDate today = clock.instant().atZone(RuleSubject.TOKYO).toLocalDate();
        List<RuleDryRun.Row> rows = new ArrayList<>();
        int matched = 0;
        for (long orderId : store.lastOrders(size)) {
            Optional<Order> loaded = orders.load(orderId, Map.of());
            if (loaded.isEmpty()) {
                continue;
            }
            Order o = loaded.get();
            RuleSubject subject = RuleSubject.of(o);
            subject.previousOrders(() -> store.previousOrders(o.id(), o.orderedAt(), o.customer()));
            boolean m = RuleConditions.matches(rule.conditions(), subject, today);
            List<String> actions = new ArrayList<>();
            if (m) {
                matched++;
                for (RuleAction a : rule.actions()) {
                    actions.add(RuleConditions.describe(a) + (wouldChange(a, subject, o, rule) ? "" : "（変更なし）"));
                }
            }
            rows.add(new RuleDryRun.Row(o.id(), o.channelOrderNumber(), o.orderedAt(), o.status(), m, actions));
        }
        return new RuleDryRun(rows.size(), matched, rows);
    }

    private boolean wouldChange(RuleAction a, RuleSubject s, Order o, OrderRule rule) {
        return switch (RuleActionType.valueOf(a.type())) {
            case HOLD -> o.openHolds().stream().noneMatch(h -> h.source() == HoldSource.RULE
                    && RuleRunner.ruleId(h.sourceRef()).equals(Optional.of(rule.id())) && h.code().equals(RuleConditions.holdCode(a)));
            case RELEASE -> {
                List<String> codes = RuleConditions.list(a.code());
                yield o.openHolds().stream().anyMatch(h -> codes.contains(h.code())
                        && (h.source() == HoldSource.CHECK || h.source() == HoldSource.RULE));
            }
            case SET_CARRIER -> !Objects.equals(a.carrier().strip(), s.plan.carrier())
                    || !Objects.equals(RuleConditions.blank(a.service()) ? null : a.service().strip(), s.plan.service());
            case SET_PLANNED_SHIP_DATE -> !calendar.addBusinessDays(s.orderDate(), a.days()).equals(s.plan.plannedShipDate());
            case SPLIT_BY_TEMPERATURE_ZONE -> !grouping.temperatureParts(o.id()).equals(grouping.shipmentParts(o.id()));
            case SET_DELIVERY_DATE, CLEAR_DELIVERY_DATE -> !Objects.equals(RuleRunner.deliveryDate(a, s), s.deliveryDate);
            case ADD_TAG -> !s.tags.contains(a.value().strip());
            case ADD_FLYER -> !s.flyers.contains(a.value().strip());
        };
    }

    /**
     * ルールの再適用: runs the checks and the current rules again over every open order (not shipped, not
     * cancelled), each order in its own transaction — like {@link OrderManagement#recheck} without an audit
     * entry per order. One audit entry for the whole run.
     */
    public RuleReapplySummary reapply() {
        int examined = 0;
        int changed = 0;
        int onHold = 0;
        int failed = 0;
        for (long id : store.openOrders()) {
            examined++;
            try {
                OrderStatus before = store.status(id).orElse(null);
                management.recheckBySystem(id);
                OrderStatus after = store.status(id).orElse(null);
                if (before != after) {
                    changed++;
                }
                if (after == OrderStatus.ON_HOLD) {
                    onHold++;
                }
            } catch (RuntimeException e) {
                log.error("re-applying rules to order {} failed", id, e);
                failed++;
            }
        }
        RuleReapplySummary summary = new RuleReapplySummary(examined, changed, onHold, failed);
        tx.executeWithoutResult(st -> audit.record("order.rule.reapply", "order_rule", null,
                "受注ルールを未出荷の受注 %d 件に再適用（状態が変わった受注 %d 件）".formatted(summary.examined(),
                        summary.statusChanged()), null, summary));
        return summary;
    }

    // ------------------------------------------------------------------ internals

    private static RuleDraft valid(RuleDraft draft) {
        if (draft == null) {
            throw new InvalidInputException("name", "ルールを指定してください");
        }
        var errors = RuleConditions.validate(draft);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return draft;
    }

    private static Map<String, Object> snapshot(OrderRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("version", r.version());
        m.put("enabled", r.enabled());
        m.put("stopAfterMatch", r.stopAfterMatch());
        m.put("conditions", RuleStore.json(r.conditions()));
        m.put("actions", RuleStore.json(r.actions()));
        return m;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("受注ルール " + id + " はありません");
    }

}
