package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ichigen.order.Address;
import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.Customer;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.OrderBlocklist;
import dev.ichigen.order.OrderBlocklist.Kind;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 要注意顧客: the orderer or a destination matches an entry of the block list ({@link OrderBlocklist}) by
 * name + phone, phone, e-mail or address (normalised, see there). The detail names the entry and its note.
 * {@code checkAddresses=false} leaves addresses out (e.g. when the list holds a shared pick-up point).
 */
@Component
class BlocklistCheck implements OrderCheck {

    static final String CHECK_ADDRESSES = "checkAddresses";

    private final OrderBlocklist blocklist;

    BlocklistCheck(OrderBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    @Override
    public String name() {
        return HoldReason.BLOCKLIST;
    }

    @Override
    public String description() {
        return "注文者か送付先がブロックリスト（氏名＋電話番号・電話番号・メール・住所）に一致すれば保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(CHECK_ADDRESSES, "true", "true なら住所も照合する"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        boolean addresses = Boolean.parseBoolean(context.setting(CHECK_ADDRESSES));
        // key → who it belongs to
        Map<OrderBlocklist.Key, List<String>> keys = new LinkedHashMap<>();
        Customer c = order.order().customer();
        String orderer = Parties.label(order);
        if (c != null) {
            add(keys, Kind.NAME_PHONE, OrderBlocklist.namePhone(c.name(), c.phone()), orderer);
            add(keys, Kind.PHONE, OrderBlocklist.phone(c.phone()), orderer);
            add(keys, Kind.EMAIL, OrderBlocklist.email(c.email()), orderer);
        }
        if (addresses) {
            address(keys, order.order().ordererAddress(), orderer);
        }
        for (NewDestination d : order.order().destinations()) {
            String who = Parties.label(d);
            add(keys, Kind.NAME_PHONE, OrderBlocklist.namePhone(d.name(), d.phone()), who);
            add(keys, Kind.PHONE, OrderBlocklist.phone(d.phone()), who);
            if (addresses) {
                address(keys, d.address(), who);
            }
        }
        // entry → who matched it (one entry may match the orderer and a destination, or by two keys)
        Map<Long, OrderBlocklist.Entry> entries = new java.util.TreeMap<>();
        Map<Long, List<String>> parties = new LinkedHashMap<>();
        for (OrderBlocklist.Match m : blocklist.matching(keys.keySet())) {
            entries.put(m.entry().id(), m.entry());
            List<String> who = parties.computeIfAbsent(m.entry().id(), k -> new ArrayList<>());
            keys.get(m.key()).stream().filter(p -> !who.contains(p)).forEach(who::add);
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        List<String> basis = new ArrayList<>();
        for (OrderBlocklist.Entry e : entries.values()) {
            lines.add(String.join("・", parties.get(e.id())) + " がブロックリストに一致: " + label(e.kind()) + " " + e.value()
                    + (e.note() == null ? "" : "（" + e.note() + "）") + " [項目 " + e.id() + "]");
            basis.add(e.id() + ":" + e.kind() + ":" + e.value());
        }
        return List.of(new HoldReason(HoldReason.BLOCKLIST, String.join("\n", lines) + "\n出荷してよいか確認してください",
                String.join("\n", basis)));
    }

    private static void address(Map<OrderBlocklist.Key, List<String>> keys, Address a, String who) {
        if (a == null) {
            return;
        }
        String base = nz(a.prefecture()) + nz(a.city()) + nz(a.street());
        add(keys, Kind.ADDRESS, OrderBlocklist.address(base), who);
        add(keys, Kind.ADDRESS, OrderBlocklist.address(base + nz(a.building())), who);
    }

    private static void add(Map<OrderBlocklist.Key, List<String>> keys, Kind kind, String key, String who) {
        if (key == null || key.isEmpty()) {
            return;
        }
        List<String> parties = keys.computeIfAbsent(new OrderBlocklist.Key(kind, key), k -> new ArrayList<>());
        if (!parties.contains(who)) {
            parties.add(who);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case NAME_PHONE -> "氏名＋電話番号";
            case PHONE -> "電話番号";
            case EMAIL -> "メールアドレス";
            case ADDRESS -> "住所";
        };
    }
}
