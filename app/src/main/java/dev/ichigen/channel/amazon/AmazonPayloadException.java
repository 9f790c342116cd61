package dev.ichigen.channel.amazon;

/** An Amazon order (getOrders / getOrderItems JSON) that cannot be taken in: names the field and the reason, never personal data. */
class AmazonPayloadException extends RuntimeException {

    AmazonPayloadException(String field, String reason) {
        super(field + ": " + reason);
    }
}
