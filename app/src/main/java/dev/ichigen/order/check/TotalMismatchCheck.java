package dev.ichigen.order.check;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 合計金額の不一致: the channel's grand total differs from the one computed from lines, discounts and fees
 * (a missing fee, a discount the connector did not understand, different rounding). The order is kept with
 * both figures; a person decides.
 */
@Component
class TotalMismatchCheck implements OrderCheck {

    static final String TOLERANCE = "toleranceYen";

    @Override
    public String name() {
        return HoldReason.TOTAL_MISMATCH;
    }

    @Override
    public String description() {
        return "チャネルの合計金額と明細から計算した合計金額が違えば保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(TOLERANCE, "0", "この差額（円）までは一致とみなす"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        Long stated = order.totals().channelGrandTotal();
        long computed = order.totals().grandTotal();
        if (stated == null || Math.abs(stated - computed) <= context.longSetting(TOLERANCE)) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.TOTAL_MISMATCH,
                "チャネルの合計 ¥%,d と計算した合計 ¥%,d が違います（差額 ¥%,d）".formatted(stated, computed, stated - computed),
                stated + "/" + computed));
    }
}
