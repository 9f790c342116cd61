package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;
import dev.ichigen.shared.PhoneNumbers;

/**
 * 電話番号の不備: the orderer's and every destination's phone number must be a Japanese number of the right
 * length for its prefix ({@link PhoneNumbers}, 総務省 numbering plan). A missing number holds only where a
 * setting requires one: carriers print the destination's number on the label, so by default destinations
 * need one and orderers do not. The same number written for several parties is reported once.
 */
@Component
class PhoneCheck implements OrderCheck {

    static final String ORDERER_REQUIRED = "ordererPhoneRequired";
    static final String DESTINATION_REQUIRED = "destinationPhoneRequired";

    @Override
    public String name() {
        return HoldReason.INVALID_PHONE;
    }

    @Override
    public String description() {
        return "注文者・送付先の電話番号が日本の電話番号として正しくなければ保留（未入力は設定で必須のときだけ）";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(ORDERER_REQUIRED, "false", "true なら注文者の電話番号がない注文を保留"),
                new CheckSetting(DESTINATION_REQUIRED, "true", "true なら送付先の電話番号がない注文を保留"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        // problem text → who has it, so that 注文者 and the 送付先 defaulted from them are one entry
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String ordererPhone = order.order().customer() == null ? null : order.order().customer().phone();
        look(Parties.label(order), ordererPhone, Boolean.parseBoolean(context.setting(ORDERER_REQUIRED)), problems);
        boolean destinationRequired = Boolean.parseBoolean(context.setting(DESTINATION_REQUIRED));
        for (NewDestination d : order.order().destinations()) {
            look(Parties.label(d), d.phone(), destinationRequired, problems);
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        problems.forEach((problem, who) -> lines.add(String.join("・", who) + ": " + problem));
        return List.of(new HoldReason(HoldReason.INVALID_PHONE,
                String.join("\n", lines) + "\n電話番号は 0 から始まる10桁か11桁です（例 090-1234-5678、03-1234-5678）",
                String.join("\n", lines)));
    }

    private static void look(String who, String phone, boolean required, Map<String, List<String>> problems) {
        if ((phone == null || phone.isBlank()) && !required) {
            return;
        }
        Optional<String> problem = PhoneNumbers.problem(phone);
        problem.ifPresent(p -> problems.computeIfAbsent(p, k -> new ArrayList<>()).add(who));
    }
}
