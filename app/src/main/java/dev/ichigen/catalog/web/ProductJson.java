package dev.ichigen.catalog.web;

import java.time.Instant;
import java.util.List;

import dev.ichigen.catalog.Product;

/** A product as the REST API shows it. Enum values are their names (e.g. {@code STANDARD_10}, {@code CHILLED}). */
record ProductJson(String sku, String kind, String parentSku, String jan, String name, String nameKana, String brand,
        String category, long price, String taxRate, boolean priceIncludesTax, Long costPrice, Instant saleStartsAt,
        Instant saleEndsAt, String description, Integer weightGrams, Integer lengthMm, Integer widthMm,
        Integer heightMm, String temperatureZone, String shippingCategory, boolean lotManaged, String status,
        List<String> variationAxes, List<String> variationValues, List<ComponentJson> components, long version,
        Instant createdAt, Instant updatedAt) {

    record ComponentJson(String sku, Integer quantity) {
    }

    static ProductJson of(Product p) {
        return new ProductJson(p.sku().value(), p.kind().name(), p.parentSku() == null ? null : p.parentSku().value(),
                p.jan() == null ? null : p.jan().value(), p.name(), p.nameKana(), p.brand(), p.category(), p.price(),
                p.taxRate().name(), p.priceIncludesTax(), p.costPrice(), p.saleStartsAt(), p.saleEndsAt(),
                p.description(), p.weightGrams(), p.lengthMm(), p.widthMm(), p.heightMm(), p.temperatureZone().name(),
                p.shippingCategory(), p.lotManaged(), p.status().name(), p.variationAxes(), p.variationValues(),
                p.components().stream().map(c -> new ComponentJson(c.sku().value(), c.quantity())).toList(),
                p.version(), p.createdAt(), p.updatedAt());
    }
}
