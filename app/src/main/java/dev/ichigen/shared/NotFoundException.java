package dev.ichigen.shared;

/** A thing asked for by its key does not exist; answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
