package dev.ichigen.order;

import java.util.List;

/**
 * What an intake did. CREATED: a new order. UNCHANGED: the same content again — nothing was written.
 * UPDATED: changes applied ({@code changes}) and re-checked. CANCELLED: the channel cancelled it.
 * CONFLICT: the order is shipped (or cancelled) and the change was NOT applied; it is recorded as a hold
 * ({@code conflictHoldId}) with the changes for a person to act on.
 */
public record IntakeResult(Outcome outcome, long orderId, OrderStatus status, List<FieldChange> changes,
        Long conflictHoldId) {

    public enum Outcome {
        CREATED, UNCHANGED, UPDATED, CANCELLED, CONFLICT
    }
}
