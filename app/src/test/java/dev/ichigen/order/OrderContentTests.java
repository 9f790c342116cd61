package dev.ichigen.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

class OrderContentTests {

    private static NewOrder.Builder order() {
        return NewOrder.builder(1, "R-1").orderedAt(Instant.parse("2025-06-01T00:00:00.123456789Z"))
                .customer(new Customer("山田 太郎", null, "taro@example.jp", null))
                .ordererAddress(new Address("100-0001", "東京都", "千代田区", "千代田1-1", null))
                .payment(PaymentMethod.CARD, null).remarks("午前中希望\nよろしく\tお願いします");
    }

    private static NewOrderLine line(String key, String sku, long quantity) {
        return new NewOrderLine(key, null, null, null, Sku.of(sku), sku, quantity, 1000, TaxRate.STANDARD_10, true);
    }

    @Test
    void sameContentInAnotherLineOrderHasTheSameHash() {
        NewOrder a = OrderNormaliser.normalise(order().line(line("L1", "A", 1)).line(line("L2", "B", 2)).build());
        NewOrder b = OrderNormaliser.normalise(order().line(line("L2", "B", 2)).line(line("L1", "A", 1)).build());
        String ta = OrderContent.text(OrderContent.flatten(a));
        assertThat(OrderContent.hash(ta)).isEqualTo(OrderContent.hash(OrderContent.text(OrderContent.flatten(b))));
        assertThat(OrderContent.parse(ta)).isEqualTo(OrderContent.flatten(a)); // escapes survive the round trip
    }

    @Test
    void listsFieldChangesAndWholeLinesAddedOrRemoved() {
        NewOrder before = OrderNormaliser.normalise(order().line(line("L1", "A", 1)).line(line("L2", "B", 2)).build());
        NewOrder after = OrderNormaliser.normalise(order().remarks("置き配希望")
                .line(line("L1", "A", 3)).line(line("L3", "C", 1)).build());
        List<FieldChange> changes = OrderContent.diff(OrderContent.flatten(before), OrderContent.flatten(after));
        assertThat(changes).extracting(FieldChange::field)
                .containsExactlyInAnyOrder("lines[L1].quantity", "remarks", "lines[L2]", "lines[L3]");
        assertThat(changes).contains(new FieldChange("lines[L1].quantity", "1", "3"));
        FieldChange added = changes.stream().filter(c -> c.field().equals("lines[L3]")).findFirst().orElseThrow();
        assertThat(added.before()).isNull();
        assertThat(added.after()).contains("sku=C").contains("quantity=1");
        FieldChange removed = changes.stream().filter(c -> c.field().equals("lines[L2]")).findFirst().orElseThrow();
        assertThat(removed.after()).isNull();
    }
}
