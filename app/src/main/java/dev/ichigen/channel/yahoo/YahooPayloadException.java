package dev.ichigen.channel.yahoo;

/** A Yahoo! order (orderInfo OrderInfo) that cannot be taken in: names the field and the reason, never personal data. */
class YahooPayloadException extends RuntimeException {

    YahooPayloadException(String field, String reason) {
        super(field + ": " + reason);
    }
}
