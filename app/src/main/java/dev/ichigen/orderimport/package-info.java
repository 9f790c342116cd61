/**
 * CSV order files (受注CSV取込): import sources (取込元) with a saved column mapping per source — which channel,
 * which encoding, which CSV column holds which order field, fixed values and value maps — and the import itself,
 * which reads a file streaming, reports every problem by file line, column and reason, and hands each order to
 * {@link dev.ichigen.order.OrderIntake} (idempotent). Owns no order rules: what an order may contain is the order
 * module's business.
 */
@org.springframework.modulith.ApplicationModule(displayName = "orderimport",
        allowedDependencies = { "shared", "platform", "order", "channel" })
package dev.ichigen.orderimport;
