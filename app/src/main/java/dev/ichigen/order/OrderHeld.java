package dev.ichigen.order;

import java.util.List;

/** New hold reasons were raised on an order (保留); {@code codes} are the new ones only. */
public record OrderHeld(long orderId, List<String> codes) {
}
