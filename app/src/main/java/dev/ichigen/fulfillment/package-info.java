/**
 * Fulfillment (出荷): shipping instructions (出荷指示) made from orders that are ready to ship — one shipment per
 * order part or merge-group part —, pack verification by barcode (出荷検品), carrier label data and the issued
 * tracking numbers (through {@code shipping}), and marking shipped, which ships the member orders and their stock.
 * The 納品書 and 出荷日報 PDFs are rendered by the {@code documents} module from these shipments. Picking plans,
 * receiving and stocktake are the {@code warehouse} module; returns and transfers are not built yet
 * (docs/FULFILLMENT.md, docs/WAREHOUSE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "fulfillment",
        allowedDependencies = { "shared", "platform", "catalog", "inventory", "order", "shipping" })
package dev.ichigen.fulfillment;
