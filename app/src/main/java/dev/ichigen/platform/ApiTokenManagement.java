package dev.ichigen.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * API tokens for {@code Authorization: Bearer …}. Only a SHA-256 hash of each secret is stored; the
 * secret is shown once when issued. A token has a role just like a user.
 */
@Service
public class ApiTokenManagement {

    /** Prefix of generated secrets, so a leaked token is recognisable in a secret scanner. */
    static final String PREFIX = "ichg_";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenManagement(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues a new random token. */
    @Transactional
    public IssuedToken issue(String name, Role role) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return issueWithSecret(name, role, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Issues a token with a given secret (used for {@code ICHIGEN_BOOTSTRAP_TOKEN}). */
    @Transactional
    public IssuedToken issueWithSecret(String name, Role role, String secret) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1-100 characters");
        }
        if (role == null) {
            throw new InvalidInputException("role", "must be ADMIN, OPERATOR or WAREHOUSE");
        }
        if (secret == null || secret.length() < 16) {
            throw new InvalidInputException("secret", "must have at least 16 characters");
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        String hint = secret.substring(0, Math.min(8, secret.length())) + "…";
        jdbc.sql("""
                insert into api_token (name, token_hash, token_hint, role, created_by, created_at)
                values (:n, :h, :hint, :r, :by, :now)""")
                .param("n", name.strip()).param("h", hash(secret)).param("hint", hint).param("r", role.name())
                .param("by", CurrentActor.name()).param("now", now).update();
        ApiToken token = jdbc.sql(SELECT + " where token_hash = :h").param("h", hash(secret))
                .query((rs, i) -> map(rs)).single();
        audit.record("token.issue", "api_token", String.valueOf(token.id()), "issued API token " + token.name(), null, token);
        return new IssuedToken(token, secret);
    }

    @Transactional
    public void revoke(long id) {
        ApiToken before = jdbc.sql(SELECT + " where id = :id").param("id", id).query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("no API token " + id));
        jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", id).update();
        ApiToken after = jdbc.sql(SELECT + " where id = :id").param("id", id).query((rs, i) -> map(rs)).single();
        audit.record("token.revoke", "api_token", String.valueOf(id), "revoked API token " + before.name(), before, after);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return jdbc.sql(SELECT + " order by id desc").query((rs, i) -> map(rs)).list();
    }

    /** The active token with this secret, if any. Marks it used (at most once a minute, to keep reads cheap). */
    @Transactional
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql(SELECT + " where token_hash = :h and revoked_at is null")
                .param("h", hash(secret)).query((rs, i) -> map(rs)).optional();
        token.ifPresent(t -> {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.toInstant().minusSeconds(60))) {
                jdbc.sql("update api_token set last_used_at = :now where id = :id").param("now", now)
                        .param("id", t.id()).update();
            }
        });
        return token;
    }

    @Transactional(readOnly = true)
    public boolean anyActiveAdminToken() {
        return jdbc.sql("select count(*) from api_token where role = 'ADMIN' and revoked_at is null")
                .query(Long.class).single() > 0;
    }

    private static final String SELECT = """
            select id, name, token_hint, role, created_by, created_at, last_used_at, revoked_at from api_token""";

    private static ApiToken map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_hint"),
                Role.valueOf(rs.getString("role")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                instant(rs.getObject("revoked_at", OffsetDateTime.class)));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
