package dev.ichigen.channel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * The shop's sales channels (販売チャネル): register, list, find. Only identity is kept so far;
 * credentials are not accepted here — the channel connectors issue adds encrypted credential storage.
 */
@Service
public class ChannelManagement {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ChannelManagement(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
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
        SalesChannel created = findByCode(code).orElseThrow();
        audit.record("channel.register", "sales_channel", String.valueOf(created.id()),
                "販売チャネルを登録: " + created.name() + " (" + created.platform().label() + ")", null, created);
        return created;
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

    private String freeCode(Platform platform) {
        String prefix = platform.name().toLowerCase(Locale.ROOT) + "-";
        for (int n = 1;; n++) {
            if (findByCode(prefix + n).isEmpty()) {
                return prefix + n;
            }
        }
    }

    private static final String SELECT = "select id, code, platform, name, active, created_at from sales_channel";

    private static SalesChannel map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SalesChannel(rs.getLong("id"), rs.getString("code"), Platform.valueOf(rs.getString("platform")),
                rs.getString("name"), rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
