package dev.ichigen.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.ProductStore.Reference;
import dev.ichigen.catalog.ProductStore.VariantKey;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * The product master (商品マスタ): create or replace a product by SKU, look products up, search them,
 * discontinue them. Every change is audited (before/after) and announced as {@link ProductChanged};
 * a save that changes nothing writes nothing. Rules: {@link ProductRules}.
 */
@Service
public class ProductManagement {

    private final ProductStore store;
    private final ProductWriter writer;

    ProductManagement(ProductStore store, ProductWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Creates the product or replaces every value of it (values not given take their defaults). */
    @Transactional
    public ProductSaveResult save(ProductDefinition definition) {
        return save(definition, null);
    }

    /**
     * As {@link #save(ProductDefinition)}, but only if the stored product still has {@code expectedVersion}
     * ({@code null}: whatever it has); otherwise a {@link ConflictException}.
     */
    @Transactional
    public ProductSaveResult save(ProductDefinition definition, Long expectedVersion) {
        ProductDefinition d = ProductRules.normalise(definition);
        if (d.sku() == null) {
            throw new InvalidInputException("sku", "商品コード(SKU)は必須です");
        }
        if (d.kind() == ProductKind.VARIANT && d.parentSku() != null) {
            // Serialises variants saved under one parent, so two can never take the same values.
            store.lock(d.parentSku());
        }
        Optional<Product> existing = store.find(d.sku());
        if (expectedVersion != null && existing.map(Product::version).orElse(-1L) != expectedVersion.longValue()) {
            throw new ConflictException("商品 " + d.sku() + " は version " + expectedVersion + " ではありません（現在 "
                    + existing.map(p -> String.valueOf(p.version())).orElse("未登録") + "）。読み直してからやり直してください");
        }
        List<FieldError> errors = ProductRules.check(d, storedContext());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return writer.write(List.of(new ProductWriter.Change(existing.orElse(null), d, null, null))).getFirst();
    }

    @Transactional(readOnly = true)
    public Optional<Product> find(Sku sku) {
        return store.find(sku);
    }

    @Transactional(readOnly = true)
    public Product get(Sku sku) {
        return store.find(sku).orElseThrow(() -> new NotFoundException("商品 " + sku + " は登録されていません"));
    }

    /** One page (0-based) of products matching {@code query}, in SKU order; {@code size} is 1–500. */
    @Transactional(readOnly = true)
    public Page<Product> search(ProductQuery query, int page, int size) {
        int p = Math.max(0, page);
        int s = Math.clamp(size, 1, 500);
        return new Page<>(store.search(query, p, s), p, s, store.count(query));
    }

    /** The variations (子商品) of a parent, in SKU order. */
    @Transactional(readOnly = true)
    public List<Product> variantsOf(Sku parent) {
        return store.findAll(store.variantsOf(parent).stream().map(VariantKey::sku).toList());
    }

    /** Marks the product 販売終了. Discontinuing a discontinued product changes nothing. */
    @Transactional
    public Product discontinue(Sku sku) {
        Product product = get(sku);
        if (product.status() == ProductStatus.DISCONTINUED) {
            return product;
        }
        ProductDefinition d = product.definition().withStatus(ProductStatus.DISCONTINUED);
        return writer.write(List.of(new ProductWriter.Change(product, d, null, "product.discontinue"))).getFirst().product();
    }

    /** The rules' view of other products as they are stored. */
    private ProductRules.Context storedContext() {
        return new ProductRules.Context() {
            @Override
            public Optional<ProductKind> storedKind(Sku sku) {
                return reference(sku).map(Reference::kind);
            }

            @Override
            public Optional<Reference> reference(Sku sku) {
                Map<Sku, Reference> refs = store.references(List.of(sku));
                return Optional.ofNullable(refs.get(sku));
            }

            @Override
            public List<VariantKey> variantsOf(Sku parent) {
                return store.variantsOf(parent);
            }
        };
    }
}
