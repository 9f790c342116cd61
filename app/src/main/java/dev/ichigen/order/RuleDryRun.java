package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/**
 * ドライラン: what a rule would do to the last {@code examined} orders — nothing is written. Each row: whether
 * the order matches, and the actions it would take there (an action that would change nothing says so).
 */
public record RuleDryRun(int examined, int matched, List<Row> rows) {

    public record Row(long orderId, String channelOrderNumber, Instant orderedAt, OrderStatus status, boolean matched,
            List<String> actions) {
    }
}
