package dev.ichigen.inventory;

/**
 * What a ledger row refers to, e.g. {@code ORDER_LINE} order-123 / line 2, a receipt's delivery note
 * number, a return's RMA number. All parts optional.
 */
public record StockReference(String type, String id, String line) {

    public static final StockReference NONE = new StockReference(null, null, null);

    public static StockReference of(String type, String id) {
        return new StockReference(type, id, null);
    }
}
