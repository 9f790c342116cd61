package dev.ichigen.channel.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item as the platform lists it (出品), with the platform's own stock. {@code code}/{@code subCode} are the
 * platform's stock key: Rakuten {@code manageNumber}/{@code variantId}, Yahoo! {@code ItemId}/{@code SubCode},
 * Amazon seller SKU (no sub code), Shopify SKU (the stock key there is {@code inventoryItemId} at the shop's
 * location). Prices are tax-included yen, as Japanese shops list them.
 */
public final class SandboxListing {

    private final String code;
    private final String subCode;
    private final String title;
    private final int price;
    private final int taxRatePercent;
    private final boolean set;
    private final long productId;
    private final long variantId;
    private final long inventoryItemId;
    private final String asin;
    private int quantity;

    public SandboxListing(String code, String subCode, String title, int price, int taxRatePercent, int quantity,
            boolean set, long productId, long variantId, long inventoryItemId, String asin) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code is required");
        }
        if (taxRatePercent != 10 && taxRatePercent != 8) {
            throw new IllegalArgumentException("taxRate must be 10 or 8 (消費税 standard or reduced rate)");
        }
        this.code = code;
        this.subCode = subCode == null ? "" : subCode;
        this.title = title == null || title.isBlank() ? code : title;
        this.price = price;
        this.taxRatePercent = taxRatePercent;
        this.quantity = quantity;
        this.set = set;
        this.productId = productId;
        this.variantId = variantId;
        this.inventoryItemId = inventoryItemId;
        this.asin = asin;
    }

    /** A simple listing: ids for Shopify are derived by the Shopify sandbox when it stores it. */
    public static SandboxListing of(String code, String subCode, String title, int price, int quantity) {
        return new SandboxListing(code, subCode, title, price, 10, quantity, false, 0, 0, 0, null);
    }

    SandboxListing withIds(long productId, long variantId, long inventoryItemId, String asin) {
        return new SandboxListing(code, subCode, title, price, taxRatePercent, quantity, set, productId, variantId,
                inventoryItemId, asin);
    }

    /** {@code code} or {@code code:subCode} — Yahoo!'s {@code itemcode:subcode} notation. */
    public String key() {
        return subCode.isEmpty() ? code : code + ":" + subCode;
    }

    public String code() {
        return code;
    }

    public String subCode() {
        return subCode;
    }

    public String title() {
        return title;
    }

    public int price() {
        return price;
    }

    public int taxRatePercent() {
        return taxRatePercent;
    }

    public boolean isSet() {
        return set;
    }

    public long productId() {
        return productId;
    }

    public long variantId() {
        return variantId;
    }

    public long inventoryItemId() {
        return inventoryItemId;
    }

    public String asin() {
        return asin;
    }

    public synchronized int quantity() {
        return quantity;
    }

    synchronized void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    /** Takes {@code units} if the platform shows that many; the platform never sells below zero. */
    synchronized boolean take(int units) {
        if (quantity < units) {
            return false;
        }
        quantity -= units;
        return true;
    }

    synchronized void add(int units) {
        quantity += units;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("subCode", subCode);
        m.put("title", title);
        m.put("price", price);
        m.put("taxRate", taxRatePercent);
        m.put("quantity", quantity());
        m.put("set", set);
        if (inventoryItemId != 0) {
            m.put("productId", productId);
            m.put("variantId", variantId);
            m.put("inventoryItemId", inventoryItemId);
        }
        if (asin != null) {
            m.put("asin", asin);
        }
        return m;
    }
}
