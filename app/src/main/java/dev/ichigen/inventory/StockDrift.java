package dev.ichigen.inventory;

import dev.ichigen.shared.Sku;

/**
 * A balance that disagrees with its ledger (or whose reserved count disagrees with the open
 * reservations): {@code ledger*} are the sums of the movements, {@code balance*} the stored balance,
 * {@code openReservations} the sum of ACTIVE reservation rows, {@code locationOnHand} the sum of the
 * stock per location and lot (ロケーション在庫), which must equal the balance's on hand.
 */
public record StockDrift(Sku sku, String warehouse, long ledgerOnHand, long balanceOnHand, long ledgerReserved,
        long balanceReserved, long openReservations, long locationOnHand) {
}
