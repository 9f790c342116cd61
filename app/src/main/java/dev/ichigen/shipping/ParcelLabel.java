package dev.ichigen.shipping;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One parcel to label (送り状1枚分), as the fulfillment side hands it over: our shipment key (お客様管理番号,
 * echoed back with the tracking number), the planned ship date, recipient and sender, a contents description,
 * the requested delivery date and carrier-neutral time slot ({@code "08-12"}, {@code "14-16"}…), the
 * temperature, a COD amount (代引き, tax included; 0 = prepaid) with its tax, and how many pieces (個口).
 *
 * @param service the carrier service where a carrier has several (ヤマト: {@code takkyubin} (default),
 *                {@code compact}, {@code nekopos}, {@code time}); {@code null} for the default
 */
public record ParcelLabel(String shipmentKey, LocalDate shipDate, Party recipient, Party sender, String contents,
        LocalDate deliveryDate, String timeSlot, Cool cool, long codAmount, long codTax, int pieces, String service,
        String handling, String note) {

    public ParcelLabel {
        Objects.requireNonNull(shipmentKey, "shipmentKey");
        cool = cool == null ? Cool.NONE : cool;
        pieces = Math.max(1, pieces);
    }

    /** クール便: none, 冷蔵 or 冷凍. */
    public enum Cool {
        NONE, CHILLED, FROZEN
    }

    /**
     * お届け先 or ご依頼主: name (with company if any), phone, postal code, the address as 都道府県 + 市区町村 +
     * 町域・番地 and the building line, and the name in kana where known.
     */
    public record Party(String name, String kana, String company, String phone, String postalCode, String prefecture,
            String city, String street, String building) {

        /** 都道府県 + 市区町村 + 町域・番地 as one line. */
        public String addressLine() {
            return nz(prefecture) + nz(city) + nz(street);
        }

        private static String nz(String s) {
            return s == null ? "" : s.strip();
        }
    }
}
