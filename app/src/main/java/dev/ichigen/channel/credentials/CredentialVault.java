package dev.ichigen.channel.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals channel credentials with AES-256-GCM (a fresh 96-bit nonce per sealing, the channel's code as
 * associated data so a sealed value copied to another channel does not open there).
 *
 * <p>The key: {@code ICHIGEN_CREDENTIALS_KEY} / {@code ichigen.credentials.key} (base64 of 32 random
 * bytes, e.g. {@code openssl rand -base64 32}). Without it a key file is created on first use
 * ({@code ichigen.credentials.key-file}, default {@code ./ichigen-data/credentials.key}, owner-only) —
 * enough for one instance with the embedded database; several instances must all be given the same
 * key (docs/DEPLOYMENT.md). Every sealed value records the key's id (first 8 bytes of its SHA-256), so
 * an instance with the wrong key says so instead of failing obscurely.
 */
@Component
public class CredentialVault {

    private static final Logger log = LoggerFactory.getLogger(CredentialVault.class);
    private static final String FORMAT = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String configuredKey;
    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;
    private volatile String keyId;

    public CredentialVault(@Value("${ICHIGEN_CREDENTIALS_KEY:${ichigen.credentials.key:}}") String configuredKey,
            @Value("${ichigen.credentials.key-file:./ichigen-data/credentials.key}") Path keyFile) {
        this.configuredKey = configuredKey;
        this.keyFile = keyFile;
    }

    /** A sealed value and the id of the key that sealed it. */
    public record Sealed(String keyId, String text) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    public Sealed seal(Credentials credentials, String associatedData) {
        loadKey();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = JSON.writeValueAsBytes(new LinkedHashMap<>(credentials.values()));
            byte[] sealed = cipher.doFinal(plain);
            java.util.Arrays.fill(plain, (byte) 0);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return new Sealed(keyId, FORMAT + ":" + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt channel credentials", e);
        }
    }

    public Credentials open(Sealed sealed, String associatedData) {
        loadKey();
        if (!keyId.equals(sealed.keyId())) {
            throw new IllegalStateException("the channel credentials were encrypted with key " + sealed.keyId()
                    + " but this instance has key " + keyId + ": give every instance the same ICHIGEN_CREDENTIALS_KEY");
        }
        if (!sealed.text().startsWith(FORMAT + ":")) {
            throw new IllegalStateException("unknown credentials format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.text().substring(FORMAT.length() + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            Map<String, String> values = JSON.readValue(plain, new TypeReference<Map<String, String>>() { });
            java.util.Arrays.fill(plain, (byte) 0);
            return new Credentials(values);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never include the text: it is the secret's ciphertext
            throw new IllegalStateException("the stored channel credentials cannot be decrypted (tampered with, "
                    + "or sealed for another channel)");
        }
    }

    /** The id of the key in use (safe to show: a fingerprint, not the key). */
    public String keyId() {
        loadKey();
        return keyId;
    }

    private void loadKey() {
        if (key != null) {
            return;
        }
        synchronized (this) {
            if (key != null) {
                return;
            }
            byte[] raw = configuredKey == null || configuredKey.isBlank() ? fromFile() : decode(configuredKey.strip());
            try {
                keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            key = new SecretKeySpec(raw, "AES");
        }
    }

    private static byte[] decode(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ICHIGEN_CREDENTIALS_KEY is not base64 (use: openssl rand -base64 32)");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("ICHIGEN_CREDENTIALS_KEY must be 32 bytes (base64 of 32 random bytes), not "
                    + raw.length);
        }
        return raw;
    }

    private byte[] fromFile() {
        try {
            if (Files.exists(keyFile)) {
                return decode(Files.readString(keyFile).strip());
            }
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            Path dir = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.createLink(keyFile, tmp); // atomic, and fails when another process created the file first
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return decode(Files.readString(keyFile).strip());
            } finally {
                Files.deleteIfExists(tmp);
            }
            log.warn("created a credentials key in {}: back it up with the database; several instances need "
                    + "ICHIGEN_CREDENTIALS_KEY instead", keyFile.toAbsolutePath());
            return raw;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the credentials key file " + keyFile.toAbsolutePath()
                    + ": set ICHIGEN_CREDENTIALS_KEY", e);
        }
    }
}
