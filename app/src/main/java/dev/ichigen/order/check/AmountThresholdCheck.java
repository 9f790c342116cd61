package dev.ichigen.order.check;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/** 高額注文: a grand total above the threshold (setting {@code thresholdYen}) is looked at before shipping. */
@Component
class AmountThresholdCheck implements OrderCheck {

    static final String THRESHOLD = "thresholdYen";

    @Override
    public String name() {
        return HoldReason.AMOUNT_OVER_THRESHOLD;
    }

    @Override
    public String description() {
        return "合計金額が設定額を超える注文を保留（なりすまし・転売対策の確認）";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(THRESHOLD, "100000", "この金額（円・税込）を超える注文を保留"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        long threshold = context.longSetting(THRESHOLD);
        long total = order.totals().grandTotal();
        if (total <= threshold) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.AMOUNT_OVER_THRESHOLD,
                "合計 ¥%,d が高額注文の基準 ¥%,d を超えています".formatted(total, threshold), String.valueOf(total)));
    }
}
