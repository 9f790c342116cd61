package dev.ichigen.catalog.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.catalog.ProductSaveResult;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The product master over REST. Every role may read; ADMIN and OPERATOR may change. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "products", description = "Product master (商品マスタ): products, variations, sets")
class ProductApi {

    private final ProductManagement products;

    ProductApi(ProductManagement products) {
        this.products = products;
    }

    @PutMapping("/{sku}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Create or replace a product", description = "201 when created, 200 when replaced or unchanged. "
            + "Values left out take their defaults. Validation problems are 422 with errors[].field naming the JSON field.")
    ResponseEntity<ProductJson> put(@PathVariable String sku, @RequestBody ProductRequest request) {
        ProductSaveResult result = products.save(request.toDefinition(sku), request.version());
        ProductJson body = ProductJson.of(result.product());
        return result.outcome() == ProductSaveResult.Outcome.CREATED
                ? ResponseEntity.created(URI.create("/api/v1/products/" + sku)).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/{sku}")
    @Operation(summary = "One product")
    ProductJson get(@PathVariable String sku) {
        return ProductJson.of(products.get(sku(sku)));
    }

    @GetMapping("/{sku}/variants")
    @Operation(summary = "The variations (子商品) of a parent product")
    List<ProductJson> variants(@PathVariable String sku) {
        return products.variantsOf(products.get(sku(sku)).sku()).stream().map(ProductJson::of).toList();
    }

    @GetMapping
    @Operation(summary = "Search products, in SKU order", description = "q matches part of SKU, name, kana name, brand or JAN; "
            + "category matches the category or its sub-categories (食品>菓子). page is 0-based, size 1-500.")
    Page<ProductJson> search(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
            @RequestParam(required = false) String brand, @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String temperatureZone,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return products.search(query(q, category, brand, status, kind, temperatureZone), page, size).map(ProductJson::of);
    }

    @PostMapping("/{sku}/discontinue")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Mark a product 販売終了 (idempotent)")
    ProductJson discontinue(@PathVariable String sku) {
        return ProductJson.of(products.discontinue(sku(sku)));
    }

    /** Filters from query parameters; an unknown enum value is a 422 naming the parameter. */
    static ProductQuery query(String q, String category, String brand, String status, String kind, String temperatureZone) {
        List<FieldError> errors = new java.util.ArrayList<>();
        ProductStatus statusValue = null;
        if (status != null && !status.isBlank() && (statusValue = ProductStatus.parse(status)) == null) {
            errors.add(new FieldError("status", "ACTIVE か DISCONTINUED を指定してください: " + status));
        }
        ProductKind kindValue = null;
        if (kind != null && !kind.isBlank() && (kindValue = ProductValues.parseKind(kind)) == null) {
            errors.add(new FieldError("kind", "SIMPLE・PARENT・VARIANT・SET のいずれかを指定してください: " + kind));
        }
        TemperatureZone zone = null;
        if (temperatureZone != null && !temperatureZone.isBlank() && (zone = TemperatureZone.parse(temperatureZone)) == null) {
            errors.add(new FieldError("temperatureZone", "AMBIENT・CHILLED・FROZEN のいずれかを指定してください: " + temperatureZone));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ProductQuery(q, category, brand, statusValue, kindValue, zone);
    }

    /** A SKU from the path; one that cannot exist is simply not found. */
    static Sku sku(String value) {
        if (!Sku.isValid(value)) {
            throw new NotFoundException("商品 " + value + " は登録されていません");
        }
        return Sku.of(value);
    }
}
