package dev.ichigen.platform;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.ObjectMapper;

/**
 * The audit log (監査ログ). Callers record inside their own transaction, so a change and its audit
 * entry are committed together or not at all.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records a change by the current actor; {@code before}/{@code after} are serialised to JSON (null allowed). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, String entityId, String summary, Object before, Object after) {
        jdbc.sql("""
                insert into audit_log (occurred_at, actor, action, entity_type, entity_id, summary, before_state, after_state)
                values (:at, :actor, :action, :type, :id, :summary, :before, :after)""")
                .param("at", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .param("actor", CurrentActor.name())
                .param("action", action)
                .param("type", entityType)
                .param("id", entityId)
                .param("summary", summary == null ? null : truncate(summary, 500))
                .param("before", toJson(before))
                .param("after", toJson(after))
                .update();
    }

    /** Newest first; every filter may be null. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(String entityType, String entityId, String actor, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> args = new ArrayList<>();
        if (entityType != null && !entityType.isBlank()) {
            where.append(" and entity_type = ?");
            args.add(entityType);
        }
        if (entityId != null && !entityId.isBlank()) {
            where.append(" and entity_id = ?");
            args.add(entityId);
        }
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = ?");
            args.add(actor);
        }
        long total = jdbc.sql("select count(*) from audit_log" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditEntry> items = jdbc.sql("""
                select id, occurred_at, actor, action, entity_type, entity_id, summary, before_state, after_state
                from audit_log""" + where + " order by id desc limit ? offset ?")
                .params(pageArgs)
                .query((rs, i) -> new AuditEntry(rs.getLong("id"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("summary"), rs.getString("before_state"), rs.getString("after_state")))
                .list();
        return new Page<>(items, page, size, total);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String s ? s : json.writeValueAsString(value);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
