/**
 * Orders (受注): one model for every channel's orders, taken in idempotently ({@link dev.ichigen.order.OrderIntake}),
 * checked on intake with explainable hold reasons, allocated from stock (引当, backorders FIFO), with a status
 * derived from the facts and a history of every change ({@link dev.ichigen.order.OrderManagement}). Knows channels
 * by id only; shipping, payments reconciliation and connectors are other modules' business.
 *
 * <h2>Adding an intake check</h2>
 * Write a Spring bean implementing {@link dev.ichigen.order.OrderCheck} (in {@code dev.ichigen.order.check}, or
 * in another module that may depend on {@code order}): give it a stable {@code name()}, a {@code description()},
 * optional {@link dev.ichigen.order.CheckSetting}s, and return {@link dev.ichigen.order.HoldReason}s with a
 * {@code basis} (the data the reason rests on). Nothing else changes: the intake, re-checks and updates run
 * every bean; its settings appear in {@code GET /api/v1/orders/check-settings}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "order",
        allowedDependencies = { "shared", "catalog", "inventory", "platform", "address" })
package dev.ichigen.order;
