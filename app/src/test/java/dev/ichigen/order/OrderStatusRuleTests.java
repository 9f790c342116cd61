package dev.ichigen.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrderStatusRuleTests {

    @Test
    void derivesTheStatusFromTheFactsInOrderOfPrecedence() {
        assertThat(OrderStatusRule.derive(true, false, List.of("REMARKS_PRESENT"), AllocationState.RELEASED))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(OrderStatusRule.derive(false, true, List.of("CHANNEL_CHANGE_AFTER_SHIPMENT"), AllocationState.SHIPPED))
                .isEqualTo(OrderStatus.SHIPPED);
        assertThat(OrderStatusRule.derive(false, false, List.of("PAYMENT_PENDING", "REMARKS_PRESENT"),
                AllocationState.ALLOCATED)).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(OrderStatusRule.derive(false, false, List.of("PAYMENT_PENDING"), AllocationState.BACKORDERED))
                .isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(OrderStatusRule.derive(false, false, List.of(), AllocationState.BACKORDERED))
                .isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(OrderStatusRule.derive(false, false, List.of(), AllocationState.ALLOCATED))
                .isEqualTo(OrderStatus.READY_TO_SHIP);
    }
}
