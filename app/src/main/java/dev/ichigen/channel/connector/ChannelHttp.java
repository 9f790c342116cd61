package dev.ichigen.channel.connector;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.ichigen.channel.FailureCause;

/**
 * HTTP to the platforms: Spring {@link RestClient} on the JDK {@link HttpClient} with connect and read timeouts,
 * a per-channel {@link RateLimiter}, retries of transient failures (429, 5xx, transport errors, unreadable answers)
 * with exponential backoff and full jitter, honouring {@code Retry-After} (seconds, decimals allowed as Shopify
 * sends {@code 2.0}) up to {@code ichigen.channel.http.max-retry-after}; every attempt is written to the call log.
 * Refuses to run inside a database transaction: call, then record the outcome in a short one.
 *
 * <p>Every request the connectors send is idempotent (reads, absolute stock sets), so retrying is safe.
 */
@Component
public class ChannelHttp {

    /** A platform's answer (any status). */
    public record Answer(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One request: {@code operation} names it in the call log, {@code url} is absolute. */
    public record Request(long channelId, String operation, HttpMethod method, String url, Map<String, String> headers,
            byte[] body, RateLimiter limiter) {

        @Override
        public String toString() {
            return "Request[" + operation + " " + method + " " + endpoint(url) + "]"; // headers hold secrets
        }
    }

    private final RestClient rest;
    private final CallLog calls;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration maxRetryAfter;

    ChannelHttp(CallLog calls, @Value("${ichigen.channel.http.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${ichigen.channel.http.read-timeout:PT20S}") Duration readTimeout,
            @Value("${ichigen.channel.http.max-attempts:4}") int maxAttempts,
            @Value("${ichigen.channel.http.backoff-base:PT0.2S}") Duration backoffBase,
            @Value("${ichigen.channel.http.backoff-max:PT10S}") Duration backoffMax,
            @Value("${ichigen.channel.http.max-retry-after:PT30S}") Duration maxRetryAfter) {
        this.calls = calls;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(readTimeout);
        this.rest = RestClient.builder().requestFactory(factory).build();
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Sends the request, retrying transient failures, and returns what {@code parse} makes of the 2xx answer;
     * {@code parse} throws a {@link ConnectorException} for an answer it cannot read (MALFORMED_RESPONSE, retried)
     * or a refusal in a 200 body (e.g. GraphQL {@code THROTTLED} → RATE_LIMITED, retried).
     */
    public <T> T call(Request request, Function<Answer, T> parse) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("external call " + request.operation() + " inside a database transaction");
        }
        String endpoint = endpoint(request.url());
        for (int attempt = 1;; attempt++) {
            long started = System.nanoTime();
            Answer answer = null;
            try {
                acquire(request);
                answer = send(request);
                if (answer.status() < 200 || answer.status() >= 300) {
                    throw ConnectorException.ofStatus(answer.status(), shortError(answer), retryAfter(answer));
                }
                T result = parse.apply(answer);
                calls.record(request.channelId(), request.operation(), endpoint, answer.status(), millis(started), "OK",
                        null, null);
                return result;
            } catch (ConnectorException e) {
                if (e.failureCause() == FailureCause.RATE_LIMITED && request.limiter() != null) {
                    request.limiter().drain(e.retryAfter());
                }
                Duration wait = e.retryable() && attempt < maxAttempts ? backoff(attempt, e.retryAfter()) : null;
                calls.record(request.channelId(), request.operation(), endpoint,
                        e.httpStatus() != null ? e.httpStatus() : answer == null ? null : answer.status(), millis(started),
                        wait != null ? "RETRY" : "FAILED", e.failureCause(), e.getMessage());
                if (wait == null) {
                    throw e;
                }
                sleep(wait);
            }
        }
    }

    private void acquire(Request request) {
        if (request.limiter() == null) {
            return;
        }
        try {
            if (!request.limiter().acquire(Duration.ofSeconds(30))) {
                throw new ConnectorException(FailureCause.RATE_LIMITED, "rate limit: no call slot within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureCause.UNREACHABLE, "interrupted");
        }
    }

    private Answer send(Request request) {
        try {
            RestClient.RequestBodySpec spec = rest.method(request.method()).uri(URI.create(request.url()))
                    .headers(h -> request.headers().forEach(h::set));
            if (request.body() != null) {
                spec = spec.body(request.body());
            }
            return spec.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
                    res.getBody().readAllBytes()), true);
        } catch (ResourceAccessException e) {
            Throwable root = e.getMostSpecificCause();
            throw new ConnectorException(FailureCause.UNREACHABLE, null,
                    root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + truncate(root.getMessage(), 120)),
                    null);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(FailureCause.NOT_CONFIGURED, "invalid endpoint URL");
        }
    }

    /** Backoff before attempt {@code attempt + 1}: the platform's Retry-After, else base·2^(n-1) with full jitter. */
    Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? null : retryAfter;
        }
        long cap = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    static Duration retryAfter(Answer answer) {
        String value = answer.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5); // an HTTP date: rare from these platforms; wait a little
        }
    }

    private static String shortError(Answer answer) {
        // the platforms' error bodies ({"errors": "..."}) carry no personal data; cut them short anyway
        String text = answer.text().replaceAll("\\s+", " ").strip();
        return "HTTP " + answer.status() + (text.isEmpty() ? "" : ": " + truncate(text, 160));
    }

    static String endpoint(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getPath() == null ? url : uri.getPath();
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureCause.UNREACHABLE, "interrupted");
        }
    }
}
