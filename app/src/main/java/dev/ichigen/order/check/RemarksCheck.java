package dev.ichigen.order.check;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 顧客備考あり: the customer wrote something — a person reads it before the order ships. Released once, it
 * comes back only if the remarks change.
 */
@Component
class RemarksCheck implements OrderCheck {

    @Override
    public String name() {
        return HoldReason.REMARKS_PRESENT;
    }

    @Override
    public String description() {
        return "お客様の備考欄に記入があれば、担当者が読むまで保留";
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        String remarks = order.order().remarks();
        if (remarks == null || remarks.isBlank()) {
            return List.of();
        }
        String shown = remarks.length() > 200 ? remarks.substring(0, 199) + "…" : remarks;
        return List.of(new HoldReason(HoldReason.REMARKS_PRESENT, "顧客備考あり: " + shown, remarks));
    }
}
