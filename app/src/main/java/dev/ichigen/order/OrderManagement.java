package dev.ichigen.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.OrderLineReservation;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * Working with stored orders (受注管理): find and list them, count them per status and channel, re-check,
 * release or place holds, record payment, cancel, mark shipped. Every public method is one transaction;
 * what a person does is written to the order's history and the audit log.
 */
@Service
public class OrderManagement {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,59}");
    /** SHIPPED and CANCELLED are counted for orders of this recent period only (they pile up forever). */
    static final Duration CLOSED_COUNT_PERIOD = Duration.ofDays(30);

    private final OrderStore store;
    private final OrderProcessor processor;
    private final InventoryManagement inventory;
    private final AuditLog audit;
    private final Clock clock;

    OrderManagement(OrderStore store, OrderProcessor processor, InventoryManagement inventory, AuditLog audit, Clock clock) {
        this.store = store;
        this.processor = processor;
        this.inventory = inventory;
        this.audit = audit;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /** One order with lines (and their reservations), holds, totals and tax summary; 404 when unknown. */
    @Transactional(readOnly = true)
    public Order get(long orderId) {
        Map<Integer, String[]> reservations = new HashMap<>();
        for (OrderLineReservation r : inventory.reservations(Order.reservationRef(orderId))) {
            try {
                reservations.put(Integer.parseInt(r.lineRef()), new String[] { r.status().name(), r.warehouse() });
            } catch (NumberFormatException e) {
                // not one of ours
            }
        }
        return store.load(orderId, reservations).orElseThrow(() -> new NotFoundException("受注 " + orderId + " はありません"));
    }

    /** The order a channel knows by {@code channelOrderNumber}. */
    @Transactional(readOnly = true)
    public Optional<Order> find(long channelId, String channelOrderNumber) {
        if (channelOrderNumber == null || channelOrderNumber.isBlank()) {
            return Optional.empty();
        }
        return store.idByNumber(channelId, channelOrderNumber.strip()).map(this::get);
    }

    /** Orders matching the query, newest order first; {@code page} 0-based, {@code size} 1–500. */
    @Transactional(readOnly = true)
    public Page<OrderSummary> search(OrderQuery query, int page, int size) {
        OrderQuery q = query == null ? OrderQuery.ALL : query;
        int p = Math.max(0, page);
        int s = Math.clamp(size, 1, 500);
        Set<String> keys = q.q() == null || q.q().isBlank() ? null : SearchKeys.query(q.q());
        return store.search(q, keys, p, s);
    }

    /** Orders per status and per channel; SHIPPED and CANCELLED only for orders of the last 30 days. */
    @Transactional(readOnly = true)
    public OrderCounts counts() {
        return store.counts(clock.instant().minus(CLOSED_COUNT_PERIOD));
    }

    /** The order's history, oldest first. */
    @Transactional(readOnly = true)
    public List<OrderHistoryEntry> history(long orderId) {
        if (!store.exists(orderId)) {
            throw new NotFoundException("受注 " + orderId + " はありません");
        }
        return store.history(orderId);
    }

    /**
     * Open orders paid by {@code method} still waiting for their payment (入金待ち: payment status PENDING,
     * not cancelled or shipped), oldest first — the candidates of bank reconciliation (入金消込).
     */
    @Transactional(readOnly = true)
    public List<PaymentDue> awaitingPayment(PaymentMethod method) {
        if (method == null) {
            throw new InvalidInputException("paymentMethod", "支払い方法を指定してください");
        }
        return store.awaitingPayment(method);
    }

    // ------------------------------------------------------------------ changing

    /**
     * 再チェック: resolves lines again (a channel item mapped since), runs every check (holds whose cause is
     * gone are resolved FIXED) and allocates stock if the order has none yet. Shipped or cancelled orders are
     * left as they are.
     */
    @Transactional
    public Order recheck(long orderId) {
        OrderStore.Header h = lockOrThrow(orderId);
        if (h.status().open()) {
            recheck(h, null, null);
            audit.record("order.recheck", "order", String.valueOf(orderId), "受注 " + orderId + " を再チェック", null, null);
        }
        return get(orderId);
    }

    /** The same without audit entry: for work the system does (a channel item was mapped). */
    @Transactional
    void recheckBySystem(long orderId) {
        store.lock(orderId).filter(h -> h.status().open()).ifPresent(h -> recheck(h, null, null));
    }

    /**
     * A person releases a hold (保留解除) with a note saying why. The hold stays in the order's record as
     * RELEASED; a check does not raise it again while the data it rested on stays the same.
     */
    @Transactional
    public Order releaseHold(long orderId, long holdId, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "解除する理由を入力してください");
        }
        String why = Texts.truncate(note.strip(), 1000);
        OrderStore.Header h = lockOrThrow(orderId);
        OrderState s = state(h);
        OrderStore.HoldRow hold = s.holds.stream().filter(x -> x.id() == holdId).findFirst()
                .orElseThrow(() -> new NotFoundException("受注 %d に保留 %d はありません".formatted(orderId, holdId)));
        if (!hold.open()) {
            throw new ConflictException("保留 %d は解除済みです（%s）".formatted(holdId, hold.resolution()));
        }
        Instant now = clock.instant();
        store.resolveHold(holdId, HoldResolution.RELEASED, CurrentActor.name(), why, now);
        s.holds = s.holds.stream().map(x -> x.id() != holdId ? x
                : new OrderStore.HoldRow(x.id(), x.code(), x.detail(), x.source(), x.sourceRef(), x.raisedBy(), x.basisHash(),
                        false, HoldResolution.RELEASED)).toList();
        s.history("HOLD_RELEASED", hold.code(), hold.detail(), null, why);
        audit.record("order.hold.release", "order", String.valueOf(orderId),
                "受注 %d の保留 %s を解除: %s".formatted(orderId, hold.code(), why),
                Map.of("holdId", holdId, "code", hold.code(), "detail", hold.detail()), Map.of("note", why));
        processor.settle(s, now);
        return get(orderId);
    }

    /**
     * 一括保留解除: a person releases every open hold of the order with one note (as {@link #releaseHold} each).
     * An order without open holds is left as it is.
     */
    @Transactional
    public Order releaseAllHolds(long orderId, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "解除する理由を入力してください");
        }
        lockOrThrow(orderId);
        List<Long> open = store.holds(orderId).stream().filter(Hold::open).map(Hold::id).toList();
        for (long holdId : open) {
            releaseHold(orderId, holdId, note);
        }
        return get(orderId);
    }

    /**
     * A person puts the order on hold ({@code code} upper snake case, default MANUAL; {@code detail} says why).
     * Such a hold is only lifted by a person's release.
     */
    @Transactional
    public Order placeHold(long orderId, String code, String detail) {
        String c = code == null || code.isBlank() ? HoldReason.MANUAL : code.strip();
        List<dev.ichigen.shared.FieldError> errors = new ArrayList<>();
        if (!CODE.matcher(c).matches()) {
            errors.add(new dev.ichigen.shared.FieldError("code", "保留コードは英大文字・数字・_ の60文字以内です: " + c));
        }
        if (detail == null || detail.isBlank()) {
            errors.add(new dev.ichigen.shared.FieldError("detail", "保留する理由を入力してください"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        OrderStore.Header h = lockOrThrow(orderId);
        if (!h.status().open()) {
            throw new ConflictException("受注 %d は %s です".formatted(orderId, h.status().label()));
        }
        OrderState s = state(h);
        Instant now = clock.instant();
        String actor = CurrentActor.name();
        String text = Texts.truncate(detail.strip(), 1000);
        long id = store.insertHold(orderId, c, text, HoldSource.PERSON, actor, null, Texts.sha256(text), now);
        s.holds.add(new OrderStore.HoldRow(id, c, text, HoldSource.PERSON, actor, null, Texts.sha256(text), true, null));
        s.history("HOLD_RAISED", c, null, text, actor);
        s.events.add(new OrderHeld(orderId, List.of(c)));
        audit.record("order.hold.place", "order", String.valueOf(orderId), "受注 %d を保留 %s: %s".formatted(orderId, c, text),
                null, Map.of("holdId", id, "code", c, "detail", text));
        processor.settle(s, now);
        return get(orderId);
    }

    /**
     * Records the payment status (入金・与信), e.g. from bank reconciliation (入金消込) or a person; the
     * checks run again, so a PAYMENT_PENDING hold is FIXED once the order is PAID or AUTHORIZED.
     */
    @Transactional
    public Order updatePayment(long orderId, PaymentStatus status, String note) {
        if (status == null) {
            throw new InvalidInputException("status", "入金状況を指定してください");
        }
        OrderStore.Header h = lockOrThrow(orderId);
        if (h.paymentStatus() == status) {
            return get(orderId);
        }
        String why = note == null || note.isBlank() ? null : Texts.truncate(note.strip(), 1000);
        if (!h.status().open()) {
            throw new ConflictException("受注 %d は %s です".formatted(orderId, h.status().label()));
        }
        recheck(h, status, why);
        audit.record("order.payment", "order", String.valueOf(orderId),
                "受注 %d の入金状況を %s に変更%s".formatted(orderId, status.label(), why == null ? "" : ": " + why),
                Map.of("paymentStatus", h.paymentStatus().name()), Map.of("paymentStatus", status.name()));
        return get(orderId);
    }

    /** A person cancels the order: reservations are released. A shipped order cannot be cancelled (409). */
    @Transactional
    public Order cancel(long orderId, String reason) {
        OrderStore.Header h = lockOrThrow(orderId);
        if (h.cancelled()) {
            return get(orderId);
        }
        if (h.shipped()) {
            throw new ConflictException("受注 %d は出荷済みのためキャンセルできません".formatted(orderId));
        }
        String why = reason == null || reason.isBlank() ? "担当者がキャンセル" : Texts.truncate(reason.strip(), 500);
        OrderState s = state(h);
        Instant now = clock.instant();
        processor.cancel(s, why, now);
        audit.record("order.cancel", "order", String.valueOf(orderId), "受注 %d をキャンセル: %s".formatted(orderId, why),
                Map.of("status", h.status().name()), Map.of("status", OrderStatus.CANCELLED.name()));
        processor.settle(s, now);
        return get(orderId);
    }

    /**
     * 配送方法の指定: a person sets the carrier and service (free codes such as {@code yamato} / {@code takkyubin}
     * until the shipping module gives them meaning; {@code null}/blank service clears it). Kept when the channel
     * sends the order again, unless the channel changes the shipping plan itself. Only open orders.
     */
    @Transactional
    public Order assignCarrier(long orderId, String carrier, String service) {
        List<dev.ichigen.shared.FieldError> errors = new ArrayList<>();
        String c = carrier == null ? "" : carrier.strip();
        String v = service == null || service.isBlank() ? null : service.strip();
        if (c.isEmpty()) {
            errors.add(new dev.ichigen.shared.FieldError("carrier", "配送業者を指定してください"));
        } else if (c.length() > 40) {
            errors.add(new dev.ichigen.shared.FieldError("carrier", "配送業者は40文字以内です"));
        }
        if (v != null && v.length() > 40) {
            errors.add(new dev.ichigen.shared.FieldError("service", "配送サービスは40文字以内です"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        OrderStore.Header h = lockOrThrow(orderId);
        if (!h.status().open()) {
            throw new ConflictException("受注 %d は %s です".formatted(orderId, h.status().label()));
        }
        ShippingPlan before = store.shippingPlan(orderId);
        if (c.equals(before.carrier()) && Objects.equals(v, before.service())) {
            return get(orderId);
        }
        store.updateShippingPlan(orderId, new ShippingPlan(before.plannedShipDate(), c, v));
        Instant now = clock.instant();
        store.appendHistory(orderId, List.of(
                new OrderStore.HistoryRow("CHANGED", "shippingPlan.carrier", before.carrier(), c, "担当者が配送方法を指定"),
                new OrderStore.HistoryRow("CHANGED", "shippingPlan.service", before.service(), v, null)), CurrentActor.name(), now);
        Map<String, Object> was = new HashMap<>();
        was.put("carrier", before.carrier());
        was.put("service", before.service());
        Map<String, Object> is = new HashMap<>();
        is.put("carrier", c);
        is.put("service", v);
        audit.record("order.carrier", "order", String.valueOf(orderId),
                "受注 %d の配送方法を %s%s に指定".formatted(orderId, c, v == null ? "" : " / " + v), was, is);
        return get(orderId);
    }

    /**
     * 出荷済: the order left the warehouse — every line's reservation is shipped from inventory
     * ({@link InventoryManagement#ship}) and the order becomes SHIPPED. For the fulfillment module (after the
     * parcel is handed over); only a READY_TO_SHIP order can be shipped (409 otherwise). Shipping again does
     * nothing.
     */
    @Transactional
    public Order markShipped(long orderId) {
        OrderStore.Header h = lockOrThrow(orderId);
        if (h.shipped()) {
            return get(orderId);
        }
        OrderState s = state(h);
        Instant now = clock.instant();
        processor.ship(s, now);
        processor.settle(s, now);
        return get(orderId);
    }

    // ------------------------------------------------------------------ for the backorder re-allocation

    /**
     * Allocates a backordered order now, without waiting behind older ones (the caller goes oldest first);
     * answers whether it is allocated. Anything else than a still-open backorder is left alone.
     */
    @Transactional
    boolean allocateBackorder(long orderId) {
        Optional<OrderStore.Header> h = store.lock(orderId);
        if (h.isEmpty() || h.get().allocation() != AllocationState.BACKORDERED || !h.get().status().open()) {
            return false;
        }
        OrderState s = state(h.get());
        processor.allocate(s, null, false);
        processor.settle(s, clock.instant());
        return s.allocation == AllocationState.ALLOCATED;
    }

    // ------------------------------------------------------------------ internals

    private OrderStore.Header lockOrThrow(long orderId) {
        return store.lock(orderId).orElseThrow(() -> new NotFoundException("受注 " + orderId + " はありません"));
    }

    private OrderState state(OrderStore.Header h) {
        OrderState s = new OrderState(h, false);
        processor.loadHolds(s);
        s.lines = store.lines(h.id());
        return s;
    }

    /** Re-resolves lines, optionally records a new payment status, re-runs the checks and allocates. */
    private void recheck(OrderStore.Header h, PaymentStatus payment, String paymentNote) {
        Instant now = clock.instant();
        OrderState s = state(h);
        Order view = store.load(h.id(), Map.of()).orElseThrow();
        NewOrder content = content(view, payment == null ? view.paymentStatus() : payment);
        List<OrderSnapshot.Line> lines = processor.resolve(s, content, false);
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, OrderStore.StoredLine> before = OrderProcessor.byKey(s.lines);
        s.lines.forEach(l -> numbers.put(l.lineKey(), l.lineNo()));
        List<OrderStore.StoredLine> after = OrderProcessor.storedLines(lines, numbers);
        List<OrderStore.StoredLine> resolved = new ArrayList<>();
        Set<Integer> changed = new LinkedHashSet<>();
        for (OrderStore.StoredLine a : after) {
            OrderStore.StoredLine b = before.get(a.lineKey());
            if (!Objects.equals(a.sku(), b.sku()) || a.problem() != b.problem()) {
                resolved.add(a);
                changed.add(a.lineNo());
                s.history("CHANGED", "lines[" + a.lineKey() + "].sku", b.sku() == null ? null : b.sku().value(),
                        a.sku() == null ? null : a.sku().value(), "再チェックで商品を再判定"
                                + (a.problem() == null ? "" : "（" + a.problem() + "）"));
            }
        }
        if (!resolved.isEmpty()) {
            store.updateLineResolution(h.id(), resolved);
            processor.releaseLines(s, new ArrayList<>(changed));
        }
        s.lines = after;
        if (payment != null) {
            s.history("PAYMENT", "paymentStatus", s.paymentStatus.label(), payment.label(), paymentNote);
            s.paymentStatus = payment;
        }
        processor.check(s, new OrderSnapshot(h.id(), false, content, lines, OrderPricing.compute(content)), now);
        processor.allocate(s, changed, true);
        s.history("RECHECKED", null, null, null, null);
        processor.settle(s, now);
    }

    /** The content of a stored order as a normalised {@link NewOrder} (for re-checks). */
    private static NewOrder content(Order o, PaymentStatus payment) {
        List<NewDestination> destinations = o.destinations().stream()
                .map(d -> new NewDestination(d.key(), d.name(), d.kana(), d.phone(), d.company(), d.address())).toList();
        List<NewOrderLine> lines = o.lines().stream()
                .map(l -> new NewOrderLine(l.lineKey(), l.destination(), l.itemCode(), l.subCode(), l.statedSku(), l.name(),
                        l.quantity(), l.unitPrice(), l.taxRate(), l.priceIncludesTax()))
                .toList();
        return new NewOrder(o.channelId(), o.channelOrderNumber(), o.orderName(), o.orderedAt(), o.customer(),
                o.ordererAddress(), destinations, lines, o.discounts(), o.charges(), o.totals().pointsUsed(),
                o.totals().channelGrandTotal(), o.paymentMethod(), payment, o.delivery(), o.remarks(), o.tags(),
                o.insertFlyers(), o.shippingPlan(), false);
    }
}
