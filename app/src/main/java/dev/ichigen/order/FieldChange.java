package dev.ichigen.order;

/**
 * One changed value of an order: {@code field} is a path like {@code remarks}, {@code lines[A1].quantity},
 * {@code destinations[1].address.city} or a whole {@code lines[A3]} added/removed; values as text.
 */
public record FieldChange(String field, String before, String after) {
}
