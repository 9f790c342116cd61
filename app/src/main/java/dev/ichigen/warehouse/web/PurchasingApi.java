package dev.ichigen.warehouse.web;

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

import dev.ichigen.warehouse.NewPurchaseOrder;
import dev.ichigen.warehouse.NewReceipt;
import dev.ichigen.warehouse.PurchaseOrder;
import dev.ichigen.warehouse.PurchaseOrderStatus;
import dev.ichigen.warehouse.PurchaseOrders;
import dev.ichigen.warehouse.Receipt;
import dev.ichigen.warehouse.Receiving;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * 発注 and 入荷. Purchase orders are created and closed by ADMIN and OPERATOR (purchasing, like the product master);
 * everyone with stock work (ADMIN, OPERATOR, WAREHOUSE) reads them and posts receipts.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "warehouse", description = "Purchase orders (発注), receipts with inspection and put-away (入荷・検品・棚入れ)")
class PurchasingApi {

    private static final String STOCK_ROLES = "hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')";
    private static final String PURCHASING_ROLES = "hasAnyRole('ADMIN','OPERATOR')";

    private final PurchaseOrders purchaseOrders;
    private final Receiving receiving;

    PurchasingApi(PurchaseOrders purchaseOrders, Receiving receiving) {
        this.purchaseOrders = purchaseOrders;
        this.receiving = receiving;
    }

    @PostMapping("/purchase-orders")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(PURCHASING_ROLES)
    @Operation(summary = "発注: create a purchase order (supplier, warehouse, expected date, lines SKU + quantity)")
    PurchaseOrder create(@RequestBody NewPurchaseOrder body) {
        return purchaseOrders.create(body);
    }

    @GetMapping("/purchase-orders")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Purchase orders, newest first, optionally in one status")
    List<PurchaseOrder> list(@RequestParam(required = false) PurchaseOrderStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return purchaseOrders.list(status, Math.clamp(limit, 1, 500));
    }

    @GetMapping("/purchase-orders/{number}")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "One purchase order with received and damaged quantities per line")
    PurchaseOrder get(@PathVariable String number) {
        return purchaseOrders.get(number);
    }

    @PostMapping("/purchase-orders/{number}/close")
    @PreAuthorize(PURCHASING_ROLES)
    @Operation(summary = "締め: nothing more is expected on this purchase order")
    PurchaseOrder close(@PathVariable String number) {
        return purchaseOrders.close(number);
    }

    @PostMapping("/receipts")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "入荷: post a receipt (against a PO or free) — inspection per line, lot/expiry for lot-managed products, "
            + "put-away location; good units go into stock through the ledger, damaged ones are recorded only. Idempotent by "
            + "receiptKey: a repeated post answers 200 with alreadyPosted=true")
    org.springframework.http.ResponseEntity<Receipt> post(@RequestBody NewReceipt body) {
        Receipt r = receiving.post(body);
        return org.springframework.http.ResponseEntity.status(r.alreadyPosted() ? HttpStatus.OK : HttpStatus.CREATED).body(r);
    }

    @GetMapping("/receipts")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Receipts, newest first (of one purchase order when purchaseOrder is given)")
    List<Receipt> receipts(@RequestParam(required = false) String purchaseOrder, @RequestParam(defaultValue = "100") int limit) {
        return receiving.list(purchaseOrder, Math.clamp(limit, 1, 500));
    }

    @GetMapping("/receipts/{key}")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "One receipt by its key")
    Receipt receipt(@PathVariable String key) {
        return receiving.get(key);
    }
}
