/**
 * Warehouse work (WMS, 倉庫業務): purchase orders to suppliers (発注), receiving with inspection and put-away (入荷・検品・
 * 棚入れ), per-channel minimum remaining shelf life (最低残存期限), and pick plans — FEFO pick assignment of shipments and
 * batch pick lists in location walk order (ピッキング・トータルピッキング), and stocktakes (棚卸し). Stock itself (balances, ledger, stock per location
 * and lot, pick assignments) stays in {@code inventory}, the single source of available stock; this module only
 * calls it. Returns and moves between locations are not built yet (docs/WAREHOUSE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "warehouse",
        allowedDependencies = { "shared", "platform", "catalog", "inventory", "order", "fulfillment" })
package dev.ichigen.warehouse;
