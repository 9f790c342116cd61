package dev.ichigen.catalog;

/** The product after a create-or-replace and what happened to it. */
public record ProductSaveResult(Product product, Outcome outcome) {

    public enum Outcome {
        /** The SKU did not exist and was created (新規登録). */
        CREATED,
        /** The SKU existed and at least one value changed (更新). */
        REPLACED,
        /** The SKU existed with exactly these values: nothing was written, audited or published. */
        UNCHANGED
    }
}
