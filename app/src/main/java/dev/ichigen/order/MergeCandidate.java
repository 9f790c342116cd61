package dev.ichigen.order;

import java.util.List;

/**
 * 同梱候補: open orders (oldest first) of the same orderer to the same recipient and address that are not yet
 * all in one merge group; {@code groupId} is the group some of them are already in, or {@code null}.
 */
public record MergeCandidate(List<OrderSummary> orders, Long groupId) {
}
