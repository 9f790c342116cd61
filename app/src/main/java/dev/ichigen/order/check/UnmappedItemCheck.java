package dev.ichigen.order.check;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 未紐付け商品: a line whose channel item maps to no SKU (UNMAPPED_ITEM; it clears when the item is mapped —
 * the order is re-checked automatically), or whose SKU is unknown or a variation parent (UNKNOWN_SKU).
 * Such an order reserves nothing until every line has a SKU.
 */
@Component
class UnmappedItemCheck implements OrderCheck {

    @Override
    public String name() {
        return HoldReason.UNMAPPED_ITEM;
    }

    @Override
    public String description() {
        return "チャネルの商品が SKU に紐付いていない、または SKU が商品マスタにない明細があれば保留";
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        List<String> unmapped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (OrderSnapshot.Line l : order.lines()) {
            if (l.problem() == null) {
                continue;
            }
            String item = l.line().itemCode() + (l.line().subCode() == null || l.line().subCode().isEmpty() ? ""
                    : " / " + l.line().subCode());
            switch (l.problem()) {
                case UNMAPPED -> unmapped.add(item + (l.line().name() == null ? "" : "（" + l.line().name() + "）"));
                case UNKNOWN_SKU -> unknown.add(l.line().sku() + " は商品マスタにありません");
                case NOT_ORDERABLE -> unknown.add((l.line().sku() != null ? l.line().sku().toString() : item)
                        + " は親商品か構成のないセットで出荷できません");
            }
        }
        List<HoldReason> reasons = new ArrayList<>();
        if (!unmapped.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.UNMAPPED_ITEM, "未紐付けの商品: " + String.join(", ", unmapped)
                    + "（商品紐付けで SKU を指定すると自動で解除されます）", String.join("\n", unmapped)));
        }
        if (!unknown.isEmpty()) {
            reasons.add(new HoldReason(HoldReason.UNKNOWN_SKU, "出荷できない商品: " + String.join(", ", unknown),
                    String.join("\n", unknown)));
        }
        return reasons;
    }
}
