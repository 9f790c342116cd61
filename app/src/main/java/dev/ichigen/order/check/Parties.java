package dev.ichigen.order.check;

import dev.ichigen.order.Address;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.OrderSnapshot;

/** How the checks name who and where in a hold detail: 送付先 1（山田 太郎）. */
final class Parties {

    private Parties() {
    }

    static String label(NewDestination d) {
        return "送付先 " + d.key() + (d.name() == null || d.name().isBlank() ? "" : "（" + d.name() + "）");
    }

    static String label(OrderSnapshot order) {
        String name = order.order().customer() == null ? null : order.order().customer().name();
        return "注文者" + (name == null || name.isBlank() ? "" : "（" + name + "）");
    }

    static String oneLine(Address a) {
        return a == null ? "（住所なし）" : a.oneLine();
    }

    /** Street and building as one line for the address matcher (建物名 after the 番地 does no harm). */
    static String line(Address a) {
        if (a == null) {
            return null;
        }
        return a.street() == null ? a.building() : a.street();
    }
}
