package dev.ichigen.channel.rakuten;

/** A Rakuten order (getOrder OrderModel) that cannot be taken in: names the field and the reason, never personal data. */
class RakutenPayloadException extends RuntimeException {

    RakutenPayloadException(String field, String reason) {
        super(field + ": " + reason);
    }
}
