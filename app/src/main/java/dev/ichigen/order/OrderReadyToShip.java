package dev.ichigen.order;

/**
 * The order became READY_TO_SHIP (出荷待ち): no open hold, payment settled, every line reserved in
 * {@code warehouse}. Published on every transition into that status (after a release, payment, stock…).
 */
public record OrderReadyToShip(long orderId, String warehouse) {
}
