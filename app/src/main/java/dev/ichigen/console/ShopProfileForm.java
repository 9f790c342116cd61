package dev.ichigen.console;

/** The ショップ情報 form: fields named like the documents module's field errors. */
public class ShopProfileForm {

    private String shopName;
    private String postalCode;
    private String address;
    private String phone;
    private String email;
    private String registrationNumber;
    private String slipMessage;

    public String getShopName() { return shopName; }
    public void setShopName(String v) { this.shopName = v; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String v) { this.postalCode = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { this.address = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { this.phone = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { this.email = v; }
    public String getRegistrationNumber() { return registrationNumber; }
    public void setRegistrationNumber(String v) { this.registrationNumber = v; }
    public String getSlipMessage() { return slipMessage; }
    public void setSlipMessage(String v) { this.slipMessage = v; }
}
