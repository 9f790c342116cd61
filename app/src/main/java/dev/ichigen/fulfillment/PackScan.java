package dev.ichigen.fulfillment;

/**
 * The answer to one accepted scan at packing: the shipment after it, the line the item counted for, and whether
 * the shipment is now packed (検品完了).
 */
public record PackScan(Shipment shipment, Shipment.Line line, boolean packed) {
}
