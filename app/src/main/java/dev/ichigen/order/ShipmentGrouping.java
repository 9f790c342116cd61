package dev.ichigen.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 同梱・分割: which orders leave together and which lines leave apart.
 *
 * <p><b>Merge (同梱)</b>: open orders of the same orderer to the same recipient and address
 * ({@link OrderSnapshot#mergeKey()}) can be put in one {@link MergeGroup} — one parcel, while each order keeps its
 * channel identity (its number, status, payment and write-back). Proposals come from {@link #candidates}; a
 * person merges them, or the system does ({@code automatic}). An order leaves its group when it is cancelled,
 * shipped, or its orderer/recipient/address changes ({@link #reviewMembership}); a group left with one order
 * is dissolved.
 *
 * <p><b>Split (分割)</b>: every line has a shipment part (1 unless split); the lines of one part leave in one
 * parcel, by hand ({@link #splitLines}) or by the products' temperature zone ({@link #splitByTemperatureZone}:
 * 常温, 冷蔵 and 冷凍 cannot share a box). Allocation stays per whole order, so all parts of an order become ready
 * together; splitting off backordered lines to ship the rest first is not built yet (docs/ORDERS.md).
 *
 * <p>Every change is written to the orders' histories and the audit log. One public method = one transaction.
 */
@Service
public class ShipmentGrouping {

    private final OrderStore store;
    private final JdbcClient jdbc;
    private final ProductManagement products;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ShipmentGrouping(OrderStore store, JdbcClient jdbc, ProductManagement products, AuditLog audit, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.store = store;
        this.jdbc = jdbc;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    // ------------------------------------------------------------------ merge (同梱)

    /**
     * 同梱候補: sets of at least two open orders (not shipped or cancelled) with the same orderer, recipient and
     * address of which at least one is not yet in a group with all the others; oldest first, at most
     * {@code limit} (1–500) sets.
     */
    @Transactional(readOnly = true)
    public List<MergeCandidate> candidates(int limit) {
        List<String> keys = jdbc.sql("""
                select merge_key from sales_order
                where merge_key is not null and status in ('ON_HOLD', 'AWAITING_PAYMENT', 'AWAITING_STOCK', 'READY_TO_SHIP')
                group by merge_key
                having count(*) > 1 and (max(case when merge_group_id is null then 1 else 0 end) = 1 or count(distinct merge_group_id) > 1)
                order by min(ordered_at)
                limit :limit""").param("limit", Math.clamp(limit, 1, 500)).query(String.class).list();
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderSummary>> byKey = new LinkedHashMap<>();
        keys.forEach(k -> byKey.put(k, new ArrayList<>()));
        Map<Long, String> keyOf = new java.util.HashMap<>();
        jdbc.sql("""
                select id, merge_key from sales_order where merge_key in (:keys)
                and status in ('ON_HOLD', 'AWAITING_PAYMENT', 'AWAITING_STOCK', 'READY_TO_SHIP')""")
                .param("keys", keys).query(rs -> {
                    keyOf.put(rs.getLong(1), rs.getString(2));
                });
        Map<Long, Long> groupOf = groupIds(keyOf.keySet());
        for (OrderSummary s : store.summaries(" where o.id in (:ids) order by o.ordered_at, o.id", Map.of("ids", keyOf.keySet()))) {
            byKey.get(keyOf.get(s.id())).add(s);
        }
        List<MergeCandidate> result = new ArrayList<>();
        byKey.forEach((key, orders) -> result.add(new MergeCandidate(orders,
                orders.stream().map(o -> groupOf.get(o.id())).filter(Objects::nonNull).findFirst().orElse(null))));
        return result;
    }

    /**
     * Puts the orders in one merge group (同梱). They must be open, have exactly one destination, the same
     * orderer, recipient and address, and — when already allocated — the same warehouse. Orders already in
     * groups bring their groups along (the groups become one). {@code automatic} marks the system's doing.
     */
    @Transactional
    public MergeGroup merge(Collection<Long> orderIds, boolean automatic) {
        TreeSet<Long> ids = orderIds == null ? new TreeSet<>()
                : orderIds.stream().filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        if (ids.size() < 2) {
            throw new InvalidInputException("orderIds", "同梱するには受注を2件以上選んでください");
        }
        // lock in id order (every writer of several orders does), so two merges cannot deadlock
        List<OrderStore.Header> headers = new ArrayList<>();
        for (long id : ids) {
            headers.add(store.lock(id).orElseThrow(() -> new NotFoundException("受注 " + id + " はありません")));
        }
        // orders already in a group bring their fellow members along
        TreeSet<Long> groups = headers.stream().map(OrderStore.Header::mergeGroupId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!groups.isEmpty()) {
            for (long member : jdbc.sql("select id from sales_order where merge_group_id in (:g) order by id")
                    .param("g", groups).query(Long.class).list()) {
                if (ids.add(member)) {
                    headers.add(store.lock(member).orElseThrow());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        OrderStore.Header first = headers.get(0);
        String warehouse = null;
        for (OrderStore.Header h : headers) {
            String name = label(h);
            if (!h.status().open()) {
                problems.add(name + " は" + h.status().label() + "です");
            } else if (h.mergeKey() == null) {
                problems.add(name + " は送付先が複数か住所がないため同梱できません");
            } else if (!h.mergeKey().equals(first.mergeKey())) {
                problems.add(name + " は注文者・送付先・住所が " + label(first) + " と異なります");
            }
            if (h.allocation() == AllocationState.ALLOCATED && h.warehouse() != null) {
                if (warehouse != null && !warehouse.equals(h.warehouse())) {
                    problems.add(name + " は別の倉庫（" + h.warehouse() + "）で引当済みです");
                }
                warehouse = h.warehouse();
            }
        }
        if (!problems.isEmpty()) {
            throw new ConflictException("同梱できません: " + String.join("、", problems));
        }
        Instant now = clock.instant();
        String actor = automatic ? "system" : CurrentActor.name();
        long groupId;
        if (groups.isEmpty()) {
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("""
                    insert into order_merge_group (merge_key, created_at, created_by, automatic)
                    values (:key, :now, :by, :auto)""")
                    .param("key", first.mergeKey()).param("now", OrderStore.odt(now)).param("by", actor)
                    .param("auto", automatic).update(keys, "id");
            groupId = keys.getKey().longValue();
        } else {
            groupId = groups.first();
        }
        String numbers = headers.stream().map(ShipmentGrouping::label).collect(Collectors.joining("、"));
        for (OrderStore.Header h : headers) {
            if (!Objects.equals(h.mergeGroupId(), groupId)) {
                jdbc.sql("update sales_order set merge_group_id = :g where id = :id").param("g", groupId).param("id", h.id()).update();
                store.appendHistory(h.id(), List.of(new OrderStore.HistoryRow("MERGED", "mergeGroup",
                        h.mergeGroupId() == null ? null : String.valueOf(h.mergeGroupId()), String.valueOf(groupId),
                        "同梱: " + numbers)), actor, now);
            }
        }
        if (groups.size() > 1) {
            jdbc.sql("delete from order_merge_group where id in (:g) and id <> :keep").param("g", groups).param("keep", groupId).update();
        }
        audit.record("order.merge", "order-merge-group", String.valueOf(groupId), "同梱グループ " + groupId + ": " + numbers,
                null, Map.of("orderIds", List.copyOf(ids), "automatic", automatic));
        MergeGroup merged = group(groupId).orElseThrow();
        events.publishEvent(new ShippingUnitsChanged(merged.orders().stream().map(OrderSummary::id).toList()));
        return merged;
    }

    /** Takes the order out of its merge group (同梱解除); a group left with one order is dissolved. */
    @Transactional
    public void unmerge(long orderId, String note) {
        OrderStore.Header h = store.lock(orderId).orElseThrow(() -> new NotFoundException("受注 " + orderId + " はありません"));
        if (h.mergeGroupId() == null) {
            return;
        }
        if (h.shipped()) {
            throw new ConflictException(label(h) + " は出荷済みのため同梱を解除できません");
        }
        String why = note == null || note.isBlank() ? "担当者が同梱を解除" : Texts.truncate(note.strip(), 500);
        leave(h, why, CurrentActor.name(), clock.instant());
        audit.record("order.unmerge", "order", String.valueOf(orderId), label(h) + " を同梱グループ " + h.mergeGroupId()
                + " から外す: " + why, Map.of("mergeGroup", h.mergeGroupId()), null);
    }

    /**
     * Keeps a group true after the order changed: an order that was cancelled or shipped apart, or whose
     * orderer, recipient or address no longer match the group, leaves it. Run by the system after order
     * updates and cancellations.
     */
    @Transactional
    public void reviewMembership(long orderId) {
        Optional<OrderStore.Header> locked = store.lock(orderId);
        if (locked.isEmpty() || locked.get().mergeGroupId() == null) {
            return;
        }
        OrderStore.Header h = locked.get();
        String groupKey = jdbc.sql("select merge_key from order_merge_group where id = :g").param("g", h.mergeGroupId())
                .query(String.class).optional().orElse(null);
        String why = h.cancelled() ? "キャンセルされたため同梱から外れました"
                : !Objects.equals(groupKey, h.mergeKey()) ? "注文者・送付先・住所が変わったため同梱から外れました" : null;
        if (why != null) {
            leave(h, why, "system", clock.instant());
        }
    }

    /** The order's merge group, if it is in one. */
    @Transactional(readOnly = true)
    public Optional<MergeGroup> groupOf(long orderId) {
        return jdbc.sql("select merge_group_id from sales_order where id = :id").param("id", orderId)
                .query((rs, i) -> rs.getObject(1, Long.class)).optional().filter(Objects::nonNull).flatMap(this::group);
    }

    /** A merge group with its orders (oldest first); empty when unknown or dissolved. */
    @Transactional(readOnly = true)
    public Optional<MergeGroup> group(long groupId) {
        return jdbc.sql("select id, created_at, created_by, automatic from order_merge_group where id = :g").param("g", groupId)
                .query((rs, i) -> new MergeGroup(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getBoolean(4),
                        store.summaries(" where o.merge_group_id = :g order by o.ordered_at, o.id", Map.of("g", groupId))))
                .optional();
    }

    private void leave(OrderStore.Header h, String why, String actor, Instant now) {
        long groupId = h.mergeGroupId();
        jdbc.sql("update sales_order set merge_group_id = null where id = :id").param("id", h.id()).update();
        store.appendHistory(h.id(), List.of(new OrderStore.HistoryRow("UNMERGED", "mergeGroup", String.valueOf(groupId), null, why)),
                actor, now);
        List<Long> rest = jdbc.sql("select id from sales_order where merge_group_id = :g order by id").param("g", groupId)
                .query(Long.class).list();
        List<Long> changed = new ArrayList<>(List.of(h.id()));
        changed.addAll(rest);
        if (rest.size() == 1) {
            // a group of one is no group: dissolve it (the remaining order is locked like the others)
            store.lock(rest.get(0));
            jdbc.sql("update sales_order set merge_group_id = null where id = :id").param("id", rest.get(0)).update();
            store.appendHistory(rest.get(0), List.of(new OrderStore.HistoryRow("UNMERGED", "mergeGroup", String.valueOf(groupId),
                    null, "同梱相手が外れたため同梱グループを解消")), actor, now);
            rest = List.of();
        }
        if (rest.isEmpty()) {
            jdbc.sql("delete from order_merge_group where id = :g").param("g", groupId).update();
        }
        events.publishEvent(new ShippingUnitsChanged(changed));
    }

    private Map<Long, Long> groupIds(Collection<Long> orderIds) {
        Map<Long, Long> result = new java.util.HashMap<>();
        if (!orderIds.isEmpty()) {
            jdbc.sql("select id, merge_group_id from sales_order where id in (:ids) and merge_group_id is not null")
                    .param("ids", orderIds).query(rs -> {
                        result.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return result;
    }

    // ------------------------------------------------------------------ split (分割)

    /** The shipment part of each line (line number → part, 1 unless split). */
    @Transactional(readOnly = true)
    public Map<Integer, Integer> shipmentParts(long orderId) {
        Map<Integer, Integer> parts = new TreeMap<>();
        jdbc.sql("select line_no, shipment_part from order_line where order_id = :id").param("id", orderId)
                .query(rs -> {
                    parts.put(rs.getInt(1), rs.getInt(2));
                });
        return parts;
    }

    /** Moves the given lines to a new shipment part of their own (分割出荷). At least one line must stay. */
    @Transactional
    public Map<Integer, Integer> splitLines(long orderId, Collection<Integer> lineNos) {
        OrderStore.Header h = lockOpen(orderId);
        Map<Integer, Integer> parts = shipmentParts(orderId);
        TreeSet<Integer> chosen = lineNos == null ? new TreeSet<>()
                : lineNos.stream().filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        List<FieldError> errors = new ArrayList<>();
        if (chosen.isEmpty()) {
            errors.add(new FieldError("lineNos", "分割する明細を選んでください"));
        }
        for (int no : chosen) {
            if (!parts.containsKey(no)) {
                errors.add(new FieldError("lineNos", "明細 " + no + " はこの受注にありません"));
            }
        }
        if (errors.isEmpty() && chosen.containsAll(parts.keySet())) {
            errors.add(new FieldError("lineNos", "すべての明細は分割できません。1つ以上残してください"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int next = parts.values().stream().mapToInt(Integer::intValue).max().orElse(1) + 1;
        Map<Integer, Integer> after = new TreeMap<>(parts);
        chosen.forEach(no -> after.put(no, next));
        return write(h, parts, after, "明細 " + chosen + " を分割", "order.split");
    }

    /**
     * Splits the order by the products' temperature zone (温度帯別分割): 常温 lines stay in part 1, 冷蔵 and
     * 冷凍 lines get parts of their own (a carrier's クール便 is a parcel of its own). Lines without a product
     * count as 常温. Nothing changes when all lines share one zone.
     */
    @Transactional
    public Map<Integer, Integer> splitByTemperatureZone(long orderId) {
        OrderStore.Header h = lockOpen(orderId);
        Map<Integer, Integer> parts = shipmentParts(orderId);
        Map<Integer, Integer> after = temperatureParts(orderId);
        String summary = zones(orderId).values().stream().distinct().sorted().map(TemperatureZone::label)
                .collect(Collectors.joining("・"));
        return write(h, parts, after, "温度帯で分割（" + summary + "）", "order.split.temperature");
    }

    /** The shipment parts the order's lines would get by temperature zone (for rules: without writing). */
    Map<Integer, Integer> temperatureParts(long orderId) {
        Map<Integer, TemperatureZone> zones = zones(orderId);
        List<TemperatureZone> present = zones.values().stream().distinct().sorted().toList();
        Map<Integer, Integer> after = new TreeMap<>();
        zones.forEach((no, zone) -> after.put(no, present.indexOf(zone) + 1));
        return after;
    }

    /** Writes shipment parts inside the caller's transaction (a rule run, which records its own history). */
    void writeParts(long orderId, Map<Integer, Integer> parts) {
        parts.forEach((no, part) -> jdbc.sql("update order_line set shipment_part = :p where order_id = :id and line_no = :no")
                .param("p", part).param("id", orderId).param("no", no).update());
        events.publishEvent(new ShippingUnitsChanged(List.of(orderId)));
    }

    private Map<Integer, TemperatureZone> zones(long orderId) {
        Map<Integer, TemperatureZone> zones = new TreeMap<>();
        for (OrderStore.StoredLine l : store.lines(orderId)) {
            zones.put(l.lineNo(), l.sku() == null ? TemperatureZone.AMBIENT
                    : products.find(l.sku()).map(Product::temperatureZone).filter(Objects::nonNull).orElse(TemperatureZone.AMBIENT));
        }
        return zones;
    }

    /** Puts every line back in one shipment part (分割の取消). */
    @Transactional
    public Map<Integer, Integer> unsplit(long orderId) {
        OrderStore.Header h = lockOpen(orderId);
        Map<Integer, Integer> parts = shipmentParts(orderId);
        Map<Integer, Integer> after = new TreeMap<>();
        parts.keySet().forEach(no -> after.put(no, 1));
        return write(h, parts, after, "分割を取消", "order.unsplit");
    }

    private Map<Integer, Integer> write(OrderStore.Header h, Map<Integer, Integer> before, Map<Integer, Integer> after,
            String note, String auditAction) {
        if (before.equals(after)) {
            return after;
        }
        Instant now = clock.instant();
        List<OrderStore.HistoryRow> history = new ArrayList<>();
        after.forEach((no, part) -> {
            if (!Objects.equals(before.get(no), part)) {
                jdbc.sql("update order_line set shipment_part = :p where order_id = :id and line_no = :no")
                        .param("p", part).param("id", h.id()).param("no", no).update();
                history.add(new OrderStore.HistoryRow("SPLIT", "lines[" + no + "].shipmentPart",
                        String.valueOf(before.get(no)), String.valueOf(part), note));
            }
        });
        store.appendHistory(h.id(), history, CurrentActor.name(), now);
        audit.record(auditAction, "order", String.valueOf(h.id()), label(h) + ": " + note,
                Map.of("shipmentParts", stringKeys(before)), Map.of("shipmentParts", stringKeys(after)));
        events.publishEvent(new ShippingUnitsChanged(List.of(h.id())));
        return after;
    }

    private static Map<String, Integer> stringKeys(Map<Integer, Integer> parts) {
        Map<String, Integer> m = new TreeMap<>();
        parts.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private OrderStore.Header lockOpen(long orderId) {
        OrderStore.Header h = store.lock(orderId).orElseThrow(() -> new NotFoundException("受注 " + orderId + " はありません"));
        if (!h.status().open()) {
            throw new ConflictException(label(h) + " は" + h.status().label() + "のため分割できません");
        }
        return h;
    }

    private static String label(OrderStore.Header h) {
        return "受注 " + h.id() + "（" + h.channelOrderNumber() + "）";
    }
}
