package dev.ichigen.catalog;

/**
 * SIMPLE: a stocked SKU. PARENT: groups variations (e.g. a T-shirt) and is not stocked itself.
 * VARIANT: one variation (e.g. ネイビー × M), a stocked SKU under a parent. SET: セット商品, made of
 * components × quantity, with no stock of its own.
 */
public enum ProductKind {
    SIMPLE, PARENT, VARIANT, SET;

    /** Whether stock is kept for SKUs of this kind (sets and parents derive or have none). */
    public boolean stocked() {
        return this == SIMPLE || this == VARIANT;
    }
}
