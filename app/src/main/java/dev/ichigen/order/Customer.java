package dev.ichigen.order;

/** 注文者: who ordered (and, unless a destination says otherwise, who receives). Every value may be {@code null}. */
public record Customer(String name, String kana, String email, String phone) {
}
