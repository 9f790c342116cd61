package dev.ichigen.channel.credentials;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A channel's secrets as name → value (e.g. {@code accessToken}, {@code webhookSecret}). Its
 * {@link #toString()} names the keys only, so a credentials object that ends up in a log line or an
 * exception message gives nothing away.
 */
public final class Credentials {

    private final SortedMap<String, String> values;

    public Credentials(Map<String, String> values) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Credentials none() {
        return new Credentials(Map.of());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a key the platform requires (validated when stored). */
    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("credential " + name + " is not set");
        }
        return v;
    }

    public java.util.Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    Map<String, String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet() + " (values hidden)";
    }
}
