package dev.ichigen.channel.rakuten;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 金額未確定: the mall has not fixed an amount yet (RMS answers {@code -9999} for 送料 and totals of orders to remote
 * islands until the shop confirms them). The order is taken in — its stock is reserved — but held, because its total
 * is not known; the connector re-reads it on every poll and the hold is resolved once the amounts are fixed.
 */
@Component
class AmountNotFixedCheck implements OrderCheck {

    static final String CODE = "AMOUNT_NOT_FIXED";

    @Override
    public String name() {
        return CODE;
    }

    @Override
    public String description() {
        return "モールで送料・合計金額が未確定（楽天の -9999）の注文を、確定するまで保留";
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        if (!order.order().tags().contains(RakutenOrderMapper.AMOUNT_NOT_FIXED_TAG)) {
            return List.of();
        }
        return List.of(new HoldReason(CODE, "送料・合計金額がモールで未確定です（楽天: -9999）。確定後の取込で解除されます",
                order.order().channelOrderNumber()));
    }
}
