/**
 * Who may do what, and what they did: console users with roles (ADMIN / OPERATOR / WAREHOUSE),
 * API tokens, the audit log of every change, the clock. Knows nothing of products, stock or orders.
 */
@org.springframework.modulith.ApplicationModule(displayName = "platform")
package dev.ichigen.platform;
