package dev.ichigen.catalog;

import java.time.Instant;
import java.util.List;

/** A product flattened to plain values for the audit log's before/after JSON. */
record ProductSnapshot(String sku, String kind, String parentSku, String jan, String name, String nameKana, String brand,
        String category, long price, String taxRate, boolean priceIncludesTax, Long costPrice, Instant saleStartsAt,
        Instant saleEndsAt, String description, Integer weightGrams, Integer lengthMm, Integer widthMm,
        Integer heightMm, String temperatureZone, String shippingCategory, boolean lotManaged, String status,
        List<String> variationAxes, List<String> variationValues, List<Component> components, long version) {

    record Component(String sku, int quantity) {
    }

    static ProductSnapshot of(Product p) {
        if (p == null) {
            return null;
        }
        return new ProductSnapshot(p.sku().value(), p.kind().name(), p.parentSku() == null ? null : p.parentSku().value(),
                p.jan() == null ? null : p.jan().value(), p.name(), p.nameKana(), p.brand(), p.category(), p.price(),
                p.taxRate().name(), p.priceIncludesTax(), p.costPrice(), p.saleStartsAt(), p.saleEndsAt(),
                p.description(), p.weightGrams(), p.lengthMm(), p.widthMm(), p.heightMm(), p.temperatureZone().name(),
                p.shippingCategory(), p.lotManaged(), p.status().name(), p.variationAxes(), p.variationValues(),
                p.components().stream().map(c -> new Component(c.sku().value(), c.quantity())).toList(), p.version());
    }
}
