package dev.ichigen.console;

import java.io.Serializable;

/**
 * A one-line success message shown once after a redirect (post/redirect/get), as a flash attribute
 * named {@code notice}: a message key and one argument. Flash attributes live in the session (which is
 * stored in the database), so never put a secret in a notice.
 */
public record Notice(String code, String arg) implements Serializable {

    public static final String ATTRIBUTE = "notice";
}
