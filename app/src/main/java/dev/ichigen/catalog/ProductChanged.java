package dev.ichigen.catalog;

import dev.ichigen.shared.Sku;

/**
 * A product was created, replaced or discontinued (商品マスタ更新). Carries only the SKU: listeners read
 * what they need through {@link ProductCatalog}. Not published when a save changes nothing.
 */
public record ProductChanged(Sku sku) {
}
