package dev.ichigen.order;

/** 送付先 of a stored order; lines refer to it by {@code key}. */
public record Destination(String key, String name, String kana, String phone, String company, Address address) {
}
