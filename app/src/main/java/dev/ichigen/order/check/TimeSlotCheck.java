package dev.ichigen.order.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.DeliveryRequest;
import dev.ichigen.order.DeliveryTimeSlot;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 配達できない時間帯: a requested time slot the carrier does not offer, or one that cannot be read. The
 * carrier is the shipping plan's, else the setting {@code defaultCarrier}; its slots are the setting
 * {@code slots.<carrier>} (neutral slots, comma separated).
 *
 * <p>Defaults: ヤマト運輸 0812/1416/1618/1820/1921 — 12〜14時 (1214) and 20〜21時 (2021) are abolished
 * (../shared/reference/carriers/yamato-b2-delivery-time-codes.csv); 佐川急便 午前中, 12〜14, 14〜16, 16〜18,
 * 18〜20, 18〜21, 19〜21; 日本郵便（ゆうパック）午前中, 12〜14, 14〜16, 16〜18, 18〜20, 19〜21. Shops adjust them
 * to their contract.
 */
@Component
class TimeSlotCheck implements OrderCheck {

    static final String DEFAULT_CARRIER = "defaultCarrier";
    static final String SLOTS = "slots.";
    static final List<String> CARRIERS = List.of("yamato", "sagawa", "japanpost");

    @Override
    public String name() {
        return HoldReason.TIME_SLOT;
    }

    @Override
    public String description() {
        return "お届け時間帯が運送会社の指定できる時間帯になければ保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(DEFAULT_CARRIER, "yamato", "出荷予定に運送会社がないときの運送会社（yamato・sagawa・japanpost）"),
                new CheckSetting(SLOTS + "yamato", "08-12,14-16,16-18,18-20,19-21", "ヤマト運輸で指定できる時間帯"),
                new CheckSetting(SLOTS + "sagawa", "08-12,12-14,14-16,16-18,18-20,18-21,19-21", "佐川急便で指定できる時間帯"),
                new CheckSetting(SLOTS + "japanpost", "08-12,12-14,14-16,16-18,18-20,19-21", "日本郵便で指定できる時間帯"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        DeliveryRequest d = order.order().delivery();
        if (d == null || (d.timeSlot() == null && (d.timeSlotText() == null || d.timeSlotText().isBlank()))) {
            return List.of();
        }
        if (d.timeSlot() == null) {
            return List.of(new HoldReason(HoldReason.TIME_SLOT, "お届け時間帯「" + d.timeSlotText()
                    + "」を読み取れません。時間帯を確認して直してください", "?" + d.timeSlotText()));
        }
        String planned = order.order().shippingPlan() == null ? null : order.order().shippingPlan().carrier();
        String carrier = (planned == null || planned.isBlank() ? context.setting(DEFAULT_CARRIER) : planned)
                .strip().toLowerCase(Locale.ROOT);
        if (!CARRIERS.contains(carrier)) {
            return List.of(new HoldReason(HoldReason.TIME_SLOT, "運送会社 " + carrier + " の時間帯が設定にないため、お届け時間帯 "
                    + d.timeSlot() + " を確認できません（設定できる運送会社: " + String.join("・", CARRIERS) + "）",
                    carrier + ":" + d.timeSlot()));
        }
        Set<String> allowed = slots(context.setting(SLOTS + carrier));
        if (allowed.contains(d.timeSlot())) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.TIME_SLOT, "お届け時間帯 " + d.timeSlot()
                + (d.timeSlotText() != null && !d.timeSlotText().equals(d.timeSlot()) ? "（" + d.timeSlotText() + "）" : "")
                + " は " + carrier + " では指定できません（指定できる時間帯: " + String.join("、", allowed) + "）",
                carrier + ":" + d.timeSlot()));
    }

    private static Set<String> slots(String setting) {
        Set<String> result = new LinkedHashSet<>();
        for (String s : setting.split("[,、\\s]+")) {
            String slot = DeliveryTimeSlot.isNeutral(s.strip()) ? s.strip() : DeliveryTimeSlot.normalise(s);
            if (slot != null) {
                result.add(slot);
            }
        }
        return result;
    }

}
