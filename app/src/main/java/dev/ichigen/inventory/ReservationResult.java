package dev.ichigen.inventory;

import java.util.List;

/**
 * The outcome of a reservation (引当結果). Not enough stock is an expected answer, not an error:
 * {@link Shortage} says which SKU fell short where, and how many were available.
 */
public sealed interface ReservationResult {

    String orderRef();

    default boolean reserved() {
        return this instanceof Reserved;
    }

    /** Every requested line is reserved (some may have been reserved by an earlier identical call). */
    record Reserved(String orderRef, List<ReservedLine> lines) implements ReservationResult {
    }

    /**
     * Nothing was reserved: in each warehouse tried (by priority), the first SKU that fell short. For a set
     * line the SKU is the component that is missing.
     */
    record Shortage(String orderRef, List<Shortfall> shortfalls) implements ReservationResult {
    }

    /** One line as it is reserved now; {@code alreadyReserved} when an earlier call had reserved it. */
    record ReservedLine(String lineRef, dev.ichigen.shared.Sku sku, long quantity, String warehouse,
            boolean alreadyReserved) {
    }

    /** In {@code warehouse}, {@code requested} units of {@code sku} were needed and {@code available} were there. */
    record Shortfall(String warehouse, dev.ichigen.shared.Sku sku, long requested, long available) {
    }
}
