package dev.ichigen.catalog;

/**
 * Filters for listing products; every part may be {@code null}. {@code text} matches part of the SKU,
 * name, kana name (ひらがな finds カタカナ), brand or JAN; {@code category} matches the category or a
 * sub-category written as {@code 食品>菓子}.
 */
public record ProductQuery(String text, String category, String brand, ProductStatus status, ProductKind kind,
        TemperatureZone temperatureZone) {

    public static ProductQuery all() {
        return new ProductQuery(null, null, null, null, null, null);
    }
}
