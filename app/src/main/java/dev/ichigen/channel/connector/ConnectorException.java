package dev.ichigen.channel.connector;

import java.time.Duration;

import dev.ichigen.channel.FailureCause;

/**
 * A call to a platform that failed, classified ({@link FailureCause}); {@code retryable} for transient causes.
 * The message is short and never holds credentials or personal data.
 */
public class ConnectorException extends RuntimeException {

    private final FailureCause cause;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public ConnectorException(FailureCause cause, Integer httpStatus, String message, Duration retryAfter) {
        super(message);
        this.cause = cause;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ConnectorException(FailureCause cause, String message) {
        this(cause, null, message, null);
    }

    public FailureCause failureCause() {
        return cause;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    /** The wait the platform asked for ({@code Retry-After}), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Rate limits, 5xx, transport errors and truncated answers may pass; bad credentials and refusals do not. */
    public boolean retryable() {
        return switch (cause) {
            case RATE_LIMITED, UNREACHABLE, SERVER_ERROR, MALFORMED_RESPONSE -> true;
            default -> false;
        };
    }

    /** From an HTTP status that is not 2xx. */
    public static ConnectorException ofStatus(int status, String message, Duration retryAfter) {
        FailureCause c = status == 401 || status == 403 ? FailureCause.BAD_CREDENTIALS
                : status == 429 ? FailureCause.RATE_LIMITED
                : status >= 500 ? FailureCause.SERVER_ERROR
                : FailureCause.REJECTED;
        return new ConnectorException(c, status, message, retryAfter);
    }
}
