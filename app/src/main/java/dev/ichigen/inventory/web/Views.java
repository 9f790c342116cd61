package dev.ichigen.inventory.web;

import java.time.Instant;
import java.util.List;

import dev.ichigen.inventory.ChannelQuantity;
import dev.ichigen.inventory.ConsistencyReport;
import dev.ichigen.inventory.PublishPolicy;
import dev.ichigen.inventory.StockMovement;
import dev.ichigen.inventory.StockSummary;
import dev.ichigen.inventory.OrderLineReservation;
import dev.ichigen.inventory.ReservationResult;

/** JSON shapes of the inventory API (SKUs as plain strings). */
final class Views {

    private Views() {
    }

    record Level(String warehouse, boolean active, long onHand, long reserved, long available) {
    }

    record Stock(String sku, String kind, boolean derived, List<Level> warehouses, long onHand, long reserved,
            long available) {
        static Stock of(StockSummary s) {
            return new Stock(s.sku().value(), s.kind().name(), s.derived(),
                    s.warehouses().stream().map(l -> new Level(l.warehouse(), l.warehouseActive(), l.onHand(),
                            l.reserved(), l.available())).toList(),
                    s.onHand(), s.reserved(), s.available());
        }
    }

    record Movement(long id, String sku, String warehouse, String type, long onHandDelta, long reservedDelta,
            String reason, String referenceType, String referenceId, String referenceLine, String actor,
            Instant occurredAt) {
        static Movement of(StockMovement m) {
            return new Movement(m.id(), m.sku().value(), m.warehouse(), m.type().name(), m.onHandDelta(),
                    m.reservedDelta(), m.reason(), m.referenceType(), m.referenceId(), m.referenceLine(), m.actor(),
                    m.occurredAt());
        }
    }

    record Drift(String sku, String warehouse, long ledgerOnHand, long balanceOnHand, long ledgerReserved,
            long balanceReserved, long openReservations, long locationOnHand) {
    }

    record Consistency(Instant checkedAt, boolean consistent, long balancesChecked, List<Drift> drifts) {
        static Consistency of(ConsistencyReport r) {
            return new Consistency(r.checkedAt(), r.consistent(), r.balancesChecked(), r.drifts().stream()
                    .map(d -> new Drift(d.sku().value(), d.warehouse(), d.ledgerOnHand(), d.balanceOnHand(),
                            d.ledgerReserved(), d.balanceReserved(), d.openReservations(), d.locationOnHand()))
                    .toList());
        }
    }

    record ReservedLine(String lineRef, String sku, long quantity, String warehouse, boolean alreadyReserved) {
    }

    record Reservation(String orderRef, boolean reserved, List<ReservedLine> lines) {
        static Reservation of(ReservationResult.Reserved r) {
            return new Reservation(r.orderRef(), true, r.lines().stream().map(l -> new ReservedLine(l.lineRef(),
                    l.sku().value(), l.quantity(), l.warehouse(), l.alreadyReserved())).toList());
        }
    }

    record Shortfall(String warehouse, String sku, long requested, long available) {
        static List<Shortfall> of(ReservationResult.Shortage s) {
            return s.shortfalls().stream().map(f -> new Shortfall(f.warehouse(), f.sku().value(), f.requested(),
                    f.available())).toList();
        }
    }

    record LineReservation(String lineRef, String sku, long quantity, String warehouse, String status,
            java.util.Map<String, Long> holds, Instant reservedAt, Instant closedAt) {
        static LineReservation of(OrderLineReservation r) {
            java.util.Map<String, Long> holds = new java.util.LinkedHashMap<>();
            r.holds().forEach((sku, q) -> holds.put(sku.value(), q));
            return new LineReservation(r.lineRef(), r.sku().value(), r.quantity(), r.warehouse(), r.status().name(),
                    holds, r.reservedAt(), r.closedAt());
        }
    }

    record Policy(boolean syncEnabled, int holdBack, Integer maxQuantity, int percentage, Integer zeroAtOrBelow) {
        static Policy of(PublishPolicy p) {
            return new Policy(p.syncEnabled(), p.holdBack(), p.maxQuantity(), p.percentage(), p.zeroAtOrBelow());
        }
    }

    record Publishable(long channelId, String sku, long available, long quantity, boolean syncEnabled,
            String policySource, Policy policy) {
        static Publishable of(ChannelQuantity q) {
            return new Publishable(q.channelId(), q.sku().value(), q.available(), q.quantity(), q.syncEnabled(),
                    q.policySource().name(), Policy.of(q.policy()));
        }
    }
}
