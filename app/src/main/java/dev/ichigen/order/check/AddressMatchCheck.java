package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.address.AddressCheck;
import dev.ichigen.address.AddressVerification;
import dev.ichigen.order.Address;
import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 郵便番号と住所の不一致: every destination's postal code is looked up in Japan Post's data
 * ({@link AddressVerification}) and compared with its prefecture, city and town. A code that is not seven
 * digits or not in the data → UNKNOWN_POSTAL_CODE; an address that names another prefecture, city or town
 * than the code's (or no address) → ADDRESS_MISMATCH, the detail naming what the code stands for. With
 * {@code checkOrdererAddress} the orderer's address is checked too (it is not where the parcel goes).
 */
@Component
class AddressMatchCheck implements OrderCheck {

    static final String CHECK_ORDERER = "checkOrdererAddress";

    private final AddressVerification verification;

    AddressMatchCheck(AddressVerification verification) {
        this.verification = verification;
    }

    @Override
    public String name() {
        return HoldReason.ADDRESS_MISMATCH;
    }

    @Override
    public String description() {
        return "送付先の郵便番号が日本郵便のデータにない、または住所（都道府県・市区町村・町域）と合わなければ保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(CHECK_ORDERER, "false", "true なら注文者の住所も照合する"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        List<String> unknown = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        for (NewDestination d : order.order().destinations()) {
            verify(Parties.label(d), d.address(), unknown, mismatch);
        }
        if (Boolean.parseBoolean(context.setting(CHECK_ORDERER)) && order.order().ordererAddress() != null) {
            verify(Parties.label(order), order.order().ordererAddress(), unknown, mismatch);
        }
        List<HoldReason> reasons = new ArrayList<>();
        if (!unknown.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.UNKNOWN_POSTAL_CODE, String.join("\n", unknown), String.join("\n", unknown)));
        }
        if (!mismatch.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.ADDRESS_MISMATCH, String.join("\n", mismatch) + "\n郵便番号か住所を直してください",
                    String.join("\n", mismatch)));
        }
        return reasons;
    }

    private void verify(String who, Address a, List<String> unknown, List<String> mismatch) {
        AddressCheck result = a == null ? verification.verify(null, null, null, null)
                : verification.verify(a.postalCode(), a.prefecture(), a.city(), Parties.line(a));
        switch (result.outcome()) {
            case OK -> { }
            case INVALID_POSTAL_CODE, UNKNOWN_POSTAL_CODE -> unknown.add(who + ": " + result.message() + "（住所: "
                    + Parties.oneLine(a) + "）");
            case ADDRESS_MISSING, PREFECTURE_MISMATCH, CITY_MISMATCH, TOWN_MISMATCH -> mismatch.add(who + ": " + result.message());
        }
    }
}
