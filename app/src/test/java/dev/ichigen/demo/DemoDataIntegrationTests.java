package dev.ichigen.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.demo.enabled=true")
class DemoDataIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ProductManagement products;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    ChannelListings listings;

    @Autowired
    DemoData demo;

    @Test
    void loadsAboutFiftyProductsWithVariationsSetsTwoWarehousesAndStock() {
        var all = products.search(ProductQuery.all(), 0, 500).items();
        assertThat(all).hasSizeBetween(45, 60);
        assertThat(all).filteredOn(p -> p.kind() == ProductKind.VARIANT).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).filteredOn(p -> p.kind() == ProductKind.SET).hasSizeGreaterThanOrEqualTo(3);
        assertThat(products.get(Sku.of("TSHIRT-ORG-NV-M")).name()).contains("ネイビー");
        assertThat(warehouses.list()).extracting(w -> w.code()).containsExactlyInAnyOrder("TOKYO", "OSAKA");

        var tea = inventory.stock(Sku.of("TEA-SENCHA-100"));
        assertThat(tea.onHand()).isPositive();
        assertThat(inventory.checkConsistency().drifts()).isEmpty();
        assertThat(listings.openUnmappedItems(null, 0, 10).items()).isNotEmpty();
    }

    @Test
    void setAvailabilityIsDerivedFromComponentsOverTheApi() {
        var answer = Api.admin(port).get("/api/v1/inventory/SET-TEA-TRIO");
        assertThat(answer.status()).isEqualTo(200);
        long sencha = inventory.stock(Sku.of("TEA-SENCHA-100")).available();
        long setAvailable = answer.json().get("available").asLong();
        assertThat(setAvailable).isLessThanOrEqualTo(sencha);
    }

    @Test
    void loadingTwiceChangesNothing() throws Exception {
        long before = products.search(ProductQuery.all(), 0, 1).total();
        long onHandBefore = inventory.stock(Sku.of("TEA-SENCHA-100")).onHand();
        demo.run(new DefaultApplicationArguments());
        assertThat(products.search(ProductQuery.all(), 0, 1).total()).isEqualTo(before);
        assertThat(inventory.stock(Sku.of("TEA-SENCHA-100")).onHand()).isEqualTo(onHandBefore);
    }
}
