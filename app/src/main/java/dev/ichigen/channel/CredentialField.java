package dev.ichigen.channel;

/** One credential a platform takes (for forms): its key, whether it is required, whether it is a secret. */
public record CredentialField(String name, boolean required, boolean secret) {
}
