package dev.ichigen.order;

import java.util.List;

/** The channel changed an order and the changes were applied; {@code fields} as in {@link FieldChange#field()}. */
public record OrderUpdated(long orderId, List<String> fields) {
}
