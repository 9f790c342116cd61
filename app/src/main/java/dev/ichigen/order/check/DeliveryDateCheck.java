package dev.ichigen.order.check;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * お届け希望日の不備: a requested delivery date before the order date, earlier than the shop can deliver
 * (order date + {@code leadDays}) or further ahead than the shop accepts (order date + {@code maxDaysAhead}).
 * Dates are compared in Asia/Tokyo, relative to when the order was placed (受注日時), so a re-check weeks later
 * does not turn a fine date into a past one.
 */
@Component
class DeliveryDateCheck implements OrderCheck {

    static final String LEAD_DAYS = "leadDays";
    static final String MAX_DAYS_AHEAD = "maxDaysAhead";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd（E）", Locale.JAPANESE);

    @Override
    public String name() {
        return HoldReason.DELIVERY_DATE;
    }

    @Override
    public String description() {
        return "お届け希望日が受注日より前、最短お届け日より早い、または受付期間より先なら保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(LEAD_DAYS, "2", "最短お届け日 = 受注日 + この日数"),
                new CheckSetting(MAX_DAYS_AHEAD, "30", "受注日からこの日数より先のお届け希望日は保留"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        LocalDate requested = order.order().delivery() == null ? null : order.order().delivery().date();
        if (requested == null) {
            return List.of();
        }
        LocalDate ordered = (order.order().orderedAt() != null ? order.order().orderedAt() : context.now())
                .atZone(TOKYO).toLocalDate();
        LocalDate earliest = ordered.plusDays(context.longSetting(LEAD_DAYS));
        LocalDate latest = ordered.plusDays(context.longSetting(MAX_DAYS_AHEAD));
        String problem;
        if (requested.isBefore(ordered)) {
            problem = "お届け希望日 " + DAY.format(requested) + " が受注日 " + DAY.format(ordered) + " より前です";
        } else if (requested.isBefore(earliest)) {
            problem = "お届け希望日 " + DAY.format(requested) + " には間に合いません（最短 " + DAY.format(earliest) + "）";
        } else if (requested.isAfter(latest)) {
            problem = "お届け希望日 " + DAY.format(requested) + " は受付期間より先です（" + DAY.format(earliest) + "〜"
                    + DAY.format(latest) + " で指定できます）";
        } else {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.DELIVERY_DATE,
                problem + "。お客様に確認して希望日を直してください", requested + "/" + earliest + "/" + latest));
    }
}
