package dev.ichigen.order;

import static dev.ichigen.order.OrderFixtures.order;
import static dev.ichigen.order.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/** 個人情報の保存期間: old shipped and cancelled orders lose their personal data, keep their figures. One method: the setting is shared. */
@IchigenIntegrationTest
class PersonalDataRetentionIntegrationTests {

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    PersonalDataRetention retention;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void anonymisesOldShippedAndCancelledOrdersOnlyAndKeepsTheirFigures() {
        OrderFixtures fx = new OrderFixtures(jdbc, warehouses, inventory);
        long channel = fx.channel();
        Sku sku = fx.product("RET");
        fx.receive(sku, "EAST", 10);
        NewOrder shippedOrder = order(channel, unique("OLD"), sku, 2).remarks("不在時は宅配ボックスへ")
                .destination(new NewDestination("1", "佐藤 花子", "サトウ ハナコ", "080-1111-2222", "花子商店",
                        new Address("530-0001", "大阪府", "大阪市北区", "梅田1-1-1", "梅田ビル 3F")))
                .build();
        long shipped = intake.accept(shippedOrder).orderId();
        orders.get(shipped).openHolds().forEach(h -> orders.releaseHold(shipped, h.id(), "テスト"));
        orders.markShipped(shipped);
        long cancelled = intake.accept(order(channel, unique("CXL"), sku, 1).build()).orderId();
        orders.cancel(cancelled, "テスト");
        long recent = intake.accept(order(channel, unique("NEW"), sku, 1).build()).orderId();
        orders.get(recent).openHolds().forEach(h -> orders.releaseHold(recent, h.id(), "テスト"));
        orders.markShipped(recent);
        Order before = orders.get(shipped);
        // the first two were last changed 400 days ago
        for (long id : new long[] { shipped, cancelled }) {
            jdbc.sql("update sales_order set updated_at = :t where id = :id")
                    .param("t", OffsetDateTime.now(ZoneOffset.UTC).minusDays(400)).param("id", id).update();
        }
        Integer original = retention.retentionDays();
        try {
            assertThat(retention.updateRetentionDays(null)).isNull();
            assertThat(retention.anonymiseDue()).isZero(); // off: nothing happens

            Api admin = Api.admin(port);
            assertThat(admin.put("/api/v1/orders/retention", Map.of("retentionDays", 5)).text()).contains("retentionDays");
            assertThat(admin.put("/api/v1/orders/retention", Map.of("retentionDays", 365)).status()).isEqualTo(200);
            var run = admin.post("/api/v1/orders/retention/run", Map.of());
            assertThat(run.status()).isEqualTo(200);
            assertThat(run.json().get("anonymised").asInt()).isGreaterThanOrEqualTo(2);

            Order after = orders.get(shipped);
            assertThat(after.customer().name()).isEqualTo(PersonalDataRetention.ANONYMISED);
            assertThat(after.customer().email()).isNull();
            assertThat(after.customer().phone()).isNull();
            assertThat(after.remarks()).isNull();
            assertThat(after.ordererAddress().prefecture()).isEqualTo("東京都");
            assertThat(after.ordererAddress().street()).isNull();
            assertThat(after.destinations()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo(PersonalDataRetention.ANONYMISED);
                assertThat(d.phone()).isNull();
                assertThat(d.company()).isNull();
                assertThat(d.address().prefecture()).isEqualTo("大阪府");
                assertThat(d.address().street()).isNull();
                assertThat(d.address().building()).isNull();
            });
            // figures, lines and status stay
            assertThat(after.totals()).isEqualTo(before.totals());
            assertThat(after.lines()).extracting(OrderLine::quantity).containsExactly(2L);
            assertThat(after.status()).isEqualTo(OrderStatus.SHIPPED);
            assertThat(orders.history(shipped)).anyMatch(h -> h.kind().equals("ANONYMISED"));
            assertThat(orders.history(shipped)).noneMatch(h -> String.valueOf(h.after()).contains("不在時"));
            assertThat(after.holds()).allSatisfy(h -> assertThat(h.detail()).isEqualTo(PersonalDataRetention.ANONYMISED));
            // found by its number, no longer by name or phone
            assertThat(orders.search(new OrderQuery(channel, null, null, shippedOrder.channelOrderNumber()), 0, 10).items())
                    .extracting(OrderSummary::id).contains(shipped);
            assertThat(orders.search(new OrderQuery(channel, null, null, "08011112222"), 0, 10).items())
                    .extracting(OrderSummary::id).doesNotContain(shipped);
            // the same channel order sent again is still recognised
            assertThat(intake.accept(shippedOrder).outcome()).isEqualTo(IntakeResult.Outcome.UNCHANGED);

            assertThat(orders.get(cancelled).customer().name()).isEqualTo(PersonalDataRetention.ANONYMISED);
            assertThat(orders.get(recent).customer().name()).isNotEqualTo(PersonalDataRetention.ANONYMISED);
            assertThat(retention.anonymiseDue()).isZero(); // done once
        } finally {
            retention.updateRetentionDays(original);
        }
    }
}
