/**
 * Stores on platforms (販売チャネル: a Rakuten shop, a Yahoo! store, an Amazon seller account, a Shopify
 * shop, the own site): registering and listing them and keeping their credentials encrypted (never returned, logged or
 * exported). Connectors and sync cursors arrive with the channel connectors issue. Which channel item is which SKU lives in the catalog (channel listings).
 */
@org.springframework.modulith.ApplicationModule(displayName = "channel")
package dev.ichigen.channel;
