/**
 * Stock (在庫): warehouses and their locations, the stock ledger (入出庫履歴) with balances per SKU and
 * warehouse, stock per location and lot below them (with lot expiry), reservations for order lines (引当) and their
 * pick assignments (FEFO), and what quantity each sales channel may show (在庫連動). Stock changes only through
 * movements appended to the ledger. Knows products only through
 * the catalog's read API; orders, shipments and channel connectors are other modules' business.
 */
@org.springframework.modulith.ApplicationModule(displayName = "inventory",
        allowedDependencies = { "shared", "catalog", "platform" })
package dev.ichigen.inventory;
