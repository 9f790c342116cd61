package dev.ichigen.shipping;

/**
 * Why a parcel could not go into a carrier file (or what was changed to make it fit): the shipment key, the
 * carrier's column name and the reason. {@code excluded} when the parcel was left out of the file.
 */
public record LabelProblem(String shipmentKey, String field, String message, boolean excluded) {
}
