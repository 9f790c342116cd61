/**
 * The connector framework (internal to the channel module): the {@link dev.ichigen.channel.connector.SalesChannelConnector}
 * SPI one platform package implements, HTTP with timeouts, retries (exponential backoff with jitter, {@code Retry-After})
 * and a per-channel rate limiter ({@link dev.ichigen.channel.connector.ChannelHttp}), the call log and health
 * ({@link dev.ichigen.channel.connector.CallLog}), sync cursors, order import into the order module and the stock sync
 * that drains the inventory's publish outbox. External calls never run inside a database transaction.
 * How to add a platform: docs/CONNECTORS.md.
 */
package dev.ichigen.channel.connector;
