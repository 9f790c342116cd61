package dev.ichigen.order.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.ichigen.order.AllocationState;
import dev.ichigen.order.Destination;
import dev.ichigen.order.Hold;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderCounts;
import dev.ichigen.order.OrderHistoryEntry;
import dev.ichigen.order.OrderLine;
import dev.ichigen.order.OrderSummary;
import dev.ichigen.order.OrderTotals;
import dev.ichigen.order.TaxSummary;

/** JSON views of orders: enums as names with a Japanese {@code …Label} beside them, tax rates as 10 / 8. */
final class OrderJson {

    private OrderJson() {
    }

    record Detail(long id, long channel, String channelOrderNumber, String orderName, Instant orderedAt, String status,
            String statusLabel, Instant statusChangedAt, dev.ichigen.order.Customer customer,
            dev.ichigen.order.Address ordererAddress, List<Destination> destinations, List<Line> lines,
            List<Discount> discounts, dev.ichigen.order.Charges charges, Payment payment, Delivery delivery, String remarks,
            List<String> tags, List<String> insertFlyers, Plan shippingPlan, Totals totals, List<Tax> taxSummary,
            Allocation allocation, List<HoldJson> holds, Instant cancelledAt, String cancelReason, Instant shippedAt,
            Instant createdAt, Instant updatedAt, List<History> history, List<Applied> appliedRules) {
    }

    /** The rule behind a hold of source RULE. */
    record HoldRule(long id, String name, int version) {
    }

    /** A rule version that matched the order, with what it did. */
    record Applied(long ruleId, String name, int version, Instant appliedAt, String actions) {
    }

    record Line(int lineNo, String lineKey, String destination, String itemCode, String subCode, String statedSku,
            String sku, String problem, String name, long quantity, long unitPrice, long amount, int taxRate,
            boolean priceIncludesTax, LineAllocation allocation) {
    }

    /**
     * RESERVED / SHIPPED / RELEASED (from the inventory reservation), BACKORDERED (the order waits for
     * stock), NOT_RESERVABLE (no SKU yet), NOT_RESERVED (nothing reserved, e.g. the whole order is not
     * allocatable because of another line).
     */
    record LineAllocation(String state, String warehouse) {
    }

    record Discount(String kind, String kindLabel, String name, long amount, int taxRate, boolean includesTax) {
    }

    record Payment(String method, String methodLabel, String status, String statusLabel) {
    }

    record Delivery(LocalDate date, String timeSlot, String timeSlotText, boolean giftWrapping, String noshi) {
    }

    record Plan(LocalDate plannedShipDate, String carrier, String service) {
    }

    record Totals(long goodsTotal, long discountTotal, long mallCouponTotal, long shippingFee, long codFee, long otherFees,
            long taxAdded, long grandTotal, long pointsUsed, long amountToCollect, Long channelGrandTotal,
            boolean matchesChannel) {
    }

    record Tax(int rate, long taxableAmount, long tax, long amountExcludingTax) {
    }

    record Allocation(String state, String stateLabel, String warehouse, String shortfall) {
    }

    record HoldJson(long id, String code, String detail, String source, String sourceRef, Instant createdAt, boolean open,
            Instant resolvedAt, String resolvedBy, String resolution, String note, String check, HoldRule rule) {
    }

    record History(long id, Instant at, String actor, String kind, String field, String before, String after, String note) {
    }

    record Summary(long id, long channel, String channelOrderNumber, String orderName, Instant orderedAt, String status,
            String statusLabel, String customerName, long grandTotal, long amountToCollect, String paymentMethod,
            String paymentStatus, String allocation, List<String> openHolds) {
    }

    record Counts(Map<String, Long> byStatus, Map<String, String> labels, List<ChannelCount> byChannel, Instant closedSince) {
    }

    record ChannelCount(long channel, String status, long count) {
    }

    static Detail of(Order o, List<OrderHistoryEntry> history) {
        return of(o, history, Map.of(), List.of());
    }

    static Detail of(Order o, List<OrderHistoryEntry> history, Map<Long, dev.ichigen.order.OrderRules.RuleRef> holdRules,
            List<dev.ichigen.order.AppliedRule> applied) {
        return new Detail(o.id(), o.channelId(), o.channelOrderNumber(), o.orderName(), o.orderedAt(), o.status().name(),
                o.status().label(), o.statusChangedAt(), o.customer(), o.ordererAddress(), o.destinations(),
                o.lines().stream().map(l -> line(l, o.allocation().state())).toList(),
                o.discounts().stream().map(OrderJson::discount).toList(), o.charges(),
                new Payment(o.paymentMethod().name(), o.paymentMethod().label(), o.paymentStatus().name(),
                        o.paymentStatus().label()),
                new Delivery(o.delivery().date(), o.delivery().timeSlot(), o.delivery().timeSlotText(),
                        o.delivery().giftWrapping(), o.delivery().noshi()),
                o.remarks(), o.tags(), o.insertFlyers(),
                new Plan(o.shippingPlan().plannedShipDate(), o.shippingPlan().carrier(), o.shippingPlan().service()),
                totals(o.totals()), o.totals().taxSummary().stream().map(OrderJson::tax).toList(),
                new Allocation(o.allocation().state().name(), o.allocation().state().label(), o.allocation().warehouse(),
                        o.allocation().shortfall()),
                o.holds().stream().map(h -> hold(h, holdRules.get(h.id()))).toList(), o.cancelledAt(), o.cancelReason(),
                o.shippedAt(), o.createdAt(), o.updatedAt(),
                history == null ? null : history.stream().map(OrderJson::history).toList(),
                applied.stream().map(a -> new Applied(a.ruleId(), a.ruleName(), a.version(), a.appliedAt(), a.actions()))
                        .toList());
    }

    static Line line(OrderLine l, AllocationState order) {
        String state;
        if (l.reservation() != null) {
            state = "ACTIVE".equals(l.reservation()) ? "RESERVED" : l.reservation();
        } else if (l.problem() != null) {
            state = "NOT_RESERVABLE";
        } else if (order == AllocationState.BACKORDERED) {
            state = "BACKORDERED";
        } else {
            state = "NOT_RESERVED";
        }
        return new Line(l.lineNo(), l.lineKey(), l.destination(), l.itemCode(), l.subCode(),
                l.statedSku() == null ? null : l.statedSku().value(), l.sku() == null ? null : l.sku().value(),
                l.problem() == null ? null : l.problem().name(), l.name(), l.quantity(), l.unitPrice(), l.amount(),
                l.taxRate().percent(), l.priceIncludesTax(), new LineAllocation(state, l.warehouse()));
    }

    static Discount discount(NewDiscount d) {
        return new Discount(d.kind().name(), d.kind().label(), d.name(), d.amount(), d.taxRate().percent(), d.includesTax());
    }

    static Totals totals(OrderTotals t) {
        return new Totals(t.goodsTotal(), t.discountTotal(), t.mallCouponTotal(), t.shippingFee(), t.codFee(), t.otherFees(),
                t.taxAdded(), t.grandTotal(), t.pointsUsed(), t.amountToCollect(), t.channelGrandTotal(), t.matchesChannel());
    }

    static Tax tax(TaxSummary t) {
        return new Tax(t.rate().percent(), t.taxableAmount(), t.tax(), t.amountExcludingTax());
    }

    static HoldJson hold(Hold h, dev.ichigen.order.OrderRules.RuleRef rule) {
        return new HoldJson(h.id(), h.code(), h.detail(), h.source().name(), h.sourceRef(), h.createdAt(), h.open(),
                h.resolvedAt(), h.resolvedBy(), h.resolution() == null ? null : h.resolution().name(), h.note(),
                h.source() == dev.ichigen.order.HoldSource.CHECK ? h.sourceRef() : null,
                rule == null ? null : new HoldRule(rule.id(), rule.name(), rule.version()));
    }

    static History history(OrderHistoryEntry e) {
        return new History(e.id(), e.at(), e.actor(), e.kind(), e.field(), e.before(), e.after(), e.note());
    }

    static Summary summary(OrderSummary s) {
        return new Summary(s.id(), s.channelId(), s.channelOrderNumber(), s.orderName(), s.orderedAt(), s.status().name(),
                s.status().label(), s.customerName(), s.grandTotal(), s.amountToCollect(), s.paymentMethod().name(),
                s.paymentStatus().name(), s.allocation().name(), s.openHolds());
    }

    static Counts counts(OrderCounts c) {
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        c.byStatus().forEach((s, n) -> {
            byStatus.put(s.name(), n);
            labels.put(s.name(), s.label());
        });
        return new Counts(byStatus, labels,
                c.byChannel().stream().map(x -> new ChannelCount(x.channelId(), x.status().name(), x.count())).toList(),
                c.closedSince());
    }
}
