package dev.ichigen.order;

/**
 * ルールの再適用: open orders examined, how many changed status, how many are on hold afterwards, and how many
 * failed (each order is its own transaction; a failure is logged and the others go on).
 */
public record RuleReapplySummary(int examined, int statusChanged, int onHold, int failed) {
}
