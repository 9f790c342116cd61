package dev.ichigen.order;

/**
 * Filters of the order list; every value may be {@code null}. {@code q} is what an operator types — an
 * order number, a name or family/given name, kana, a phone number (any formatting) or an e-mail address —
 * matched as a whole word after normalising (NFKC, lower case, hiragana → katakana, spaces dropped;
 * phone numbers as digits only), against the orderer and every destination.
 */
public record OrderQuery(Long channelId, String channelOrderNumber, OrderStatus status, String q) {

    public static final OrderQuery ALL = new OrderQuery(null, null, null, null);
}
