package dev.ichigen.channel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.channel.credentials.ChannelCredentialStore;
import dev.ichigen.channel.credentials.CredentialRules;
import dev.ichigen.channel.credentials.Credentials;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * The shop's sales channels (販売チャネル): register, list, find, and replace their credentials. Credentials
 * are validated per platform ({@link CredentialRules}), stored encrypted ({@link ChannelCredentialStore})
 * and never returned, logged or audited with their values: the audit log records which keys changed.
 */
@Service
public class ChannelManagement {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ChannelCredentialStore credentialStore;

    ChannelManagement(JdbcClient jdbc, AuditLog audit, Clock clock, ChannelCredentialStore credentialStore) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.credentialStore = credentialStore;
    }

    @Transactional
    public SalesChannel register(NewChannel channel) {
        List<FieldError> errors = new ArrayList<>();
        if (channel.platform() == null) {
            errors.add(new FieldError("platform", "shopify・rakuten・yahoo・amazon・custom のいずれかを指定してください"));
        }
        String name = channel.name() == null ? "" : channel.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "店舗名は1〜100文字で指定してください"));
        }
        String code = channel.code() == null || channel.code().isBlank() ? null : channel.code().strip().toLowerCase(Locale.ROOT);
        if (code != null && !CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "コードは英小文字・数字・_・- の40文字以内です: " + channel.code()));
        }
        Credentials credentials = Credentials.none();
        if (channel.platform() != null) {
            try {
                credentials = CredentialRules.validate(channel.platform(), channel.credentials());
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (code == null) {
            code = freeCode(channel.platform());
        } else if (findByCode(code).isPresent()) {
            throw new ConflictException("コード " + code + " の販売チャネルは既にあります");
        }
        jdbc.sql("insert into sales_channel (code, platform, name, active, created_at) values (:code, :platform, :name, true, :now)")
                .param("code", code).param("platform", channel.platform().name()).param("name", name)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        SalesChannel registered = findByCode(code).orElseThrow();
        if (!credentials.isEmpty()) {
            credentialStore.store(registered.id(), code, credentials);
        }
        SalesChannel created = findByCode(code).orElseThrow();
        audit.record("channel.register", "sales_channel", String.valueOf(created.id()),
                "販売チャネルを登録: " + created.name() + " (" + created.platform().label() + ")", null, created);
        return created;
    }

    /**
     * Replaces the channel's credentials as a whole (an empty map removes them), e.g. when Rakuten's license key
     * is renewed every 90 days. The audit entry names the keys, not the values.
     */
    @Transactional
    public SalesChannel replaceCredentials(long channelId, Map<String, ?> credentials) {
        SalesChannel before = find(channelId).orElseThrow(() -> new NotFoundException("販売チャネル " + channelId + " は登録されていません"));
        Credentials validated = CredentialRules.validate(before.platform(), credentials);
        credentialStore.store(channelId, before.code(), validated);
        SalesChannel after = find(channelId).orElseThrow();
        audit.record("channel.credentials", "sales_channel", String.valueOf(channelId),
                "認証情報を更新: " + after.name() + " (" + String.join(", ", after.credentialNames()) + ")", before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public List<SalesChannel> list() {
        return jdbc.sql(SELECT + " order by id").query((rs, i) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<SalesChannel> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query((rs, i) -> map(rs)).optional();
    }

    @Transactional(readOnly = true)
    public Optional<SalesChannel> findByCode(String code) {
        return jdbc.sql(SELECT + " where code = :code").param("code", code).query((rs, i) -> map(rs)).optional();
    }

    /** Which credentials {@code platform} takes, for forms. */
    public List<CredentialField> credentialFields(Platform platform) {
        return CredentialRules.fields(platform);
    }

    private String freeCode(Platform platform) {
        String prefix = platform.name().toLowerCase(Locale.ROOT) + "-";
        for (int n = 1;; n++) {
            if (findByCode(prefix + n).isEmpty()) {
                return prefix + n;
            }
        }
    }

    private static final String SELECT = "select id, code, platform, name, active, created_at, credentials_names, "
            + "credentials_updated_at from sales_channel";

    private static SalesChannel map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String code = rs.getString("code");
        String stored = rs.getString("credentials_names");
        Set<String> names = stored == null || stored.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(List.of(stored.split(","))));
        OffsetDateTime updated = rs.getObject("credentials_updated_at", OffsetDateTime.class);
        return new SalesChannel(rs.getLong("id"), code, Platform.valueOf(rs.getString("platform")),
                rs.getString("name"), rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                names, updated == null ? null : updated.toInstant());
    }
}
