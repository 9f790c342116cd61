package dev.ichigen.fulfillment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.order.MergeGroup;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderLine;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.OrderSummary;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.BusinessCalendar;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 出荷指示・出荷検品・出荷: makes shipments from ready orders (one per order part or merge-group part, never two open
 * ones for the same part), verifies packing scan by scan, and marks packed shipments shipped — which ships every
 * member order ({@link OrderManagement#markShipped}) and with it the reserved stock. One public method = one
 * transaction.
 */
@Service
public class Shipments {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JdbcClient jdbc;
    private final OrderManagement orders;
    private final ShipmentGrouping grouping;
    private final ProductManagement products;
    private final BusinessCalendar calendar;
    private final FulfillmentSettingsStore settings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Shipments(JdbcClient jdbc, OrderManagement orders, ShipmentGrouping grouping, ProductManagement products,
            BusinessCalendar calendar, FulfillmentSettingsStore settings, AuditLog audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.grouping = grouping;
        this.products = products;
        this.calendar = calendar;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    @Transactional(readOnly = true)
    public Shipment get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("出荷 " + key + " はありません"));
    }

    @Transactional(readOnly = true)
    public Optional<Shipment> find(String key) {
        Long id = Shipment.idOf(key);
        return id == null ? Optional.empty() : load(id);
    }

    /** Shipments in a status (all when {@code null}), newest first. */
    @Transactional(readOnly = true)
    public List<Shipment> list(ShipmentStatus status, int limit) {
        List<Long> ids = status == null
                ? jdbc.sql("select id from shipment order by id desc limit :n").param("n", limit).query(Long.class).list()
                : jdbc.sql("select id from shipment where status = :s order by id desc limit :n").param("s", status.name())
                        .param("n", limit).query(Long.class).list();
        return ids.stream().map(id -> load(id).orElseThrow()).toList();
    }

    /** How many shipments are in each status. */
    @Transactional(readOnly = true)
    public Map<ShipmentStatus, Long> counts() {
        Map<ShipmentStatus, Long> counts = new LinkedHashMap<>();
        for (ShipmentStatus s : ShipmentStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("select status, count(*) from shipment group by status").query(rs -> {
            counts.put(ShipmentStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    /** Shipments marked shipped (出荷確定) at or after {@code from} and before {@code to}, in the order they shipped (出荷日報). */
    @Transactional(readOnly = true)
    public List<Shipment> shippedBetween(Instant from, Instant to) {
        return jdbc.sql("select id from shipment where shipped_at >= :f and shipped_at < :t order by shipped_at, id")
                .param("f", ts(from)).param("t", ts(to)).query(Long.class).list().stream().map(id -> load(id).orElseThrow())
                .toList();
    }

    /** The shipments an order is (or was) in, oldest first. */
    @Transactional(readOnly = true)
    public List<Shipment> ofOrder(long orderId) {
        return jdbc.sql("select shipment_id from shipment_order where order_id = :o order by shipment_id").param("o", orderId)
                .query(Long.class).list().stream().map(id -> load(id).orElseThrow()).toList();
    }

    // ------------------------------------------------------------------ 出荷指示

    /**
     * 出荷指示 for the chosen orders (a person's click or the API): each must be 出荷待ち, and for a merged order every
     * member of its group too — otherwise 409 naming the order. Returns the open shipments of the orders' units
     * (already existing ones included: asking twice changes nothing).
     */
    @Transactional
    public List<Shipment> instruct(List<Long> orderIds) {
        if (orderIds == null || orderIds.isEmpty()) {
            throw new InvalidInputException("orderIds", "出荷指示する受注を選んでください");
        }
        lockInstructions();
        Set<Long> ids = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (long orderId : orderIds) {
            try {
                ids.addAll(instructUnit(orderId, true));
            } catch (ConflictException | NotFoundException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConflictException(String.join(" / ", problems));
        }
        return ids.stream().map(id -> load(id).orElseThrow()).toList();
    }

    /**
     * The automatic 出荷指示 after an order became 出荷待ち: nothing when it is not (any more) ready, when its merge
     * group still waits for members, or when its shipments exist already.
     */
    @Transactional
    public List<Shipment> instructIfReady(long orderId) {
        lockInstructions();
        try {
            return instructUnit(orderId, false).stream().map(id -> load(id).orElseThrow()).toList();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /**
     * After merging, leaving a group, splitting or unsplitting: each order's instructions are made again where they
     * no longer match its parcels (unpacked ones only; a packed parcel stays until a person cancels it).
     */
    @Transactional
    public void regroup(List<Long> orderIds) {
        lockInstructions();
        for (long id : orderIds) {
            try {
                instructUnit(id, false);
            } catch (NotFoundException e) {
                // gone: nothing to regroup
            }
        }
    }

    /**
     * Voids the open shipments of a cancelled order (取消), then instructs the other orders of those shipments again
     * when they are still ready (a merge group that lost a member leaves without it).
     */
    @Transactional
    public List<Shipment> voidForCancelledOrder(long orderId, String reason) {
        lockInstructions();
        Instant now = clock.instant();
        Set<Long> others = new LinkedHashSet<>();
        for (Shipment s : ofOrder(orderId)) {
            if (s.status().open()) {
                cancel(s, "受注キャンセル" + (reason == null || reason.isBlank() ? "" : ": " + reason), now);
                s.orderIds().stream().filter(o -> o != orderId).forEach(others::add);
            }
        }
        List<Shipment> recreated = new ArrayList<>();
        for (long other : others) {
            instructUnit(other, false).forEach(id -> recreated.add(load(id).orElseThrow()));
        }
        return recreated;
    }

    /** Voids an INSTRUCTED or PACKED shipment by hand (e.g. to re-plan it); its orders can be instructed again. */
    @Transactional
    public Shipment cancel(String key, String reason) {
        Shipment s = lock(key);
        if (!s.status().open()) {
            throw new ConflictException("出荷 " + s.key() + " は" + s.status().label() + "のため取り消せません");
        }
        cancel(s, reason == null || reason.isBlank() ? "手動取消" : reason, clock.instant());
        return load(s.id()).orElseThrow();
    }

    private void cancel(Shipment s, String reason, Instant now) {
        jdbc.sql("update shipment set status = 'CANCELLED', open_key = null, cancelled_at = :now, cancel_reason = :r where id = :id")
                .param("now", ts(now)).param("r", cut(reason, 500)).param("id", s.id()).update();
        audit.record("shipment.cancel", "shipment", s.key(), "出荷 " + s.key() + " 取消: " + reason, s.status().name(), "CANCELLED");
    }

    /** One order's unit (the order alone, or its merge group without cancelled members) → its open shipment ids. */
    private List<Long> instructUnit(long orderId, boolean explicit) {
        Order order = orders.get(orderId);
        if (order.status() != OrderStatus.READY_TO_SHIP) {
            if (!explicit && order.status().open()) {
                // held again, waiting for payment or stock: its unpacked instructions go until it is ready again
                Instant now = clock.instant();
                for (Shipment s : ofOrder(orderId)) {
                    if (s.status() == ShipmentStatus.INSTRUCTED) {
                        cancel(s, "受注が" + order.status().label() + "になったため取消", now);
                    }
                }
            }
            if (explicit && order.status() != OrderStatus.SHIPPED) {
                throw new ConflictException("受注 " + orderId + " は" + order.status().label() + "のため出荷指示できません");
            }
            return List.of();
        }
        Optional<MergeGroup> group = grouping.groupOf(orderId);
        List<Order> members = new ArrayList<>();
        Long groupId = null;
        if (group.isPresent()) {
            List<OrderSummary> live = group.get().orders().stream().filter(o -> o.status() != OrderStatus.CANCELLED).toList();
            List<OrderSummary> waiting = live.stream().filter(o -> o.status() != OrderStatus.READY_TO_SHIP).toList();
            if (!waiting.isEmpty()) {
                if (explicit) {
                    throw new ConflictException("受注 " + orderId + " の同梱相手 " + waiting.stream()
                            .map(o -> o.id() + "（" + o.status().label() + "）").toList() + " が出荷待ちではありません");
                }
                // the group leaves when its last member is ready; parcels made for members before they merged go
                String groupUnit = "group:" + group.get().id();
                Instant now = clock.instant();
                for (OrderSummary m : live) {
                    for (Shipment s : ofOrder(m.id())) {
                        if (s.status() == ShipmentStatus.INSTRUCTED && !s.unitKey().equals(groupUnit)) {
                            cancel(s, "同梱・分割の変更により作り直し", now);
                        }
                    }
                }
                return List.of();
            }
            if (live.size() > 1) {
                groupId = group.get().id();
                live.forEach(o -> members.add(orders.get(o.id())));
            }
        }
        if (members.isEmpty()) {
            members.add(order);
        }
        String unitKey = groupId != null ? "group:" + groupId : "order:" + orderId;

        // the lines of each part: part → (order id, line no) in order
        Map<Integer, List<Object[]>> parts = new TreeMap<>();
        for (Order m : members) {
            Map<Integer, Integer> partOf = grouping.shipmentParts(m.id());
            for (OrderLine l : m.lines()) {
                if (l.sku() == null || l.quantity() <= 0) {
                    continue;
                }
                parts.computeIfAbsent(partOf.getOrDefault(l.lineNo(), 1), p -> new ArrayList<>()).add(new Object[] { m, l });
            }
        }

        // existing open shipments of the members that no longer match their part (merged or split since) are voided
        Instant now = clock.instant();
        Set<Long> keep = new LinkedHashSet<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Order m : members) {
            for (Shipment s : ofOrder(m.id())) {
                if (!s.status().open() || !seen.add(s.id())) {
                    continue;
                }
                List<Object[]> wanted = s.unitKey().equals(unitKey) ? parts.get(s.part()) : null;
                if (wanted != null && sameLines(s, wanted)) {
                    keep.add(s.id());
                } else if (s.status() == ShipmentStatus.INSTRUCTED) {
                    cancel(s, "同梱・分割の変更により作り直し", now);
                } else if (explicit) {
                    throw new ConflictException("出荷 " + s.key() + " は検品済です。同梱・分割を変えるには先に取り消してください");
                } else {
                    return List.copyOf(keep); // a packed parcel is never replaced silently
                }
            }
        }
        Set<Integer> covered = new LinkedHashSet<>();
        keep.forEach(id -> covered.add(load(id).orElseThrow().part()));
        List<Long> result = new ArrayList<>(keep);
        for (var e : parts.entrySet()) {
            if (!covered.contains(e.getKey())) {
                result.add(create(unitKey, e.getKey(), groupId, members, e.getValue(), now));
            }
        }
        return result;
    }

    private static boolean sameLines(Shipment s, List<Object[]> wanted) {
        Set<String> have = new java.util.HashSet<>();
        s.lines().forEach(l -> have.add(l.orderId() + "/" + l.lineNo() + "/" + l.quantity()));
        Set<String> want = new java.util.HashSet<>();
        wanted.forEach(w -> want.add(((Order) w[0]).id() + "/" + ((OrderLine) w[1]).lineNo() + "/" + ((OrderLine) w[1]).quantity()));
        return have.equals(want);
    }

    private long create(String unitKey, int part, Long groupId, List<Order> members, List<Object[]> lines, Instant now) {
        FulfillmentSettings conf = settings.get();
        Order first = members.getFirst();
        LocalDate today = LocalDate.ofInstant(now, JAPAN);
        LocalDate planned = members.stream().map(o -> o.shippingPlan() == null ? null : o.shippingPlan().plannedShipDate())
                .filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElseGet(() -> calendar.addBusinessDays(today, 1));
        Order withDelivery = members.stream().filter(o -> o.delivery() != null && (o.delivery().date() != null || o.delivery().timeSlot() != null))
                .findFirst().orElse(null);
        Order withCarrier = members.stream().filter(o -> o.shippingPlan() != null && o.shippingPlan().carrier() != null)
                .findFirst().orElse(null);
        String carrier = withCarrier != null ? withCarrier.shippingPlan().carrier() : conf.defaultCarrier();
        String service = withCarrier != null ? withCarrier.shippingPlan().service() : conf.defaultService();
        // 代引き is collected once per order: with the order's first part (docs/FULFILLMENT.md)
        long cod = 0;
        for (Order m : members) {
            if (m.paymentMethod() == PaymentMethod.COD && part == firstPart(m, lines, part)) {
                cod += m.totals().amountToCollect();
            }
        }
        TemperatureZone zone = TemperatureZone.AMBIENT;
        List<Object[]> rows = new ArrayList<>();
        for (Object[] w : lines) {
            Order o = (Order) w[0];
            OrderLine l = (OrderLine) w[1];
            Optional<Product> p = products.find(l.sku());
            if (p.isPresent() && p.get().temperatureZone() != null && p.get().temperatureZone().compareTo(zone) > 0) {
                zone = p.get().temperatureZone(); // the coldest line decides: AMBIENT < CHILLED < FROZEN
            }
            String jan = p.map(Product::jan).map(Object::toString).orElse(null);
            rows.add(new Object[] { o.id(), l.lineNo(), l.sku().value(), jan, cut(l.name() == null ? l.sku().value() : l.name(), 300),
                    l.quantity() });
        }
        String cool = switch (zone) {
            case AMBIENT -> "NONE";
            case CHILLED -> "CHILLED";
            case FROZEN -> "FROZEN";
        };
        String warehouse = first.allocation() == null ? null : first.allocation().warehouse();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into shipment (status, unit_key, part, open_key, warehouse, planned_ship_date, delivery_date, time_slot,
                    carrier, service, cod_amount, cool, created_at, created_by)
                values ('INSTRUCTED', :unit, :part, :open, :wh, :planned, :dd, :slot, :carrier, :service, :cod, :cool, :now, :by)""")
                .param("unit", unitKey).param("part", part).param("open", unitKey + ":" + part).param("wh", warehouse)
                .param("planned", planned)
                .param("dd", withDelivery == null ? null : withDelivery.delivery().date())
                .param("slot", withDelivery == null ? null : withDelivery.delivery().timeSlot())
                .param("carrier", carrier).param("service", service).param("cod", cod).param("cool", cool)
                .param("now", ts(now)).param("by", CurrentActor.name()).update(keys, "id");
        long id = keys.getKey().longValue();
        for (Order m : members) {
            if (lines.stream().anyMatch(w -> ((Order) w[0]).id() == m.id())) {
                jdbc.sql("insert into shipment_order (shipment_id, order_id) values (:s, :o)").param("s", id).param("o", m.id()).update();
            }
        }
        for (Object[] r : rows) {
            jdbc.sql("""
                    insert into shipment_line (shipment_id, order_id, line_no, sku, jan, name, quantity, packed_quantity)
                    values (:s, :o, :l, :sku, :jan, :name, :q, 0)""")
                    .param("s", id).param("o", r[0]).param("l", r[1]).param("sku", r[2]).param("jan", r[3]).param("name", r[4])
                    .param("q", r[5]).update();
        }
        audit.record("shipment.instruct", "shipment", Shipment.key(id), "出荷指示 " + Shipment.key(id) + "（" + unitKey + " 分割" + part + "）",
                null, null);
        events.publishEvent(new ShipmentInstructed(id, Shipment.key(id), warehouse));
        return id;
    }

    /** The lowest part number the order has lines in (among all its parts, not only this one). */
    private int firstPart(Order m, List<Object[]> lines, int part) {
        Map<Integer, Integer> partOf = grouping.shipmentParts(m.id());
        return m.lines().stream().filter(l -> l.sku() != null).map(l -> partOf.getOrDefault(l.lineNo(), 1)).min(Integer::compare)
                .orElse(part);
    }

    /** Serialises instruction making (the settings row is the lock): the listener and a person's click never race. */
    private void lockInstructions() {
        jdbc.sql("select id from fulfillment_setting where id = 1 for update").query(Long.class).optional();
    }

    // ------------------------------------------------------------------ 出荷検品

    /**
     * One scan at packing: the item's JAN (or SKU when it has none) counts for the first line of that item still
     * short. Refused (409, the shipment unchanged) when the item is not in the shipment (誤品) or all of it is
     * packed already (数量超過). The shipment becomes PACKED with the scan that completes every line.
     */
    @Transactional
    public PackScan scan(String key, String code) {
        Shipment s = lock(key);
        if (s.status() != ShipmentStatus.INSTRUCTED) {
            throw new ConflictException("出荷 " + s.key() + " は" + s.status().label() + "です。検品できません");
        }
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            throw new InvalidInputException("code", "商品のJANコードまたはSKUを読み取ってください");
        }
        List<Shipment.Line> matching = s.lines().stream()
                .filter(l -> c.equals(l.jan()) || (l.jan() == null && c.equalsIgnoreCase(l.sku())) || c.equalsIgnoreCase(l.sku()))
                .toList();
        if (matching.isEmpty()) {
            throw new ConflictException("誤品です: " + c + " はこの出荷（" + s.key() + "）の商品ではありません");
        }
        Shipment.Line line = matching.stream().filter(l -> l.missing() > 0).findFirst().orElse(null);
        if (line == null) {
            Shipment.Line l = matching.getFirst();
            throw new ConflictException("数量超過です: " + l.name() + "（" + l.sku() + "）は " + l.quantity() + " 点すべて検品済みです");
        }
        jdbc.sql("update shipment_line set packed_quantity = packed_quantity + 1 where shipment_id = :s and order_id = :o and line_no = :l")
                .param("s", s.id()).param("o", line.orderId()).param("l", line.lineNo()).update();
        Shipment after = load(s.id()).orElseThrow();
        boolean packed = after.fullyPacked();
        if (packed) {
            markPacked(after);
            after = load(s.id()).orElseThrow();
        }
        Shipment done = after;
        Shipment.Line counted = done.lines().stream().filter(l -> l.orderId() == line.orderId() && l.lineNo() == line.lineNo())
                .findFirst().orElseThrow();
        return new PackScan(done, counted, packed);
    }

    /**
     * 検品完了: 422 listing what is still missing (欠品) unless every line was scanned (then the shipment is PACKED
     * already and this changes nothing).
     */
    @Transactional
    public Shipment finishPacking(String key) {
        Shipment s = lock(key);
        if (s.status() == ShipmentStatus.PACKED) {
            return s;
        }
        if (s.status() != ShipmentStatus.INSTRUCTED) {
            throw new ConflictException("出荷 " + s.key() + " は" + s.status().label() + "です。検品できません");
        }
        List<FieldError> missing = s.lines().stream().filter(l -> l.missing() > 0)
                .map(l -> new FieldError("lines[" + l.orderId() + "/" + l.lineNo() + "]", "不足: " + l.name() + "（" + l.sku()
                        + (l.jan() == null ? "" : " / " + l.jan()) + "）あと " + l.missing() + " 点"))
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        markPacked(s);
        return load(s.id()).orElseThrow();
    }

    /** Starts the pack verification of an INSTRUCTED shipment over (every count back to 0). */
    @Transactional
    public Shipment resetPacking(String key) {
        Shipment s = lock(key);
        if (s.status() != ShipmentStatus.INSTRUCTED) {
            throw new ConflictException("出荷 " + s.key() + " は" + s.status().label() + "です。検品をやり直せません");
        }
        jdbc.sql("update shipment_line set packed_quantity = 0 where shipment_id = :s").param("s", s.id()).update();
        return load(s.id()).orElseThrow();
    }

    private void markPacked(Shipment s) {
        jdbc.sql("update shipment set status = 'PACKED', packed_at = :now where id = :id").param("now", ts(clock.instant()))
                .param("id", s.id()).update();
        audit.record("shipment.pack", "shipment", s.key(), "出荷検品完了 " + s.key(), "INSTRUCTED", "PACKED");
        events.publishEvent(new ShipmentPacked(s.id(), s.key()));
    }

    // ------------------------------------------------------------------ 出荷

    /**
     * 出荷確定: a PACKED shipment with at least one tracking number ships — every member order is marked shipped
     * (its reserved stock leaves the warehouse) and {@link ShipmentShipped} is published. Shipping twice is a no-op.
     */
    @Transactional
    public Shipment ship(String key) {
        Shipment s = lock(key);
        if (s.status() == ShipmentStatus.SHIPPED) {
            return s;
        }
        if (s.status() != ShipmentStatus.PACKED) {
            throw new ConflictException("出荷 " + s.key() + " は" + s.status().label() + "です。検品済の出荷だけが出荷できます");
        }
        if (s.tracking().isEmpty()) {
            throw new ConflictException("出荷 " + s.key() + " には送り状番号がありません。発行済みデータを取り込んでください");
        }
        List<String> notReady = new ArrayList<>();
        for (long orderId : s.orderIds()) {
            Order o = orders.get(orderId);
            if (o.status() != OrderStatus.READY_TO_SHIP && o.status() != OrderStatus.SHIPPED) {
                notReady.add("受注 " + orderId + " は" + o.status().label());
            }
        }
        if (!notReady.isEmpty()) {
            throw new ConflictException("出荷 " + s.key() + " は出荷できません: " + String.join("・", notReady) + "です");
        }
        List<ShipmentShipped.ShippedOrder> shipped = new ArrayList<>();
        for (long orderId : s.orderIds()) {
            Order o = orders.markShipped(orderId);
            shipped.add(new ShipmentShipped.ShippedOrder(o.id(), o.channelId(), o.channelOrderNumber()));
        }
        jdbc.sql("update shipment set status = 'SHIPPED', shipped_at = :now where id = :id").param("now", ts(clock.instant()))
                .param("id", s.id()).update();
        audit.record("shipment.ship", "shipment", s.key(), "出荷確定 " + s.key(), "PACKED", "SHIPPED");
        events.publishEvent(new ShipmentShipped(s.id(), s.key(), shipped, s.carrier(), s.service(),
                s.tracking().stream().map(Shipment.Tracking::trackingNumber).toList()));
        return load(s.id()).orElseThrow();
    }

    // ------------------------------------------------------------------ rows

    Shipment lock(String key) {
        Long id = Shipment.idOf(key);
        if (id == null || jdbc.sql("select id from shipment where id = :id for update").param("id", id).query(Long.class).optional().isEmpty()) {
            throw new NotFoundException("出荷 " + key + " はありません");
        }
        return load(id).orElseThrow();
    }

    Optional<Shipment> load(long id) {
        return jdbc.sql("select * from shipment where id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    private Shipment row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Long> orderIds = jdbc.sql("select order_id from shipment_order where shipment_id = :s order by order_id")
                .param("s", id).query(Long.class).list();
        List<Shipment.Line> lines = jdbc.sql("""
                select order_id, line_no, sku, jan, name, quantity, packed_quantity from shipment_line
                where shipment_id = :s order by order_id, line_no""").param("s", id)
                .query((r, i) -> new Shipment.Line(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getLong(6), r.getLong(7)))
                .list();
        List<Shipment.Tracking> tracking = jdbc.sql("""
                select tracking_number, carrier, attached_at from shipment_tracking where shipment_id = :s
                order by attached_at, tracking_number""").param("s", id)
                .query((r, i) -> {
                    dev.ichigen.shipping.Carrier c = dev.ichigen.shipping.Carrier.valueOf(r.getString(2));
                    return new Shipment.Tracking(r.getString(1), c.name(), c.trackingUrl(r.getString(1)), instant(r, 3));
                }).list();
        String unit = rs.getString("unit_key");
        Long group = unit.startsWith("group:") ? Long.valueOf(unit.substring(6)) : null;
        return new Shipment(id, Shipment.key(id), ShipmentStatus.valueOf(rs.getString("status")), unit, rs.getInt("part"), group,
                rs.getString("warehouse"), rs.getObject("planned_ship_date", LocalDate.class),
                rs.getObject("delivery_date", LocalDate.class), rs.getString("time_slot"), rs.getString("carrier"),
                rs.getString("service"), rs.getLong("cod_amount"), rs.getString("cool"), orderIds, lines, tracking,
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "packed_at"), instant(rs, "shipped_at"),
                instant(rs, "cancelled_at"), rs.getString("cancel_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
