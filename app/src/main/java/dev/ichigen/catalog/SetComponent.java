package dev.ichigen.catalog;

import dev.ichigen.shared.Sku;

/** One line of a set product (セット構成): {@code quantity} pieces of the stocked product {@code sku} per set. */
public record SetComponent(Sku sku, int quantity) {
}
