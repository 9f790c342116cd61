package dev.ichigen.order;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The words an order is found by (受注検索). Operators type whole words — an order number, a name, a family
 * or given name, kana, a phone number, an e-mail address — so the order stores each in its normal form
 * ({@link Texts#word}; phones as digits) in {@code order_search_key}, and a search is an exact, indexed
 * look-up on both H2 and PostgreSQL. Substring search (a part of a street) is not offered: it needs a
 * trigram index (pg_trgm), which H2 lacks.
 */
final class SearchKeys {

    private static final int MAX = 255;

    private SearchKeys() {
    }

    static Set<String> of(NewOrder o) {
        Set<String> keys = numbers(o.channelOrderNumber(), o.orderName());
        person(keys, o.customer().name(), o.customer().kana(), o.customer().phone());
        add(keys, o.customer().email() == null ? "" : Texts.word(o.customer().email()));
        for (NewDestination d : o.destinations()) {
            person(keys, d.name(), d.kana(), d.phone());
        }
        return keys;
    }

    /** The keys of the order number and order name only (what stays searchable after anonymisation). */
    static Set<String> numbers(String channelOrderNumber, String orderName) {
        Set<String> keys = new LinkedHashSet<>();
        add(keys, Texts.word(channelOrderNumber));
        add(keys, Texts.word(orderName));
        if (orderName != null && orderName.startsWith("#")) {
            add(keys, Texts.word(orderName.substring(1)));
        }
        return keys;
    }

    /** The keys a typed query may match: its word form, and its digits when it looks like a phone number. */
    static Set<String> query(String q) {
        Set<String> keys = new LinkedHashSet<>();
        if (q == null || q.isBlank()) {
            return keys;
        }
        add(keys, Texts.word(q));
        String digits = Texts.digits(q);
        String stripped = Texts.word(q).replaceAll("[-()+.‐−ー－]", "");
        if (digits.length() >= 6 && digits.equals(stripped)) {
            add(keys, digits);
        }
        if (q.strip().startsWith("#")) {
            add(keys, Texts.word(q.strip().substring(1)));
        }
        return keys;
    }

    private static void person(Set<String> keys, String name, String kana, String phone) {
        for (String text : new String[] { name, kana }) {
            if (text == null) {
                continue;
            }
            add(keys, Texts.word(text));
            for (String part : text.strip().split("[\\s\u3000]+")) {
                add(keys, Texts.word(part));
            }
        }
        String digits = Texts.digits(phone);
        if (digits.length() >= 6) {
            add(keys, digits);
        }
    }

    private static void add(Set<String> keys, String key) {
        if (key != null && !key.isEmpty() && key.length() <= MAX) {
            keys.add(key);
        }
    }
}
