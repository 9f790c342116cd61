package dev.ichigen.channel;

/**
 * Why a call to a channel's platform failed, as the health view (連携状態) shows it. Classified from the HTTP
 * status and the transport error, never from the response body's personal data.
 */
public enum FailureCause {
    /** 401/403: the access token, license key or secret is wrong or expired (認証エラー). */
    BAD_CREDENTIALS,
    /** 429 or the platform's throttling answer, after the retries (制限超過). */
    RATE_LIMITED,
    /** Connection refused, DNS, timeouts (接続不可). */
    UNREACHABLE,
    /** The answer could not be read (truncated JSON, missing fields) (応答不正). */
    MALFORMED_RESPONSE,
    /** 5xx after the retries (相手側エラー). */
    SERVER_ERROR,
    /** The platform refused the request itself (400/404/422, unknown inventory item) (拒否). */
    REJECTED,
    /** The channel has no credentials or its platform no connector yet (未設定). */
    NOT_CONFIGURED
}
