package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;
import dev.ichigen.order.TaxSummary;

/**
 * Quantities and prices that are possible but doubtful: a line quantity above {@code maxLineQuantity}
 * (a typo, a reseller) → INVALID_QUANTITY; a line priced ¥0, discounts larger than the goods of their tax
 * rate, or a negative amount to collect → INVALID_PRICE. Impossible values (quantity 0, negative prices) are
 * refused by the intake itself.
 */
@Component
class LinePlausibilityCheck implements OrderCheck {

    static final String MAX_LINE_QUANTITY = "maxLineQuantity";

    @Override
    public String name() {
        return "LINE_PLAUSIBILITY";
    }

    @Override
    public String description() {
        return "数量が多すぎる明細、0円の明細、値引きが商品代金を超える注文を保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(MAX_LINE_QUANTITY, "100", "1明細の数量がこれを超えたら保留"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        long max = context.longSetting(MAX_LINE_QUANTITY);
        List<String> quantities = new ArrayList<>();
        List<String> prices = new ArrayList<>();
        for (OrderSnapshot.Line l : order.lines()) {
            String what = l.sku() != null ? l.sku().value() : l.line().itemCode();
            if (l.line().quantity() > max) {
                quantities.add(what + " × " + l.line().quantity());
            }
            if (l.line().unitPrice() == 0) {
                prices.add(what + " の単価が0円");
            }
        }
        for (TaxSummary t : order.totals().taxSummary()) {
            if (t.taxableAmount() < 0) {
                prices.add(t.rate().label() + " の値引きが商品代金を超えています（¥%,d）".formatted(t.taxableAmount()));
            }
        }
        if (order.totals().amountToCollect() < 0) {
            prices.add("請求額がマイナスです（¥%,d）".formatted(order.totals().amountToCollect()));
        }
        List<HoldReason> reasons = new ArrayList<>();
        if (!quantities.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.INVALID_QUANTITY,
                    "数量が多すぎます（上限 " + max + "）: " + String.join(", ", quantities), String.join("\n", quantities)));
        }
        if (!prices.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.INVALID_PRICE, "金額を確認してください: " + String.join(", ", prices),
                    String.join("\n", prices)));
        }
        return reasons;
    }
}
