/**
 * Shipping (配送): carriers, their label data files and tracking numbers. Turns parcels ({@link
 * dev.ichigen.shipping.ParcelLabel}) into the import files of ヤマト B2クラウド, 佐川 e飛伝 and 日本郵便 クリックポスト (CP932,
 * CRLF, widths in half-width units, the carriers' code tables) and reads the carriers' issued data back
 * (shipment key → tracking number, check digit verified). It knows nothing of orders or warehouses: the
 * fulfillment side builds the parcels. Rate tables and carrier choice are still to come.
 */
@org.springframework.modulith.ApplicationModule(displayName = "shipping", allowedDependencies = { "shared" })
package dev.ichigen.shipping;
