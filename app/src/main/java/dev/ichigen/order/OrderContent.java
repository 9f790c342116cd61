package dev.ichigen.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical form of what a channel said about an order, used to tell "same again" from "changed" and
 * to list what changed.
 *
 * <p>A normalised {@link NewOrder} is flattened into {@code path → value} pairs: {@code remarks},
 * {@code customer.phone}, {@code destinations[<key>].address.city}, {@code lines[<lineKey>].quantity},
 * {@code discounts[<i>].amount}… Keyed lists use the channel's keys, so a line is recognised however the
 * lines are ordered. {@code null} values are left out (so a field added to {@link NewOrder} later does
 * not make old orders look changed). The canonical text is the pairs sorted by path, one
 * {@code path<TAB>value} per line with {@code \}, tab and newline escaped; its SHA-256 (hex) is the content
 * hash. The {@code cancelled} flag is not content: cancellation is handled on its own.
 */
final class OrderContent {

    private OrderContent() {
    }

    static SortedMap<String, String> flatten(NewOrder o) {
        SortedMap<String, String> m = new TreeMap<>();
        put(m, "orderName", o.orderName());
        put(m, "orderedAt", o.orderedAt());
        Customer c = o.customer();
        put(m, "customer.name", c.name());
        put(m, "customer.kana", c.kana());
        put(m, "customer.email", c.email());
        put(m, "customer.phone", c.phone());
        address(m, "ordererAddress", o.ordererAddress());
        for (NewDestination d : o.destinations()) {
            String p = "destinations[" + d.key() + "]";
            put(m, p + ".name", d.name());
            put(m, p + ".kana", d.kana());
            put(m, p + ".phone", d.phone());
            put(m, p + ".company", d.company());
            address(m, p + ".address", d.address());
            m.putIfAbsent(p + ".name", "");  // a destination without any value still exists
        }
        for (NewOrderLine l : o.lines()) {
            String p = "lines[" + l.lineKey() + "]";
            put(m, p + ".destination", l.destination());
            put(m, p + ".itemCode", l.itemCode());
            put(m, p + ".subCode", l.subCode() == null || l.subCode().isEmpty() ? null : l.subCode());
            put(m, p + ".sku", l.sku() == null ? null : l.sku().value());
            put(m, p + ".name", l.name());
            put(m, p + ".quantity", l.quantity());
            put(m, p + ".unitPrice", l.unitPrice());
            put(m, p + ".taxRate", l.taxRate().percent());
            put(m, p + ".priceIncludesTax", l.priceIncludesTax());
        }
        for (int i = 0; i < o.discounts().size(); i++) {
            NewDiscount d = o.discounts().get(i);
            String p = "discounts[" + i + "]";
            put(m, p + ".kind", d.kind());
            put(m, p + ".name", d.name());
            put(m, p + ".amount", d.amount());
            put(m, p + ".taxRate", d.taxRate().percent());
            put(m, p + ".includesTax", d.includesTax());
        }
        Charges ch = o.charges();
        put(m, "charges.shippingFee", ch.shippingFee());
        put(m, "charges.codFee", ch.codFee());
        put(m, "charges.otherFees", ch.otherFees());
        put(m, "charges.includeTax", ch.includeTax());
        put(m, "pointsUsed", o.pointsUsed());
        put(m, "channelGrandTotal", o.channelGrandTotal());
        put(m, "paymentMethod", o.paymentMethod());
        put(m, "paymentStatus", o.paymentStatus());
        DeliveryRequest d = o.delivery();
        put(m, "delivery.date", d.date());
        put(m, "delivery.timeSlot", d.timeSlot());
        put(m, "delivery.timeSlotText", d.timeSlotText());
        put(m, "delivery.giftWrapping", d.giftWrapping());
        put(m, "delivery.noshi", d.noshi());
        put(m, "remarks", o.remarks());
        put(m, "tags", o.tags().isEmpty() ? null : String.join(", ", o.tags()));
        put(m, "insertFlyers", o.insertFlyers().isEmpty() ? null : String.join(", ", o.insertFlyers()));
        ShippingPlan s = o.shippingPlan();
        put(m, "shippingPlan.plannedShipDate", s.plannedShipDate());
        put(m, "shippingPlan.carrier", s.carrier());
        put(m, "shippingPlan.service", s.service());
        return m;
    }

    static String text(SortedMap<String, String> flat) {
        StringBuilder b = new StringBuilder();
        flat.forEach((k, v) -> b.append(escape(k)).append('\t').append(escape(v)).append('\n'));
        return b.toString();
    }

    static String hash(String text) {
        return Texts.sha256(text);
    }

    static SortedMap<String, String> parse(String text) {
        SortedMap<String, String> m = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return m;
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            m.put(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1)));
        }
        return m;
    }

    /**
     * The changes from {@code before} to {@code after}. A line or destination that appears or disappears as
     * a whole is one change ({@code lines[A3]}, a summary as value); otherwise one change per field.
     */
    static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        Map<String, List<String>> wholeGroups = new LinkedHashMap<>();
        List<FieldChange> changes = new ArrayList<>();
        for (String path : paths) {
            String b = before.get(path);
            String a = after.get(path);
            if (Objects.equals(a, b)) {
                continue;
            }
            String group = group(path);
            if (group != null && (!hasGroup(before, group) || !hasGroup(after, group))) {
                wholeGroups.computeIfAbsent(group, g -> new ArrayList<>()).add(path);
                continue;
            }
            changes.add(new FieldChange(path, b, a));
        }
        wholeGroups.forEach((group, groupPaths) -> {
            boolean added = !hasGroup(before, group);
            Map<String, String> source = added ? after : before;
            StringBuilder summary = new StringBuilder();
            for (String p : groupPaths) {
                String v = source.get(p);
                if (v != null && !v.isEmpty()) {
                    summary.append(summary.isEmpty() ? "" : ", ").append(p.substring(group.length() + 1)).append('=').append(v);
                }
            }
            changes.add(added ? new FieldChange(group, null, summary.toString())
                    : new FieldChange(group, summary.toString(), null));
        });
        return changes;
    }

    private static String group(String path) {
        if (path.startsWith("lines[") || path.startsWith("destinations[") || path.startsWith("discounts[")) {
            int end = path.indexOf("].");
            return end < 0 ? null : path.substring(0, end + 1);
        }
        return null;
    }

    private static boolean hasGroup(Map<String, String> m, String group) {
        if (m instanceof SortedMap<String, String> sorted) {
            SortedMap<String, String> tail = sorted.tailMap(group + ".");
            return !tail.isEmpty() && tail.firstKey().startsWith(group + ".");
        }
        return m.keySet().stream().anyMatch(k -> k.startsWith(group + "."));
    }

    private static void put(Map<String, String> m, String path, Object value) {
        if (value != null) {
            m.put(path, value.toString());
        }
    }

    private static void address(Map<String, String> m, String prefix, Address a) {
        if (a != null) {
            put(m, prefix + ".postalCode", a.postalCode());
            put(m, prefix + ".prefecture", a.prefecture());
            put(m, prefix + ".city", a.city());
            put(m, prefix + ".street", a.street());
            put(m, prefix + ".building", a.building());
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
