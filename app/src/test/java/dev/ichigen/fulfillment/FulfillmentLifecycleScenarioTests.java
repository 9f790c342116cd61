package dev.ichigen.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * One order from intake to shipped: in → 出荷待ち → 出荷指示 (automatic) → 出荷検品 → 送り状データ → 発行済みデータ →
 * 出荷確定, with the stock shipped and the {@link ShipmentShipped} event stored for the channel write-back.
 */
@IchigenIntegrationTest
@RecordApplicationEvents
class FulfillmentLifecycleScenarioTests {

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Autowired
    Shipments shipments;

    @Autowired
    ShipmentLabels labels;

    @Autowired
    FulfillmentSettingsStore settings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void anOrderTravelsFromIntakeToShipped() {
        FulfillmentFixtures fx = new FulfillmentFixtures(jdbc, warehouses, inventory);
        settings.update(new FulfillmentSettings("いちげん商店", "03-1234-5678", "100-0001", "東京都", "千代田区", "千代田1-1", null,
                "yamato", "takkyubin", "0123456789", null, "01", null));
        String jan = FulfillmentFixtures.jan();
        Sku sku = fx.product("LIFE", jan, "AMBIENT");
        long onHand = inventory.stock(sku).onHand();

        // in → ready → the shipping instruction appears by itself
        var placed = intake.accept(FulfillmentFixtures.order(fx.channel(), FulfillmentFixtures.phone(), "梅田7-7-7", sku, 1).build());
        long orderId = placed.orderId();
        assertThat(orders.get(orderId).status()).isEqualTo(OrderStatus.READY_TO_SHIP);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !shipments.ofOrder(orderId).isEmpty());
        Shipment s = shipments.ofOrder(orderId).getFirst();

        // packed by scanning the one item
        assertThat(shipments.scan(s.key(), jan).packed()).isTrue();

        // label data → the carrier issues a number → it is read back
        LabelExport export = labels.export("yamato-b2", ShipmentStatus.PACKED);
        assertThat(export.exportedKeys()).contains(s.key());
        String[] rows = new String(export.files().getFirst().content(), Charset.forName("windows-31j")).split("\r\n");
        String number = FulfillmentFixtures.trackingRandom();
        String[] cells = new String[95];
        Arrays.fill(cells, "");
        cells[0] = s.key();
        cells[3] = number;
        byte[] issued = (rows[0] + "\r\n" + String.join(",", cells) + "\r\n").getBytes(Charset.forName("windows-31j"));
        ShipmentLabels.TrackingImport imported = labels.importTracking("yamato-b2", CsvSource.of(issued));
        assertThat(imported.errors()).isEmpty();
        assertThat(imported.shipmentKeys()).containsExactly(s.key());

        // shipped: order shipped, stock gone, event stored for the write-back
        Shipment shipped = shipments.ship(s.key());
        assertThat(shipped.status()).isEqualTo(ShipmentStatus.SHIPPED);
        assertThat(orders.get(orderId).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(inventory.stock(sku).onHand()).isEqualTo(onHand - 1);
        ShipmentShipped event = events.stream(ShipmentShipped.class).filter(e -> e.shipmentKey().equals(s.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no ShipmentShipped event for " + s.key()));
        assertThat(event.trackingNumbers()).containsExactly(number);
        assertThat(event.carrier()).isEqualTo("yamato");
        assertThat(event.orders()).singleElement().satisfies(o -> {
            assertThat(o.orderId()).isEqualTo(orderId);
            assertThat(o.channelOrderNumber()).isEqualTo(orders.get(orderId).channelOrderNumber());
        });
    }
}
