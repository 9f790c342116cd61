package dev.ichigen.order;

/**
 * The order's allocation: state, the warehouse holding its reservations (ALLOCATED), and for a backorder
 * the shortfall as text for a person (e.g. {@code "TEA-1: 3 needed, 1 available in EAST"}).
 */
public record Allocation(AllocationState state, String warehouse, String shortfall) {
}
