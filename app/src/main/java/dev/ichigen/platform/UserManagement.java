package dev.ichigen.platform;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/** Console users (ユーザー管理): create, change role, enable/disable, set password. */
@Service
public class UserManagement {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");
    static final int MIN_PASSWORD_LENGTH = 10;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserManagement(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public AppUser create(String username, String displayName, Role role, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username", "2-64 characters of A-Z a-z 0-9 . _ @ -");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("displayName", "must not be empty");
        }
        if (role == null) {
            throw new InvalidInputException("role", "must be ADMIN, OPERATOR or WAREHOUSE");
        }
        checkPassword(password);
        OffsetDateTime now = now();
        try {
            jdbc.sql("""
                    insert into app_user (username, password_hash, display_name, role, enabled, created_at, updated_at)
                    values (:u, :p, :d, :r, true, :now, :now)""")
                    .param("u", username).param("p", passwords.encode(password)).param("d", displayName.strip())
                    .param("r", role.name()).param("now", now).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("user " + username + " already exists");
        }
        AppUser user = find(username).orElseThrow();
        audit.record("user.create", "user", username, "created user " + username + " (" + role + ")", null, user);
        return user;
    }

    @Transactional(readOnly = true)
    public List<AppUser> list() {
        return jdbc.sql("select id, username, display_name, role, enabled, created_at from app_user order by username")
                .query((rs, i) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> find(String username) {
        return jdbc.sql("select id, username, display_name, role, enabled, created_at from app_user where username = :u")
                .param("u", username).query((rs, i) -> map(rs)).optional();
    }

    @Transactional
    public AppUser update(String username, String displayName, Role role, boolean enabled) {
        AppUser before = find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("displayName", "must not be empty");
        }
        if (before.role() == Role.ADMIN && (role != Role.ADMIN || !enabled) && activeAdmins() <= 1) {
            throw new ConflictException("the last active administrator cannot be demoted or disabled");
        }
        jdbc.sql("update app_user set display_name = :d, role = :r, enabled = :e, updated_at = :now where username = :u")
                .param("d", displayName.strip()).param("r", role.name()).param("e", enabled).param("now", now())
                .param("u", username).update();
        AppUser after = find(username).orElseThrow();
        audit.record("user.update", "user", username, "updated user " + username, before, after);
        return after;
    }

    @Transactional
    public void changePassword(String username, String newPassword) {
        find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        checkPassword(newPassword);
        jdbc.sql("update app_user set password_hash = :p, updated_at = :now where username = :u")
                .param("p", passwords.encode(newPassword)).param("now", now()).param("u", username).update();
        audit.record("user.password", "user", username, "password changed", null, Map.of("username", username));
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    private long activeAdmins() {
        return jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled = true").query(Long.class).single();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static AppUser map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AppUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
