package dev.ichigen.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.ichigen.platform.AuditLog;

/**
 * Writes checked definitions: decides created / replaced / unchanged, stores in batches, records one
 * audit entry per changed product (before/after) and publishes {@link ProductChanged} for each.
 * Runs inside the caller's transaction.
 */
@Component
class ProductWriter {

    /** One definition to write, the product as stored now ({@code null} if new) and a note for the audit summary. */
    record Change(Product before, ProductDefinition definition, String note, String action) {
    }

    private final ProductStore store;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductWriter(ProductStore store, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Writes the changes in the given order and answers the outcome of each, in the same order. */
    List<ProductSaveResult> write(List<Change> changes) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        List<ProductSaveResult> results = new ArrayList<>(changes.size());
        List<Product> inserts = new ArrayList<>();
        List<Product> updates = new ArrayList<>();
        for (Change change : changes) {
            Product before = change.before();
            if (before == null) {
                Product created = Product.of(change.definition(), 1, now, now);
                inserts.add(created);
                results.add(new ProductSaveResult(created, ProductSaveResult.Outcome.CREATED));
            } else if (before.definition().equals(change.definition())) {
                results.add(new ProductSaveResult(before, ProductSaveResult.Outcome.UNCHANGED));
            } else {
                Product replaced = Product.of(change.definition(), before.version() + 1, before.createdAt(), now);
                updates.add(replaced);
                results.add(new ProductSaveResult(replaced, ProductSaveResult.Outcome.REPLACED));
            }
        }
        // Parents and components must exist before the rows that refer to them: callers order the changes;
        // inserts go first so that an updated product may refer to a new one.
        inserts.sort(java.util.Comparator.comparingInt(p -> writeRank(p.kind())));
        store.insert(inserts);
        store.update(updates);
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            ProductSaveResult result = results.get(i);
            if (result.outcome() == ProductSaveResult.Outcome.UNCHANGED) {
                continue;
            }
            Product after = result.product();
            String action = change.action() != null ? change.action()
                    : result.outcome() == ProductSaveResult.Outcome.CREATED ? "product.create" : "product.replace";
            String verb = switch (action) {
                case "product.create" -> "商品を登録";
                case "product.discontinue" -> "商品を販売終了";
                default -> "商品を更新";
            };
            audit.record(action, "product", after.sku().value(),
                    verb + ": " + after.sku() + " " + after.name() + (change.note() == null ? "" : " (" + change.note() + ")"),
                    ProductSnapshot.of(change.before()), ProductSnapshot.of(after));
            events.publishEvent(new ProductChanged(after.sku()));
        }
        return results;
    }

    /** Parents before their variants, stocked products before the sets made of them. */
    static int writeRank(ProductKind kind) {
        return switch (kind) {
            case PARENT -> 0;
            case SIMPLE -> 1;
            case VARIANT -> 2;
            case SET -> 3;
        };
    }
}
