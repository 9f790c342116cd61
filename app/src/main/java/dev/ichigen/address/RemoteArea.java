package dev.ichigen.address;

/**
 * Whether a destination is a remote island (離島) or in Okinawa (沖縄県), where carriers charge more, need
 * more days or do not offer every service (e.g. no frozen shipping, no time slots).
 *
 * @param island the island or island group for {@link Kind#REMOTE_ISLAND} (e.g. {@code 佐渡島}), else {@code null}
 * @param reason Japanese, for the hold reason, e.g. {@code 離島（佐渡島: 新潟県佐渡市）}
 */
public record RemoteArea(Kind kind, String island, String reason) {

    public enum Kind {
        /** Neither an island in the list nor Okinawa. */
        MAINLAND,
        /** On Okinawa's main island (沖縄本島): Okinawa rates apply. */
        OKINAWA,
        /** An island in the list (its Okinawa islands included). */
        REMOTE_ISLAND,
        /** The postal code is not in the data: cannot tell. */
        UNKNOWN
    }

    /** Remote island or Okinawa. */
    public boolean remote() {
        return kind == Kind.OKINAWA || kind == Kind.REMOTE_ISLAND;
    }
}
