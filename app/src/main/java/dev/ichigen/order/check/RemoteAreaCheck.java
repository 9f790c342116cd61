package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.address.RemoteArea;
import dev.ichigen.address.RemoteAreas;
import dev.ichigen.order.Address;
import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;
import dev.ichigen.shared.InvalidInputException;

/**
 * 離島・沖縄: a destination on a remote island or in Okinawa ({@link RemoteAreas}: by postal code, else by the
 * address text) is held so a person can check carrier, extra charge, lead time and services (no frozen
 * shipping, no time slots on many islands). {@code includeOkinawaMainIsland=false} lets 沖縄本島 pass. Tagging
 * instead of holding is not possible: checks may not write, and the core has no tag-only outcome.
 */
@Component
class RemoteAreaCheck implements OrderCheck {

    static final String INCLUDE_OKINAWA = "includeOkinawaMainIsland";

    private final RemoteAreas remoteAreas;

    RemoteAreaCheck(RemoteAreas remoteAreas) {
        this.remoteAreas = remoteAreas;
    }

    @Override
    public String name() {
        return HoldReason.REMOTE_AREA;
    }

    @Override
    public String description() {
        return "送付先が離島または沖縄県なら保留（運送会社・追加送料・日数を確認）";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(INCLUDE_OKINAWA, "true", "true なら沖縄本島宛ても保留（false なら離島だけ）"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        boolean okinawa = Boolean.parseBoolean(context.setting(INCLUDE_OKINAWA));
        List<String> found = new ArrayList<>();
        for (NewDestination d : order.order().destinations()) {
            RemoteArea area = area(d.address());
            if (area.kind() == RemoteArea.Kind.REMOTE_ISLAND || (okinawa && area.kind() == RemoteArea.Kind.OKINAWA)) {
                found.add(Parties.label(d) + ": " + area.reason() + " " + Parties.oneLine(d.address()));
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.REMOTE_AREA, String.join("\n", found)
                + "\n運送会社・追加送料・お届け日数を確認してください", String.join("\n", found)));
    }

    private RemoteArea area(Address a) {
        if (a == null) {
            return new RemoteArea(RemoteArea.Kind.UNKNOWN, null, "");
        }
        if (a.postalCode() != null && !a.postalCode().isBlank()) {
            try {
                RemoteArea byCode = remoteAreas.remoteArea(a.postalCode());
                if (byCode.kind() != RemoteArea.Kind.UNKNOWN) {
                    return byCode;
                }
            } catch (InvalidInputException e) {
                // not a postal code: the address text decides (the address check holds the code itself)
            }
        }
        return remoteAreas.remoteArea(a.prefecture(), a.city(), Parties.line(a));
    }
}
