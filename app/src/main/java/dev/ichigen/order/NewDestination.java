package dev.ichigen.order;

/**
 * 送付先: where (part of) the order goes. A gift order may have several; every line names its
 * destination by {@code key} (the channel's id such as 楽天 basketId, or "1", "2"…). When an order
 * states no destination, it goes to the orderer.
 */
public record NewDestination(String key, String name, String kana, String phone, String company, Address address) {
}
