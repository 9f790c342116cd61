package dev.ichigen.warehouse;

import java.time.Instant;
import java.util.List;

/**
 * 棚卸し: a count of a warehouse's stock per location and lot. {@code COUNTING} while counts are entered, then
 * {@code APPROVED} (the variances were posted to the ledger as STOCKTAKE_CORRECTION) or {@code CANCELLED}.
 */
public record Stocktake(long id, String warehouse, String status, String note, List<Line> lines, Instant createdAt,
        String createdBy, Instant approvedAt, String approvedBy) {

    /** Expected = stock at the location and lot when the count started; counted null = not counted yet. */
    public record Line(int lineNo, String location, String sku, String lotNo, long expected, Long counted) {

        /** counted − expected; null while not counted. */
        @com.fasterxml.jackson.annotation.JsonProperty("variance")
        public Long variance() {
            return counted == null ? null : counted - expected;
        }
    }
}
