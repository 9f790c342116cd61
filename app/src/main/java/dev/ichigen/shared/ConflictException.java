package dev.ichigen.shared;

/** The request contradicts the current state (e.g. not enough stock, duplicate key); answered as 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
