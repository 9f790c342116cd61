package dev.ichigen.channel.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Faults injected on request ({@code POST /_sandbox/faults}), deterministic for tests: a rule matches calls
 * whose {@code "METHOD /path"} (or, for outgoing webhooks, whose topic) contains its {@code endpoint}
 * regular expression, and fires for the next {@code count} matching calls, or for a {@code fraction} of them
 * drawn from a Random seeded with {@code seed}. The first rule that fires wins.
 */
public final class SandboxFaults {

    /** What a fault does. */
    public enum Kind {
        /** 429 with {@code Retry-After}, in the platform's throttling shape. */
        RATE_LIMITED,
        /** 500 Internal Server Error. */
        SERVER_ERROR,
        /** 503 Service Unavailable. */
        UNAVAILABLE,
        /** The real answer, {@code delayMs} later. */
        SLOW,
        /** The real answer with its body cut in half (truncated JSON / XML). */
        MALFORMED,
        /** Shopify webhooks: delivered with a wrong {@code X-Shopify-Hmac-Sha256}. */
        WEBHOOK_BAD_SIGNATURE,
        /** Shopify webhooks: delivered twice with the same {@code X-Shopify-Webhook-Id}. */
        WEBHOOK_REPLAY;

        static Kind parse(String text) {
            String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            return switch (t) {
                case "429" -> RATE_LIMITED;
                case "500" -> SERVER_ERROR;
                case "503" -> UNAVAILABLE;
                case "DELAY" -> SLOW;
                case "TRUNCATED" -> MALFORMED;
                default -> valueOf(t);
            };
        }
    }

    /** A rule as configured, with what is left of it. */
    public record Rule(long id, String endpoint, Kind kind, int remaining, double fraction, long delayMs,
            int retryAfterSeconds, int fired) {
    }

    private static final class Active {
        final long id;
        final Pattern endpoint;
        final Kind kind;
        int remaining; // -1 = unlimited (fraction rules)
        final double fraction;
        final Random random;
        final long delayMs;
        final int retryAfterSeconds;
        int fired;

        Active(long id, Pattern endpoint, Kind kind, int remaining, double fraction, long seed, long delayMs,
                int retryAfterSeconds) {
            this.id = id;
            this.endpoint = endpoint;
            this.kind = kind;
            this.remaining = remaining;
            this.fraction = fraction;
            this.random = new Random(seed);
            this.delayMs = delayMs;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        Rule view() {
            return new Rule(id, endpoint.pattern(), kind, remaining, fraction, delayMs, retryAfterSeconds, fired);
        }
    }

    private final List<Active> rules = new ArrayList<>();
    private long nextId = 1;

    /**
     * Adds a rule. {@code count} &gt; 0 = the next N matching calls; otherwise {@code fraction} (0..1] of the
     * matching calls, until removed.
     */
    public synchronized Rule add(String endpoint, Kind kind, int count, double fraction, long seed, long delayMs,
            int retryAfterSeconds) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (count <= 0 && (fraction <= 0 || fraction > 1)) {
            throw new IllegalArgumentException("give count > 0 or a fraction in (0, 1]");
        }
        Active a = new Active(nextId++, Pattern.compile(endpoint == null || endpoint.isBlank() ? ".*" : endpoint), kind,
                count > 0 ? count : -1, count > 0 ? 1 : fraction, seed, Math.max(0, delayMs),
                retryAfterSeconds > 0 ? retryAfterSeconds : 1);
        rules.add(a);
        return a.view();
    }

    /** The first rule that fires for {@code target} among those of the given kinds, consuming one use. */
    synchronized Optional<Rule> fire(String target, List<Kind> kinds) {
        for (Active a : rules) {
            if (!kinds.contains(a.kind) || a.remaining == 0 || !a.endpoint.matcher(target).find()) {
                continue;
            }
            if (a.remaining < 0 && a.random.nextDouble() >= a.fraction) {
                continue;
            }
            if (a.remaining > 0) {
                a.remaining--;
            }
            a.fired++;
            return Optional.of(a.view());
        }
        return Optional.empty();
    }

    public synchronized List<Rule> rules() {
        return rules.stream().map(Active::view).toList();
    }

    public synchronized void clear() {
        rules.clear();
    }

    static Map<String, Object> toJson(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("endpoint", r.endpoint());
        m.put("kind", r.kind().name());
        m.put("remaining", r.remaining());
        m.put("fraction", r.fraction());
        m.put("delayMs", r.delayMs());
        m.put("retryAfterSeconds", r.retryAfterSeconds());
        m.put("fired", r.fired());
        return m;
    }
}
