package dev.ichigen.shipping;

/**
 * A tracking number a carrier issued (発行済みデータ), matched back by our shipment key; {@code line} is the file line.
 * Several rows with one key = several parcels (個口) of one shipment.
 */
public record IssuedTracking(long line, String shipmentKey, Carrier carrier, String trackingNumber) {

    public String trackingUrl() {
        return carrier.trackingUrl(trackingNumber);
    }
}
