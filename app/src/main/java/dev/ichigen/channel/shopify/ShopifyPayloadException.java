package dev.ichigen.channel.shopify;

/** A Shopify order payload that cannot be taken in: names the field and the reason, never personal data. */
class ShopifyPayloadException extends RuntimeException {

    ShopifyPayloadException(String field, String reason) {
        super(field + ": " + reason);
    }
}
