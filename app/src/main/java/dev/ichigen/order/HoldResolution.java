package dev.ichigen.order;

/** How a hold ended: FIXED — its cause went away on a re-check; RELEASED — a person released it (with a note). */
public enum HoldResolution {
    FIXED, RELEASED
}
