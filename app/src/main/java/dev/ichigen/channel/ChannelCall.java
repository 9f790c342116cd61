package dev.ichigen.channel;

import java.time.Instant;

/**
 * One recorded call to a channel's platform (通信ログ): operation (e.g. {@code orders.list},
 * {@code inventory.set}, {@code webhook.orders/create}), endpoint path without query or secrets, HTTP status
 * ({@code null} when none came back), latency, outcome ({@code OK}, {@code RETRY}, {@code FAILED}) and a short
 * cause. Bodies are never recorded: they hold personal data.
 */
public record ChannelCall(long id, long channelId, Instant at, String operation, String endpoint, Integer httpStatus,
        long latencyMs, String outcome, FailureCause cause, String error) {
}
