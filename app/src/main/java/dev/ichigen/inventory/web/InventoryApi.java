package dev.ichigen.inventory.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Stock per SKU, its ledger, and manual stock changes (在庫照会・在庫調整・入荷・倉庫間移動). */
@RestController
@RequestMapping("/api/v1/inventory")
@Tag(name = "inventory", description = "Stock per SKU and warehouse, ledger, adjustments, transfers, consistency")
class InventoryApi {

    private static final String STOCK_ROLES = "hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')";

    private final InventoryManagement inventory;

    InventoryApi(InventoryManagement inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/consistency")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Recompute every balance from the ledger and list the rows that disagree")
    Views.Consistency consistency() {
        return Views.Consistency.of(inventory.checkConsistency());
    }

    @GetMapping("/{sku}")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Stock of a SKU per warehouse and in total (active warehouses); derived for a set")
    Views.Stock stock(@PathVariable String sku) {
        return Views.Stock.of(inventory.stock(Sku.of(sku)));
    }

    record Adjustment(String warehouse, Long delta, String reason) {
    }

    @PostMapping("/{sku}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "在庫調整: change on hand by delta (±) with a reason; may not go below reserved")
    Views.Movement adjust(@PathVariable String sku, @RequestBody Adjustment body) {
        if (body.delta() == null) {
            throw new InvalidInputException("delta", "is required");
        }
        return Views.Movement.of(inventory.adjust(Sku.of(sku), body.warehouse(), body.delta(), body.reason()));
    }

    record Receipt(String warehouse, Long quantity, String referenceType, String referenceId, String note) {
    }

    @PostMapping("/{sku}/receipts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "入荷: add received units to a warehouse")
    Views.Movement receive(@PathVariable String sku, @RequestBody Receipt body) {
        if (body.quantity() == null) {
            throw new InvalidInputException("quantity", "is required");
        }
        return Views.Movement.of(inventory.receive(Sku.of(sku), body.warehouse(), body.quantity(),
                new StockReference(body.referenceType(), body.referenceId(), null), body.note()));
    }

    record Transfer(String from, String to, Long quantity, String reason) {
    }

    @PostMapping("/{sku}/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "倉庫間移動: move available units between warehouses in one transaction")
    List<Views.Movement> transfer(@PathVariable String sku, @RequestBody Transfer body) {
        if (body.quantity() == null) {
            throw new InvalidInputException("quantity", "is required");
        }
        return inventory.transfer(Sku.of(sku), body.from(), body.to(), body.quantity(), body.reason()).stream()
                .map(Views.Movement::of).toList();
    }

    @GetMapping("/{sku}/movements")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Ledger (入出庫履歴) of a SKU, newest first")
    Page<Views.Movement> movements(@PathVariable String sku, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return inventory.movements(Sku.of(sku), Math.max(0, page), Math.clamp(size, 1, 500)).map(Views.Movement::of);
    }

    @GetMapping("/{sku}/locations")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "ロケーション在庫: stock of a SKU per warehouse, location and lot (walk order; location null = 未棚入れ)")
    List<dev.ichigen.inventory.LocationStockLevel> locations(@PathVariable String sku) {
        return inventory.locationStock(Sku.of(sku));
    }
}
