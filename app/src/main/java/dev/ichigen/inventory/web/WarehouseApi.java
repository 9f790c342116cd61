package dev.ichigen.inventory.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.inventory.NewLocation;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseChange;
import dev.ichigen.inventory.WarehouseLocation;
import dev.ichigen.inventory.WarehouseManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Warehouses (倉庫) and locations (ロケーション). */
@RestController
@RequestMapping("/api/v1/warehouses")
@Tag(name = "warehouses", description = "Warehouses with allocation priority, and their locations")
class WarehouseApi {

    private final WarehouseManagement warehouses;

    WarehouseApi(WarehouseManagement warehouses) {
        this.warehouses = warehouses;
    }

    @GetMapping
    @Operation(summary = "All warehouses in allocation order")
    List<Warehouse> list() {
        return warehouses.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a warehouse (priority: lower is allocated first)")
    Warehouse create(@RequestBody NewWarehouse body) {
        return warehouses.create(body);
    }

    @GetMapping("/{code}")
    @Operation(summary = "One warehouse")
    Warehouse get(@PathVariable String code) {
        return warehouses.get(code);
    }

    @PatchMapping("/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change name, priority or active (deactivating stops reservations there)")
    Warehouse update(@PathVariable String code, @RequestBody WarehouseChange body) {
        return warehouses.update(code, body);
    }

    @GetMapping("/{code}/locations")
    @Operation(summary = "Locations of a warehouse in walk order")
    List<WarehouseLocation> locations(@PathVariable String code) {
        return warehouses.locations(code);
    }

    @PostMapping("/{code}/locations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','WAREHOUSE')")
    @Operation(summary = "Add a location (zone, shelf, bin, walk order)")
    WarehouseLocation addLocation(@PathVariable String code, @RequestBody NewLocation body) {
        return warehouses.addLocation(code, body);
    }
}
