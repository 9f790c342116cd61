package dev.ichigen.catalog;

import java.time.Instant;

import dev.ichigen.shared.Sku;

/**
 * A product image (商品画像) without its bytes: {@code position} orders the images of a SKU (1 = main image),
 * {@code contentType} is what the bytes are (checked, not what the uploader claimed), {@code sha256} their hash.
 */
public record ProductImage(long id, Sku sku, int position, String fileName, String contentType, int byteSize,
        String sha256, Instant createdAt) {
}
