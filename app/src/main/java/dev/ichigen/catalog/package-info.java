/**
 * The product master (商品マスタ): products with prices, tax class, sale period and images,
 * variations (バリエーション), set products (セット商品), and which channel item is which SKU
 * (channel listings). Knows nothing of stock quantities.
 */
@org.springframework.modulith.ApplicationModule(displayName = "catalog")
package dev.ichigen.catalog;
