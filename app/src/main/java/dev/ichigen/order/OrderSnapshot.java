package dev.ichigen.order;

import java.util.List;

import dev.ichigen.shared.Sku;

/**
 * What a check (or rule) looks at: the order as it will stand after this intake or re-check — the
 * normalised channel content ({@code order}: destinations defaulted to the orderer, line keys and
 * destinations filled in, payment status defaulted, time slot normalised), each line with the SKU it
 * resolved to, and the computed totals. {@code orderId} is the stored order's id; {@code isNew} is true
 * on its first intake.
 */
public record OrderSnapshot(long orderId, boolean isNew, NewOrder order, List<Line> lines, OrderTotals totals) {

    /** Why a line has no SKU that stock can be reserved for. */
    public enum LineProblem {
        /** The channel item maps to no SKU yet (未紐付け). */
        UNMAPPED,
        /** The SKU stated on the line is not in the product master. */
        UNKNOWN_SKU,
        /** The SKU is a variation parent: it holds no stock and cannot be shipped as such. */
        NOT_ORDERABLE
    }

    /** A line with its resolved SKU ({@code null} when {@code problem} says why). */
    public record Line(NewOrderLine line, Sku sku, LineProblem problem) {

        public boolean reservable() {
            return sku != null && problem == null;
        }
    }

    /**
     * What goes where, as a hash: the goods (SKU, or the channel item when unmapped) × quantity per
     * destination address (loosely normalised). Two orders with the same fingerprint send the same goods to
     * the same place — the likely-duplicate check compares it.
     */
    public String fingerprint() {
        java.util.Map<String, Address> addresses = new java.util.HashMap<>();
        for (NewDestination d : order.destinations()) {
            addresses.put(d.key(), d.address());
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Line l : lines) {
            Address a = addresses.get(l.line().destination());
            String place = a == null ? "" : Texts.digits(a.postalCode()) + ":" + Texts.loose(
                    (a.prefecture() == null ? "" : a.prefecture()) + (a.city() == null ? "" : a.city())
                            + (a.street() == null ? "" : a.street()) + (a.building() == null ? "" : a.building()));
            String goods = l.sku() != null ? "sku:" + l.sku().value()
                    : "item:" + l.line().itemCode() + "/" + l.line().subCode();
            parts.add(place + "|" + goods + "|" + l.line().quantity());
        }
        java.util.Collections.sort(parts);
        return Texts.sha256(String.join("\n", parts));
    }

    /**
     * The {@link #fingerprint()} combined with the customer's phone number (digits only) and with the
     * customer's e-mail address (lower case): {@code [byPhone, byEmail]}, each {@code null} when the customer
     * gave none. Two orders sharing one of these keys send the same goods to the same place for the same
     * customer — what the likely-duplicate check looks for, with one exact index look-up.
     */
    public List<String> duplicateKeys() {
        String goods = fingerprint();
        String phone = Texts.digits(order.customer() == null ? null : order.customer().phone());
        String email = order.customer() == null || order.customer().email() == null ? ""
                : order.customer().email().strip().toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.asList(phone.isEmpty() ? null : Texts.sha256(goods + "|tel:" + phone),
                email.isEmpty() ? null : Texts.sha256(goods + "|mail:" + email));
    }

    /**
     * Who receives what where, without the goods: the orderer (phone digits, else e-mail, else name) with the one
     * destination's recipient name and address, loosely normalised, as a hash. Orders sharing it may leave as
     * one parcel (同梱, {@link ShipmentGrouping}). {@code null} for orders with several destinations (gifts to
     * several places are not merged) or without a recipient address.
     */
    public String mergeKey() {
        if (order.destinations().size() != 1) {
            return null;
        }
        NewDestination d = order.destinations().get(0);
        Address a = d.address();
        if (a == null || Texts.digits(a.postalCode()).isEmpty()) {
            return null;
        }
        Customer c = order.customer();
        String orderer = c == null ? "" : !Texts.digits(c.phone()).isEmpty() ? "tel:" + Texts.digits(c.phone())
                : c.email() != null && !c.email().isBlank() ? "mail:" + c.email().strip().toLowerCase(java.util.Locale.ROOT)
                : "name:" + Texts.loose(c.name());
        String place = Texts.digits(a.postalCode()) + ":" + Texts.loose((a.prefecture() == null ? "" : a.prefecture())
                + (a.city() == null ? "" : a.city()) + (a.street() == null ? "" : a.street())
                + (a.building() == null ? "" : a.building()));
        return Texts.sha256(orderer + "|" + Texts.loose(d.name()) + "|" + place);
    }

    /** True when every line has a SKU stock can be reserved for. */
    public boolean allLinesReservable() {
        return lines.stream().allMatch(Line::reservable);
    }
}
