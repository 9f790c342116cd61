package dev.ichigen.channel.sandbox;

/** Ends a request early with the platform's own error answer (bad auth, bad input, limit exceeded). */
final class SandboxException extends RuntimeException {

    private final transient SandboxResponse response;

    SandboxException(SandboxResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    SandboxResponse response() {
        return response;
    }
}
