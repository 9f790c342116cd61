package dev.ichigen.fulfillment;

/**
 * 出荷設定: the sender printed on labels (ご依頼主: shop name, phone, address), the carrier and service used when an
 * order names none, and the shop's carrier contract codes (ヤマト ご請求先顧客コード・分類コード・運賃管理番号,
 * 佐川 お客様コード).
 */
public record FulfillmentSettings(String senderName, String senderPhone, String senderPostalCode, String senderPrefecture,
        String senderCity, String senderStreet, String senderBuilding, String defaultCarrier, String defaultService,
        String yamatoCustomerCode, String yamatoClassCode, String yamatoFreightNumber, String sagawaCustomerCode) {
}
