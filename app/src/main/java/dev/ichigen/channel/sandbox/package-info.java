/**
 * Sandbox stores: local, in-memory toy versions of Shopify, 楽天 RMS, Yahoo!ショッピング and Amazon SP-API on loopback
 * HTTP servers, speaking the platforms' real request and answer shapes, keeping their own listings, stock and orders,
 * generating realistic Japanese orders and injecting faults on request. They simulate the external platforms, so they
 * use nothing of ichigen's order, inventory or catalog modules; connectors reach them through {@code credentials.endpoint}.
 */
package dev.ichigen.channel.sandbox;
