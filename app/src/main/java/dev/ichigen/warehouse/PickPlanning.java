package dev.ichigen.warehouse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.PickAssignment;
import dev.ichigen.inventory.PickAssignments;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * ピッキング計画: assigns each line of an open shipment to locations and lots through inventory's
 * {@link PickAssignments} (FEFO for lot-managed products with the order's channel's 最低残存期限, walk order
 * otherwise), flags a shipment whose lines cannot be fully covered (引当不足, stored in {@code shipment_pick_status}),
 * and sums the picks of several shipments into a batch list in walk order (トータルピッキング). Planning again changes
 * nothing for lines already covered; a lot that expired or fell under the minimum since is replaced.
 */
@Service
public class PickPlanning {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MAX_SHIPMENTS = 2000;

    private final Shipments shipments;
    private final OrderManagement orders;
    private final PickAssignments assignments;
    private final ShelfLifeSettings shelfLife;
    private final JdbcClient jdbc;
    private final Clock clock;

    PickPlanning(Shipments shipments, OrderManagement orders, PickAssignments assignments, ShelfLifeSettings shelfLife,
            JdbcClient jdbc, Clock clock) {
        this.shipments = shipments;
        this.orders = orders;
        this.assignments = assignments;
        this.shelfLife = shelfLife;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The pick plan of a shipment (by key {@code S000123} or id); an INSTRUCTED shipment is (re)assigned first. */
    @Transactional
    public PickPlan plan(String shipmentKey) {
        Shipment s = find(shipmentKey).orElseThrow(() -> new NotFoundException("出荷 " + shipmentKey + " はありません"));
        return plan(s);
    }

    /** Plans a shipment by id (the listener after 出荷指示); a shipment that is gone or not open is left alone. */
    @Transactional
    public void planById(long shipmentId) {
        shipments.find(Shipment.key(shipmentId)).filter(s -> s.status() == ShipmentStatus.INSTRUCTED).ifPresent(this::plan);
    }

    /**
     * トータルピッキング of the given shipments (keys), or when none are given of every INSTRUCTED shipment of
     * {@code warehouse} (oldest first, at most 2000). Each shipment is planned first; the rows are sorted by walk order.
     */
    @Transactional
    public PickList pickList(List<String> shipmentKeys, String warehouse) {
        List<Shipment> chosen = new ArrayList<>();
        if (shipmentKeys != null && !shipmentKeys.isEmpty()) {
            if (shipmentKeys.size() > MAX_SHIPMENTS) {
                throw new InvalidInputException("shipments", "at most " + MAX_SHIPMENTS + " shipments per list");
            }
            for (String key : shipmentKeys) {
                chosen.add(find(key).orElseThrow(() -> new InvalidInputException("shipments", "no shipment " + key)));
            }
        } else {
            if (warehouse == null || warehouse.isBlank()) {
                throw new InvalidInputException("warehouse", "is required when no shipments are given");
            }
            chosen.addAll(shipments.list(ShipmentStatus.INSTRUCTED, MAX_SHIPMENTS).stream()
                    .filter(s -> warehouse.strip().equals(s.warehouse())).sorted(Comparator.comparing(Shipment::id)).toList());
        }
        Set<String> warehouses = new LinkedHashSet<>();
        record Key(String location, String sku, String lotNo) {
        }
        Map<Key, PickList.Row> rows = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> jans = new HashMap<>();
        List<PickList.Flagged> flagged = new ArrayList<>();
        for (Shipment s : chosen) {
            if (s.warehouse() != null) {
                warehouses.add(s.warehouse());
            }
            for (Shipment.Line l : s.lines()) {
                names.putIfAbsent(l.sku(), l.name());
                if (l.jan() != null) {
                    jans.putIfAbsent(l.sku(), l.jan());
                }
            }
            PickPlan plan = plan(s);
            if (!plan.complete()) {
                flagged.add(new PickList.Flagged(s.key(), plan.message()));
            }
            for (PickPlan.Line line : plan.lines()) {
                for (PickAssignment.Pick p : line.picks()) {
                    Key k = new Key(p.location(), p.sku().value(), p.lotNo());
                    PickList.Row old = rows.get(k);
                    List<String> keys = new ArrayList<>(old == null ? List.of() : old.shipments());
                    if (!keys.contains(s.key())) {
                        keys.add(s.key());
                    }
                    rows.put(k, new PickList.Row(p.location(), p.walkOrder(), p.sku().value(),
                            names.getOrDefault(p.sku().value(), p.sku().value()), jans.get(p.sku().value()), p.lotNo(), p.expiryDate(),
                            (old == null ? 0 : old.quantity()) + p.quantity(), keys));
                }
            }
        }
        List<PickList.Row> sorted = rows.values().stream().sorted(WALK).toList();
        return new PickList(warehouses.size() == 1 ? warehouses.iterator().next() : (warehouse == null ? null : warehouse.strip()),
                chosen.stream().map(Shipment::key).toList(), sorted, flagged);
    }

    /** Walk order; 未棚入れ (no location) after every shelf; then location code, SKU, expiry. */
    static final Comparator<PickList.Row> WALK = Comparator
            .comparing((PickList.Row r) -> r.walkOrder() == null ? Integer.MAX_VALUE : r.walkOrder())
            .thenComparing(r -> r.location() == null ? "" : r.location())
            .thenComparing(PickList.Row::sku)
            .thenComparing(r -> r.expiryDate() == null ? LocalDate.MAX : r.expiryDate());

    private PickPlan plan(Shipment s) {
        boolean open = s.status() == ShipmentStatus.INSTRUCTED;
        LocalDate today = clock.instant().atZone(JAPAN).toLocalDate();
        Map<Long, LocalDate> minExpiryOfOrder = new HashMap<>();
        List<PickPlan.Line> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Shipment.Line l : s.lines()) {
            String orderRef = Order.reservationRef(l.orderId());
            String lineRef = String.valueOf(l.lineNo());
            PickAssignment a;
            if (open) {
                LocalDate min = minExpiryOfOrder.computeIfAbsent(l.orderId(), id -> {
                    int days = shelfLife.minDays(orders.get(id).channelId()).orElse(0);
                    return today.plusDays(days);
                });
                a = assignments.assign(orderRef, lineRef, min);
            } else {
                a = new PickAssignment(orderRef, lineRef, s.warehouse(), assignments.picks(orderRef, lineRef), List.of());
            }
            if (open && a.picks().isEmpty() && a.shortfalls().isEmpty()) {
                problems.add("%s 行%d: 在庫引当がありません".formatted(l.sku(), l.lineNo()));
            }
            for (PickAssignment.Shortfall f : a.shortfalls()) {
                problems.add("%s: %s".formatted(f.sku().value(), f.reason()));
            }
            lines.add(new PickPlan.Line(l.orderId(), l.lineNo(), l.sku(), l.name(), l.quantity(), a.picks(), a.shortfalls()));
        }
        boolean complete = problems.isEmpty();
        String message = complete ? null : "引当不足: " + String.join(" / ", problems);
        if (open) {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            jdbc.sql("delete from shipment_pick_status where shipment_id = :s").param("s", s.id()).update();
            jdbc.sql("insert into shipment_pick_status (shipment_id, status, message, planned_at) values (:s, :st, :m, :now)")
                    .param("s", s.id()).param("st", complete ? "OK" : "SHORT")
                    .param("m", message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message)
                    .param("now", now).update();
        }
        return new PickPlan(s.id(), s.key(), s.warehouse(), s.status().name(), complete, message, lines);
    }

    /** The last planning outcome of a shipment: empty when never planned, else null message = OK. */
    @Transactional(readOnly = true)
    public Optional<String> shortMessage(long shipmentId) {
        return jdbc.sql("select message from shipment_pick_status where shipment_id = :s and status = 'SHORT'").param("s", shipmentId)
                .query(String.class).optional().map(Objects::toString);
    }

    private Optional<Shipment> find(String keyOrId) {
        if (keyOrId == null) {
            return Optional.empty();
        }
        String k = keyOrId.strip();
        if (!k.isEmpty() && k.chars().allMatch(Character::isDigit) && k.length() < 19) {
            return shipments.find(Shipment.key(Long.parseLong(k)));
        }
        return shipments.find(k);
    }
}
