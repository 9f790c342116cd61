package dev.ichigen.shipping;

/**
 * The shop's contract with a carrier, printed into its files: ヤマト ご請求先顧客コード (10–12 digits), 分類コード
 * (3 digits or blank) and 運賃管理番号 (2 digits); 佐川 お客様コード (up to 12 digits). Blank where not used.
 */
public record CarrierAccount(String customerCode, String classCode, String freightNumber) {

    public static final CarrierAccount NONE = new CarrierAccount(null, null, null);
}
