package dev.ichigen.platform;

/**
 * What a user or API token may do. ADMIN: everything, incl. users, tokens and settings.
 * OPERATOR (受注担当/商品担当): products, stock adjustments, orders. WAREHOUSE (倉庫担当): stock and
 * warehouse work, read-only product master.
 */
public enum Role {
    ADMIN, OPERATOR, WAREHOUSE;

    public String authority() {
        return "ROLE_" + name();
    }
}
