package dev.ichigen.catalog;

import dev.ichigen.shared.Sku;

/** What other modules need to know about a SKU without loading the whole product. */
public record CatalogItem(Sku sku, ProductKind kind, String name, boolean lotManaged, boolean active) {
}
