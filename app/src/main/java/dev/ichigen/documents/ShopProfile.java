package dev.ichigen.documents;

/**
 * ショップ情報: the issuer printed on documents. {@code registrationNumber} is the 適格請求書発行事業者 number
 * ({@link RegistrationNumber}); when it is set the 納品書 carries the qualified-invoice items. {@code slipMessage}
 * is free text printed at the foot of the 納品書. {@code hasLogo}: a logo image is stored ({@link ShopProfiles#logo()}).
 */
public record ShopProfile(String shopName, String postalCode, String address, String phone, String email,
        String registrationNumber, String slipMessage, boolean hasLogo) {

    public boolean qualifiedInvoiceIssuer() {
        return registrationNumber != null && !registrationNumber.isBlank();
    }
}
