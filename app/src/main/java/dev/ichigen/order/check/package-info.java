/**
 * The built-in intake checks (取込時チェック), one {@link dev.ichigen.order.OrderCheck} bean each. Add more here
 * (or in another module) — see the order module's package-info.
 */
package dev.ichigen.order.check;
