/**
 * Documents (帳票): the PDFs printed around a shipment — the 納品書 (delivery slip, with the qualified-invoice items
 * when the shop is a registered issuer) and the daily shipping summary (出荷日報) — and the shop profile (ショップ情報)
 * they print as issuer. Rendering is {@link dev.ichigen.documents.PdfDocuments}: a Thymeleaf XHTML template under
 * {@code templates/documents/pdf/} to PDF with openhtmltopdf and the IPAex Gothic font shipped in the app, every
 * character the font lacks shown as 〓 and reported. Reads shipments and orders; owns only {@code shop_profile}.
 * It also prints the warehouse module's pick lists (ピッキングリスト, batch and per shipment) with barcodes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "documents",
        allowedDependencies = { "shared", "platform", "order", "fulfillment", "shipping", "inventory", "warehouse" })
package dev.ichigen.documents;
