package dev.ichigen.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.Role;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
class InventoryApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    PublishOutbox outbox;

    @Autowired
    AuditLog audit;

    @Autowired
    ApiTokenManagement tokens;

    @Autowired
    Events events;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("inventoryConsistencyCheckTask") // other modules have tasks too
    RecurringTask<Void> consistencyTask;

    Api api;
    TestCatalog catalog;

    /** Collects the in-process events the inventory publishes. */
    @TestConfiguration
    static class Events {
        final List<PublishableQuantityChanged> publishable = new CopyOnWriteArrayList<>();
        final List<StockChanged> stock = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PublishableQuantityChanged e) {
            publishable.add(e);
        }

        @EventListener
        void on(StockChanged e) {
            stock.add(e);
        }
    }

    @BeforeEach
    void setUp() {
        api = Api.admin(port);
        catalog = new TestCatalog(jdbc);
        if (warehouses.find("TOKYO").isEmpty()) {
            warehouses.create(new NewWarehouse("TOKYO", "東京倉庫", 10, true));
            warehouses.create(new NewWarehouse("OSAKA", "大阪倉庫", 20, true));
        }
    }

    // ---------------------------------------------------------------- warehouses

    @Test
    void warehousesAndLocationsAreCreatedListedAndAudited() {
        Api.Response created = api.post("/api/v1/warehouses", Map.of("code", "SAPPORO", "name", "札幌倉庫", "priority", 90));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/warehouses", Map.of("code", "SAPPORO", "name", "x")).status()).isEqualTo(409);
        Api.Response invalid = api.post("/api/v1/warehouses", Map.of("code", "bad code!", "name", ""));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(fields(invalid)).containsExactly("code", "name");

        assertThat(api.post("/api/v1/warehouses/SAPPORO/locations",
                Map.of("code", "A-01-02", "zone", "A", "shelf", "01", "bin", "02", "walkOrder", 20)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/warehouses/SAPPORO/locations",
                Map.of("code", "A-01-01", "zone", "A", "shelf", "01", "bin", "01", "walkOrder", 10)).status()).isEqualTo(201);
        JsonNode locations = api.get("/api/v1/warehouses/SAPPORO/locations").json();
        assertThat(locations.size()).isEqualTo(2);
        assertThat(locations.get(0).get("code").asString()).isEqualTo("A-01-01");
        assertThat(api.post("/api/v1/warehouses/NOWHERE/locations", Map.of("code", "X")).status()).isEqualTo(404);

        JsonNode list = api.get("/api/v1/warehouses").json();
        List<String> codes = new ArrayList<>();
        list.forEach(w -> codes.add(w.get("code").asString()));
        assertThat(codes).containsSubsequence("TOKYO", "OSAKA", "SAPPORO");
        assertThat(audit.search("warehouse", "SAPPORO", null, 0, 10).items()).extracting(e -> e.action())
                .contains("warehouse.create");
        assertThat(audit.search("warehouse_location", "SAPPORO/A-01-01", null, 0, 10).items()).hasSize(1);
    }

    // ---------------------------------------------------------------- adjustments and the ledger

    @Test
    void adjustmentAppendsAMovementChangesOnHandAndIsAudited() {
        catalog.product("ADJ-1");
        Api.Response r = api.post("/api/v1/inventory/ADJ-1/adjustments",
                Map.of("warehouse", "TOKYO", "delta", 12, "reason", "初期在庫"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode m = r.json();
        assertThat(m.get("type").asString()).isEqualTo("ADJUSTMENT");
        assertThat(m.get("onHandDelta").asLong()).isEqualTo(12);
        assertThat(m.get("reason").asString()).isEqualTo("初期在庫");
        assertThat(m.get("actor").asString()).isEqualTo("token:bootstrap");
        assertThat(m.get("id").asLong()).isPositive();

        JsonNode stock = api.get("/api/v1/inventory/ADJ-1").json();
        assertThat(stock.get("onHand").asLong()).isEqualTo(12);
        assertThat(stock.get("available").asLong()).isEqualTo(12);
        assertThat(audit.search("stock", "ADJ-1@TOKYO", null, 0, 10).items()).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("stock.adjust");
                    assertThat(e.beforeState()).contains("\"onHand\":0");
                    assertThat(e.afterState()).contains("\"onHand\":12");
                });
    }

    @Test
    void refusesADecreaseBelowWhatIsReservedNamingTheDeltaField() {
        catalog.product("ADJ-2");
        inventory.receive(Sku.of("ADJ-2"), "TOKYO", 5, StockReference.NONE, null);
        assertThat(inventory.reserve("ORD-ADJ-2", "1", Sku.of("ADJ-2"), 3, "TOKYO").reserved()).isTrue();

        Api.Response refused = api.post("/api/v1/inventory/ADJ-2/adjustments",
                Map.of("warehouse", "TOKYO", "delta", -3, "reason", "破損"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("delta");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("3 are reserved");

        assertThat(api.post("/api/v1/inventory/ADJ-2/adjustments",
                Map.of("warehouse", "TOKYO", "delta", -2, "reason", "破損")).status()).isEqualTo(201);
        JsonNode stock = api.get("/api/v1/inventory/ADJ-2").json();
        assertThat(stock.get("onHand").asLong()).isEqualTo(3);
        assertThat(stock.get("reserved").asLong()).isEqualTo(3);
        assertThat(stock.get("available").asLong()).isZero();
    }

    @Test
    void adjustmentNeedsAReasonAWarehouseAndAStockedProduct() {
        catalog.product("ADJ-3").set("ADJ-3-SET", "ADJ-3", 2);
        Api.Response noReason = api.post("/api/v1/inventory/ADJ-3/adjustments", Map.of("warehouse", "TOKYO", "delta", 1));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(fields(noReason)).containsExactly("reason");
        Api.Response noWarehouse = api.post("/api/v1/inventory/ADJ-3/adjustments",
                Map.of("warehouse", "NOWHERE", "delta", 1, "reason", "x"));
        assertThat(fields(noWarehouse)).containsExactly("warehouse");
        Api.Response set = api.post("/api/v1/inventory/ADJ-3-SET/adjustments",
                Map.of("warehouse", "TOKYO", "delta", 1, "reason", "x"));
        assertThat(set.status()).isEqualTo(422);
        assertThat(fields(set)).containsExactly("sku");
        assertThat(api.post("/api/v1/inventory/NO-SUCH/adjustments", Map.of("warehouse", "TOKYO", "delta", 1, "reason", "x"))
                .status()).isEqualTo(404);
    }

    @Test
    void warehouseStaffMayAdjustButNotReserve() {
        catalog.product("ADJ-4");
        String secret = tokens.issue("scanner", Role.WAREHOUSE).secret();
        Api warehouse = api.withToken(secret);
        assertThat(warehouse.post("/api/v1/inventory/ADJ-4/adjustments",
                Map.of("warehouse", "TOKYO", "delta", 4, "reason", "棚卸")).status()).isEqualTo(201);
        assertThat(warehouse.get("/api/v1/inventory/ADJ-4").status()).isEqualTo(200);
        assertThat(warehouse.post("/api/v1/reservations", Map.of("orderRef", "O", "lines",
                List.of(Map.of("lineRef", "1", "sku", "ADJ-4", "quantity", 1)))).status()).isEqualTo(403);
        assertThat(warehouse.get("/api/v1/inventory/consistency").status()).isEqualTo(403);
        assertThat(warehouse.put("/api/v1/channels/1/publish-policy", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void movementsArePagedNewestFirst() {
        catalog.product("MOV-1");
        for (int i = 1; i <= 5; i++) {
            inventory.adjust(Sku.of("MOV-1"), "TOKYO", i, "step " + i);
        }
        JsonNode first = api.get("/api/v1/inventory/MOV-1/movements?page=0&size=2").json();
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("reason").asString()).isEqualTo("step 5");
        assertThat(first.get("items").get(1).get("reason").asString()).isEqualTo("step 4");
        JsonNode last = api.get("/api/v1/inventory/MOV-1/movements?page=2&size=2").json();
        assertThat(last.get("items").size()).isEqualTo(1);
        assertThat(last.get("items").get(0).get("reason").asString()).isEqualTo("step 1");
        assertThat(last.get("items").get(0).get("onHandDelta").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- per warehouse, transfer, sets

    @Test
    void stockIsShownPerWarehouseAndTotalsCountActiveWarehousesOnly() {
        catalog.product("WH-1");
        warehouses.create(new NewWarehouse("KOBE", "神戸倉庫", 99, true));
        inventory.receive(Sku.of("WH-1"), "TOKYO", 5, StockReference.of("DELIVERY", "D-1"), "入荷");
        inventory.receive(Sku.of("WH-1"), "OSAKA", 7, StockReference.NONE, null);
        inventory.receive(Sku.of("WH-1"), "KOBE", 100, StockReference.NONE, null);
        inventory.reserve("ORD-WH-1", "1", Sku.of("WH-1"), 2, "OSAKA");
        warehouses.update("KOBE", new WarehouseChange(null, null, false));

        JsonNode stock = api.get("/api/v1/inventory/WH-1").json();
        Map<String, JsonNode> byWarehouse = new HashMap<>();
        stock.get("warehouses").forEach(w -> byWarehouse.put(w.get("warehouse").asString(), w));
        assertThat(byWarehouse.get("TOKYO").get("onHand").asLong()).isEqualTo(5);
        assertThat(byWarehouse.get("OSAKA").get("reserved").asLong()).isEqualTo(2);
        assertThat(byWarehouse.get("OSAKA").get("available").asLong()).isEqualTo(5);
        assertThat(byWarehouse.get("KOBE").get("active").asBoolean()).isFalse();
        assertThat(stock.get("onHand").asLong()).isEqualTo(12);
        assertThat(stock.get("reserved").asLong()).isEqualTo(2);
        assertThat(stock.get("available").asLong()).isEqualTo(10);

        assertThatThrownBy(() -> inventory.reserve("ORD-WH-1", "2", Sku.of("WH-1"), 1, "KOBE"))
                .isInstanceOf(dev.ichigen.shared.InvalidInputException.class);
    }

    @Test
    void inactiveWarehouseTakesNoReservations() {
        catalog.product("WH-2");
        warehouses.create(new NewWarehouse("NAGOYA", "名古屋倉庫", 98, false));
        inventory.receive(Sku.of("WH-2"), "NAGOYA", 5, StockReference.NONE, null);
        Api.Response r = api.post("/api/v1/reservations", Map.of("orderRef", "ORD-WH-2", "warehouse", "NAGOYA",
                "lines", List.of(Map.of("lineRef", "1", "sku", "WH-2", "quantity", 1))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r)).containsExactly("warehouse");
        Api.Response anywhere = api.post("/api/v1/reservations", Map.of("orderRef", "ORD-WH-2",
                "lines", List.of(Map.of("lineRef", "1", "sku", "WH-2", "quantity", 1))));
        assertThat(anywhere.status()).isEqualTo(409);
    }

    @Test
    void aWarehouseDeactivatedByAnotherInstanceTakesNoReservationsEvenWhileCached() {
        catalog.product("WH-3");
        warehouses.create(new NewWarehouse("SENDAI", "仙台倉庫", 97, true));
        inventory.receive(Sku.of("WH-3"), "SENDAI", 5, StockReference.NONE, null);
        assertThat(inventory.reserve("ORD-WH-3", "1", Sku.of("WH-3"), 1, null).reserved()).isTrue(); // cache filled
        // another instance deactivates it: this instance's warehouse cache does not know yet
        jdbc.sql("update warehouse set active = false where code = 'SENDAI'").update();
        assertThat(inventory.reserve("ORD-WH-3", "2", Sku.of("WH-3"), 1, null))
                .isInstanceOf(ReservationResult.Shortage.class);
        assertThat(inventory.stock(Sku.of("WH-3")).warehouses()).filteredOn(l -> l.warehouse().equals("SENDAI"))
                .singleElement().satisfies(l -> assertThat(l.reserved()).isEqualTo(1));
        warehouses.update("SENDAI", new WarehouseChange(null, null, false));
    }

    @Test
    void transferMovesAvailableStockBetweenWarehousesInOneTransaction() {
        catalog.product("TR-1");
        inventory.receive(Sku.of("TR-1"), "OSAKA", 10, StockReference.NONE, null);
        inventory.reserve("ORD-TR-1", "1", Sku.of("TR-1"), 4, "OSAKA");

        Api.Response moved = api.post("/api/v1/inventory/TR-1/transfers",
                Map.of("from", "OSAKA", "to", "TOKYO", "quantity", 6, "reason", "補充"));
        assertThat(moved.status()).isEqualTo(201);
        assertThat(moved.json().get(0).get("type").asString()).isEqualTo("TRANSFER_OUT");
        assertThat(moved.json().get(1).get("type").asString()).isEqualTo("TRANSFER_IN");
        assertThat(moved.json().get(0).get("referenceId").asString()).isEqualTo(moved.json().get(1).get("referenceId").asString());

        Api.Response tooMuch = api.post("/api/v1/inventory/TR-1/transfers",
                Map.of("from", "OSAKA", "to", "TOKYO", "quantity", 1));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(fields(tooMuch)).containsExactly("quantity");
        assertThat(fields(api.post("/api/v1/inventory/TR-1/transfers", Map.of("from", "TOKYO", "to", "TOKYO", "quantity", 1))))
                .containsExactly("to");

        StockSummary s = inventory.stock(Sku.of("TR-1"));
        assertThat(level(s, "OSAKA")).isEqualTo(new StockLevel("OSAKA", true, 4, 4, 0));
        assertThat(level(s, "TOKYO")).isEqualTo(new StockLevel("TOKYO", true, 6, 0, 6));
        assertThat(s.onHand()).isEqualTo(10);
    }

    @Test
    void setAvailabilityIsDerivedFromItsComponentsPerWarehouse() {
        catalog.product("SA-A").product("SA-B").set("SA-SET", "SA-A", 2, "SA-B", 1);
        inventory.receive(Sku.of("SA-A"), "TOKYO", 7, StockReference.NONE, null);
        inventory.receive(Sku.of("SA-B"), "TOKYO", 5, StockReference.NONE, null);
        // OSAKA has one A and one B: not enough for a set there, even though A is 8 in total
        inventory.receive(Sku.of("SA-A"), "OSAKA", 1, StockReference.NONE, null);
        inventory.receive(Sku.of("SA-B"), "OSAKA", 1, StockReference.NONE, null);

        JsonNode set = api.get("/api/v1/inventory/SA-SET").json();
        assertThat(set.get("derived").asBoolean()).isTrue();
        assertThat(set.get("kind").asString()).isEqualTo("SET");
        assertThat(set.get("available").asLong()).isEqualTo(3);

        Api.Response reserved = api.post("/api/v1/reservations", Map.of("orderRef", "ORD-SA", "lines",
                List.of(Map.of("lineRef", "1", "sku", "SA-SET", "quantity", 2))));
        assertThat(reserved.status()).isEqualTo(201);
        assertThat(reserved.json().get("lines").get(0).get("warehouse").asString()).isEqualTo("TOKYO");
        assertThat(inventory.stock(Sku.of("SA-A")).reserved()).isEqualTo(4);
        assertThat(inventory.stock(Sku.of("SA-B")).reserved()).isEqualTo(2);
        assertThat(inventory.stock(Sku.of("SA-SET")).available()).isEqualTo(1);

        JsonNode lines = api.get("/api/v1/reservations/ORD-SA").json();
        assertThat(lines.get(0).get("sku").asString()).isEqualTo("SA-SET");
        assertThat(lines.get(0).get("holds").get("SA-A").asLong()).isEqualTo(4);
        assertThat(lines.get(0).get("holds").get("SA-B").asLong()).isEqualTo(2);
        Object movements = jdbc.sql("""
                select count(*) from stock_movement where reference_id = 'ORD-SA' and movement_type = 'RESERVATION'
                and reason like 'set SA-SET%'""").query(Long.class).single();
        assertThat(movements).isEqualTo(2L);
    }

    // ---------------------------------------------------------------- reservations

    @Test
    void shortageNamesTheSkuTheWarehouseAndWhatIsAvailable() {
        catalog.product("RS-1").product("RS-2");
        inventory.receive(Sku.of("RS-1"), "TOKYO", 5, StockReference.NONE, null);
        inventory.receive(Sku.of("RS-2"), "TOKYO", 1, StockReference.NONE, null);
        Api.Response r = api.post("/api/v1/reservations", Map.of("orderRef", "ORD-RS-1", "warehouse", "TOKYO", "lines",
                List.of(Map.of("lineRef", "1", "sku", "RS-1", "quantity", 2), Map.of("lineRef", "2", "sku", "RS-2", "quantity", 3))));
        assertThat(r.status()).isEqualTo(409);
        JsonNode shortfall = r.json().get("shortfalls").get(0);
        assertThat(shortfall.get("sku").asString()).isEqualTo("RS-2");
        assertThat(shortfall.get("warehouse").asString()).isEqualTo("TOKYO");
        assertThat(shortfall.get("requested").asLong()).isEqualTo(3);
        assertThat(shortfall.get("available").asLong()).isEqualTo(1);
        // all or nothing: RS-1 was taken first (SKU order) and given back
        assertThat(inventory.stock(Sku.of("RS-1")).reserved()).isZero();
        assertThat(inventory.reservations("ORD-RS-1")).isEmpty();
    }

    @Test
    void aBatchedReservationShortInTheMiddleNamesTheFirstShortSkuAndLeavesNothingReserved() {
        // the balances of an order are updated in one JDBC batch in SKU order: every SKU is tried, so the ones
        // after a short SKU are taken too — and must be given back with the ones before it
        catalog.product("RS-7A").product("RS-7B").product("RS-7C").product("RS-7D");
        inventory.receive(Sku.of("RS-7A"), "TOKYO", 5, StockReference.NONE, null);
        inventory.receive(Sku.of("RS-7B"), "TOKYO", 1, StockReference.NONE, null);
        inventory.receive(Sku.of("RS-7C"), "TOKYO", 5, StockReference.NONE, null);
        ReservationResult r = inventory.reserveAll("ORD-RS-7", List.of(new ReservationRequest("1", Sku.of("RS-7D"), 1),
                new ReservationRequest("2", Sku.of("RS-7C"), 2), new ReservationRequest("3", Sku.of("RS-7B"), 2),
                new ReservationRequest("4", Sku.of("RS-7A"), 2)), "TOKYO");
        assertThat(r).isInstanceOfSatisfying(ReservationResult.Shortage.class, s -> assertThat(s.shortfalls()).singleElement()
                .satisfies(f -> {
                    assertThat(f.sku()).isEqualTo(Sku.of("RS-7B"));
                    assertThat(f.requested()).isEqualTo(2);
                    assertThat(f.available()).isEqualTo(1);
                }));
        for (String sku : List.of("RS-7A", "RS-7B", "RS-7C", "RS-7D")) {
            assertThat(inventory.stock(Sku.of(sku)).reserved()).as(sku).isZero();
        }
        assertThat(inventory.reservations("ORD-RS-7")).isEmpty();
        assertThat(jdbc.sql("select count(*) from stock_movement where reference_id = 'ORD-RS-7'").query(Long.class).single())
                .isZero();
        // and with enough of each, the same four lines are reserved in one go
        inventory.receive(Sku.of("RS-7B"), "TOKYO", 1, StockReference.NONE, null);
        inventory.receive(Sku.of("RS-7D"), "TOKYO", 1, StockReference.NONE, null);
        assertThat(inventory.reserveAll("ORD-RS-7", List.of(new ReservationRequest("1", Sku.of("RS-7D"), 1),
                new ReservationRequest("2", Sku.of("RS-7C"), 2), new ReservationRequest("3", Sku.of("RS-7B"), 2),
                new ReservationRequest("4", Sku.of("RS-7A"), 2)), "TOKYO").reserved()).isTrue();
        assertThat(inventory.stock(Sku.of("RS-7B")).reserved()).isEqualTo(2);
        assertThat(inventory.stock(Sku.of("RS-7D")).reserved()).isEqualTo(1);
    }

    @Test
    void refusesBadLinesNamingTheField() {
        catalog.product("RS-3");
        Api.Response r = api.post("/api/v1/reservations", Map.of("orderRef", "ORD-RS-3", "lines",
                List.of(Map.of("lineRef", "1", "sku", "RS-3", "quantity", 0), Map.of("lineRef", "2", "sku", "NOPE", "quantity", 1))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r)).containsExactly("lines[0].quantity", "lines[1].sku");
    }

    @Test
    void reservingTheSameLineTwiceDoesNotReserveTwice() {
        catalog.product("RS-4");
        inventory.receive(Sku.of("RS-4"), "TOKYO", 3, StockReference.NONE, null);
        Map<String, Object> body = Map.of("orderRef", "ORD-RS-4", "lines",
                List.of(Map.of("lineRef", "1", "sku", "RS-4", "quantity", 2)));
        assertThat(api.post("/api/v1/reservations", body).status()).isEqualTo(201);
        Api.Response again = api.post("/api/v1/reservations", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("lines").get(0).get("alreadyReserved").asBoolean()).isTrue();
        assertThat(inventory.stock(Sku.of("RS-4")).reserved()).isEqualTo(2);
        // the retry must not report a shortage either, although only 1 is left
        assertThat(inventory.reserve("ORD-RS-4", "1", Sku.of("RS-4"), 2, null).reserved()).isTrue();
        assertThatThrownBy(() -> inventory.reserve("ORD-RS-4", "1", Sku.of("RS-4"), 1, null))
                .isInstanceOf(ConflictException.class);
        assertThat(jdbc.sql("select count(*) from stock_movement where reference_id = 'ORD-RS-4'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void releasingTwiceIsANoOpAndAReleasedLineCanBeReservedAgain() {
        catalog.product("RS-5");
        inventory.receive(Sku.of("RS-5"), "TOKYO", 3, StockReference.NONE, null);
        inventory.reserve("ORD-RS-5", "1", Sku.of("RS-5"), 3, null);
        assertThat(api.delete("/api/v1/reservations/ORD-RS-5/1").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/reservations/ORD-RS-5/1").status()).isEqualTo(204);
        assertThat(inventory.release("ORD-RS-5", "1")).isFalse();
        assertThat(inventory.stock(Sku.of("RS-5")).reserved()).isZero();
        assertThat(inventory.reservations("ORD-RS-5")).singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo(OrderLineReservation.Status.RELEASED));

        assertThat(inventory.reserve("ORD-RS-5", "1", Sku.of("RS-5"), 2, null).reserved()).isTrue();
        assertThat(inventory.stock(Sku.of("RS-5")).reserved()).isEqualTo(2);
        assertThat(inventory.reservations("ORD-RS-5")).singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo(OrderLineReservation.Status.ACTIVE));
        List<String> types = jdbc.sql("select movement_type from stock_movement where reference_id = 'ORD-RS-5' order by id")
                .query(String.class).list();
        assertThat(types).containsExactly("RESERVATION", "RELEASE", "RESERVATION");
    }

    @Test
    void withoutAWarehouseTheFirstByPriorityThatHasEverythingIsUsedAndTheOtherIsLeftUntouched() {
        catalog.product("RS-6A").product("RS-6B");
        inventory.receive(Sku.of("RS-6A"), "TOKYO", 5, StockReference.NONE, null); // TOKYO lacks RS-6B
        inventory.receive(Sku.of("RS-6A"), "OSAKA", 5, StockReference.NONE, null);
        inventory.receive(Sku.of("RS-6B"), "OSAKA", 5, StockReference.NONE, null);
        ReservationResult r = inventory.reserveAll("ORD-RS-6", List.of(new ReservationRequest("1", Sku.of("RS-6B"), 1),
                new ReservationRequest("2", Sku.of("RS-6A"), 2)));
        assertThat(r).isInstanceOfSatisfying(ReservationResult.Reserved.class,
                ok -> assertThat(ok.lines()).extracting(ReservationResult.ReservedLine::warehouse).containsOnly("OSAKA"));
        assertThat(level(inventory.stock(Sku.of("RS-6A")), "TOKYO").reserved()).isZero();
        assertThat(level(inventory.stock(Sku.of("RS-6A")), "OSAKA").reserved()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from stock_movement where reference_id = 'ORD-RS-6'").query(Long.class).single())
                .isEqualTo(2L);
    }

    @Test
    void shippingConsumesTheReservation() {
        catalog.product("SH-1").product("SH-2").set("SH-SET", "SH-1", 1, "SH-2", 2);
        inventory.receive(Sku.of("SH-1"), "TOKYO", 5, StockReference.NONE, null);
        inventory.receive(Sku.of("SH-2"), "TOKYO", 5, StockReference.NONE, null);
        inventory.reserve("ORD-SH", "1", Sku.of("SH-SET"), 2, null);
        List<StockMovement> shipped = inventory.ship("ORD-SH", "1");
        assertThat(shipped).extracting(StockMovement::type).containsOnly(MovementType.SHIPMENT);
        assertThat(inventory.stock(Sku.of("SH-1"))).satisfies(s -> {
            assertThat(s.onHand()).isEqualTo(3);
            assertThat(s.reserved()).isZero();
        });
        assertThat(inventory.stock(Sku.of("SH-2")).onHand()).isEqualTo(1);
        assertThat(inventory.ship("ORD-SH", "1")).isEmpty();
        assertThatThrownBy(() -> inventory.release("ORD-SH", "1")).isInstanceOf(ConflictException.class);

        inventory.returnToStock(Sku.of("SH-1"), "TOKYO", 1, StockReference.of("RMA", "R-1"), "未開封");
        assertThat(inventory.stock(Sku.of("SH-1")).onHand()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- publishable quantity and outbox

    @Test
    void publishableQuantityFollowsEachPolicyKnobAndSkuRowsOverrideTheChannel() {
        long channel = catalog.channel("pub-knobs");
        catalog.product("PQ-1");
        inventory.receive(Sku.of("PQ-1"), "TOKYO", 60, StockReference.NONE, null);
        inventory.receive(Sku.of("PQ-1"), "OSAKA", 40, StockReference.NONE, null);
        String url = "/api/v1/channels/" + channel + "/publishable/PQ-1";

        JsonNode plain = api.get(url).json();
        assertThat(plain.get("available").asLong()).isEqualTo(100);
        assertThat(plain.get("quantity").asLong()).isEqualTo(100);
        assertThat(plain.get("policySource").asString()).isEqualTo("DEFAULT");

        String policy = "/api/v1/channels/" + channel + "/publish-policy";
        assertThat(api.put(policy, Map.of("holdBack", 10)).status()).isEqualTo(200);
        assertThat(api.get(url).json().get("quantity").asLong()).isEqualTo(90);
        api.put(policy, Map.of("holdBack", 10, "percentage", 50));
        assertThat(api.get(url).json().get("quantity").asLong()).isEqualTo(45);
        api.put(policy, Map.of("holdBack", 10, "percentage", 50, "maxQuantity", 30));
        assertThat(api.get(url).json().get("quantity").asLong()).isEqualTo(30);
        api.put(policy, Map.of("zeroAtOrBelow", 100));
        assertThat(api.get(url).json().get("quantity").asLong()).isZero();
        api.put(policy, Map.of("syncEnabled", false));
        JsonNode off = api.get(url).json();
        assertThat(off.get("syncEnabled").asBoolean()).isFalse();
        assertThat(off.get("policySource").asString()).isEqualTo("CHANNEL");

        assertThat(api.put(policy + "/PQ-1", Map.of("maxQuantity", 7)).status()).isEqualTo(200);
        JsonNode own = api.get(url).json();
        assertThat(own.get("policySource").asString()).isEqualTo("SKU");
        assertThat(own.get("syncEnabled").asBoolean()).isTrue();
        assertThat(own.get("quantity").asLong()).isEqualTo(7);
        assertThat(api.delete(policy + "/PQ-1").status()).isEqualTo(204);
        assertThat(api.get(url).json().get("policySource").asString()).isEqualTo("CHANNEL");
        assertThat(api.get(policy + "/PQ-1").status()).isEqualTo(404);

        Api.Response invalid = api.put(policy, Map.of("percentage", 150, "holdBack", -1));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(fields(invalid)).containsExactly("holdBack", "percentage");
        assertThat(api.get("/api/v1/channels/999999/publishable/PQ-1").status()).isEqualTo(404);
        assertThat(audit.search("sales_channel", String.valueOf(channel), null, 0, 50).items()).hasSize(5);
    }

    @Test
    void setPublishableQuantityIsTheMinimumOverComponentsThenThePolicy() {
        long channel = catalog.channel("pub-set");
        catalog.product("PS-A").product("PS-B").set("PS-SET", "PS-A", 2, "PS-B", 1);
        inventory.receive(Sku.of("PS-A"), "TOKYO", 9, StockReference.NONE, null);
        inventory.receive(Sku.of("PS-B"), "TOKYO", 10, StockReference.NONE, null);
        assertThat(publishable.of(channel, Sku.of("PS-SET")).available()).isEqualTo(4);
        publishable.setSkuPolicy(channel, Sku.of("PS-SET"), new PublishPolicy(true, 1, null, 100, null));
        assertThat(publishable.of(channel, Sku.of("PS-SET")).quantity()).isEqualTo(3);
    }

    @Test
    void outboxGetsARowWhenAListedQuantityChangesAndNoneWhenItDoesNot() {
        long channel = catalog.channel("pub-outbox");
        long other = catalog.channel("pub-outbox-2");
        catalog.product("OB-A").product("OB-B").product("OB-UNLISTED").set("OB-SET", "OB-A", 1, "OB-B", 1);
        catalog.listing(channel, "item-a", "OB-A").listing(channel, "item-a-again", "OB-A")
                .listing(channel, "item-set", "OB-SET").listing(other, "a", "OB-A");
        publishable.setChannelPolicy(other, new PublishPolicy(false, 0, null, 100, null));

        inventory.receive(Sku.of("OB-A"), "TOKYO", 10, StockReference.NONE, null);
        assertThat(eventsFor(channel, "OB-A")).containsExactly(10L);
        assertThat(eventsFor(channel, "OB-SET")).containsExactly(0L); // B is still 0
        assertThat(eventsFor(other, "OB-A")).isEmpty(); // sync off there

        inventory.receive(Sku.of("OB-B"), "TOKYO", 3, StockReference.NONE, null);
        assertThat(eventsFor(channel, "OB-SET")).containsExactly(0L, 3L);

        inventory.reserve("ORD-OB", "1", Sku.of("OB-SET"), 1, null);
        assertThat(eventsFor(channel, "OB-A")).containsExactly(10L, 9L);
        assertThat(eventsFor(channel, "OB-SET")).containsExactly(0L, 3L, 2L);
        assertThat(events.publishable).contains(new PublishableQuantityChanged(channel, Sku.of("OB-SET"), 2));

        // a change that does not move the published figure writes nothing: cap A at 5 on this channel
        publishable.setSkuPolicy(channel, Sku.of("OB-A"), new PublishPolicy(true, 0, 5, 100, null));
        assertThat(eventsFor(channel, "OB-A")).containsExactly(10L, 9L, 5L);
        inventory.adjust(Sku.of("OB-A"), "TOKYO", -1, "破損");
        assertThat(eventsFor(channel, "OB-A")).containsExactly(10L, 9L, 5L);
        assertThat(eventsFor(channel, "OB-SET")).containsExactly(0L, 3L, 2L); // A 8 left, B 2: still 2 sets

        long before = count("publishable_quantity_event");
        inventory.receive(Sku.of("OB-UNLISTED"), "TOKYO", 5, StockReference.NONE, null);
        inventory.reserve("ORD-OB", "2", Sku.of("OB-UNLISTED"), 1, null);
        assertThat(count("publishable_quantity_event")).isEqualTo(before);
        assertThat(jdbc.sql("select quantity from channel_stock where channel_id = :c and sku = 'OB-SET'")
                .param("c", channel).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void claimPendingLeasesRowsAndMarkDeliveredCompletesThem() {
        long channel = catalog.channel("pub-claim");
        catalog.product("CL-1").listing(channel, "cl-1", "CL-1");
        drainOutbox();
        for (int i = 0; i < 3; i++) {
            inventory.receive(Sku.of("CL-1"), "TOKYO", 1, StockReference.NONE, null);
        }
        List<PendingPublication> first = outbox.claimPending(2);
        assertThat(first).extracting(PendingPublication::quantity).containsExactly(1L, 2L);
        List<PendingPublication> second = outbox.claimPending(10);
        assertThat(second).extracting(PendingPublication::quantity).containsExactly(3L);
        assertThat(outbox.claimPending(10)).isEmpty(); // all leased
        assertThat(outbox.markDelivered(first.stream().map(PendingPublication::id).toList())).isEqualTo(2);
        assertThat(outbox.markDelivered(first.stream().map(PendingPublication::id).toList())).isZero();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        // a lease that ran out makes the row claimable again
        jdbc.sql("update publishable_quantity_event set claimed_until = :past where id = :id")
                .param("past", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1))
                .param("id", second.getFirst().id()).update();
        assertThat(outbox.claimPending(10)).extracting(PendingPublication::id).containsExactly(second.getFirst().id());
    }

    // ---------------------------------------------------------------- consistency

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void driftCheckReportsABalanceCorruptedBehindTheLedgersBack(CapturedOutput output) {
        catalog.product("DR-1");
        inventory.receive(Sku.of("DR-1"), "TOKYO", 8, StockReference.NONE, null);
        inventory.reserve("ORD-DR", "1", Sku.of("DR-1"), 3, null);
        assertThat(driftsOf("DR-1")).isEmpty();

        jdbc.sql("update stock_balance set on_hand = on_hand + 5, reserved = reserved - 1 where sku = 'DR-1'").update();
        try {
            Api.Response r = api.get("/api/v1/inventory/consistency");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("consistent").asBoolean()).isFalse();
            List<JsonNode> rows = new ArrayList<>();
            r.json().get("drifts").forEach(rows::add);
            assertThat(rows).filteredOn(d -> d.get("sku").asString().equals("DR-1")).singleElement().satisfies(d -> {
                assertThat(d.get("warehouse").asString()).isEqualTo("TOKYO");
                assertThat(d.get("ledgerOnHand").asLong()).isEqualTo(8);
                assertThat(d.get("balanceOnHand").asLong()).isEqualTo(13);
                assertThat(d.get("ledgerReserved").asLong()).isEqualTo(3);
                assertThat(d.get("balanceReserved").asLong()).isEqualTo(2);
                assertThat(d.get("openReservations").asLong()).isEqualTo(3);
            });
            // the scheduled task logs every drifting row loudly
            consistencyTask.executeRecurringly(null, null);
            assertThat(output.getOut()).contains("INVENTORY DRIFT").contains("DR-1 @ TOKYO: on hand ledger 8 / balance 13");
        } finally {
            jdbc.sql("update stock_balance set on_hand = on_hand - 5, reserved = reserved + 1 where sku = 'DR-1'").update();
        }
        assertThat(driftsOf("DR-1")).isEmpty();
    }

    @Test
    void consistencyCheckIsARecurringDbSchedulerTask() {
        assertThat(consistencyTask.getName()).isEqualTo("inventory-consistency-check");
        assertThat(consistencyTask.getDefaultTaskInstance().getTaskName()).isEqualTo("inventory-consistency-check");
    }

    @Test
    void everyChangeIsPublishedAsStockChanged() {
        catalog.product("EV-1");
        inventory.receive(Sku.of("EV-1"), "TOKYO", 2, StockReference.NONE, null);
        inventory.reserve("ORD-EV", "1", Sku.of("EV-1"), 1, null);
        inventory.release("ORD-EV", "1");
        assertThat(events.stock).filteredOn(e -> e.sku().value().equals("EV-1")).containsExactly(
                new StockChanged(Sku.of("EV-1"), "TOKYO", MovementType.RECEIPT, 2, 0),
                new StockChanged(Sku.of("EV-1"), "TOKYO", MovementType.RESERVATION, 0, 1),
                new StockChanged(Sku.of("EV-1"), "TOKYO", MovementType.RELEASE, 0, -1));
    }

    // ---------------------------------------------------------------- helpers

    private List<StockDrift> driftsOf(String sku) {
        return inventory.checkConsistency().drifts().stream().filter(d -> d.sku().value().equals(sku)).toList();
    }

    private List<Long> eventsFor(long channel, String sku) {
        return jdbc.sql("select quantity from publishable_quantity_event where channel_id = :c and sku = :s order by id")
                .param("c", channel).param("s", sku).query(Long.class).list();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private void drainOutbox() {
        List<PendingPublication> pending;
        while (!(pending = outbox.claimPending(500)).isEmpty()) {
            outbox.markDelivered(pending.stream().map(PendingPublication::id).toList());
        }
    }

    private static StockLevel level(StockSummary s, String warehouse) {
        return s.warehouses().stream().filter(l -> l.warehouse().equals(warehouse)).findFirst().orElseThrow();
    }

    private static List<String> fields(Api.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
