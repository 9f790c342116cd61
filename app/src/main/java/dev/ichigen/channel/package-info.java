/**
 * Stores on platforms (販売チャネル: a Rakuten shop, a Yahoo! store, an Amazon seller account, a Shopify
 * shop, the own site): registering and listing them and keeping their credentials encrypted (never returned, logged or
 * exported), and connecting them: the connector framework ({@code channel.connector}: orders in by webhook and polling,
 * stock out within seconds from the inventory's publish outbox, shipment write-back (発送連絡) on fulfillment's
 * {@code ShipmentShipped}, call log and health) and one package per platform
 * ({@code channel.shopify}, {@code channel.rakuten}, {@code channel.yahoo}, {@code channel.amazon} built) — docs/CONNECTORS.md. Which channel item is which SKU
 * lives in the catalog (channel listings); orders are the order module's, taken in through its intake.
 */
@org.springframework.modulith.ApplicationModule(displayName = "channel")
package dev.ichigen.channel;
