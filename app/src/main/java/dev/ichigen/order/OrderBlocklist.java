package dev.ichigen.order;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.address.AddressText;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * The block list (要注意顧客リスト): people and places whose orders a person looks at before they ship
 * (past fraud, unpaid 後払い, refused parcels). Entries match by a normalised key, so spelling variants match:
 * names NFKC without spaces, phone numbers by their digits, e-mail addresses in lower case, addresses by
 * {@link AddressText#normalise}. Changes are audited; the BLOCKLIST intake check holds matching orders.
 */
@Service
public class OrderBlocklist {

    /** What an entry matches. */
    public enum Kind {
        /** 氏名＋電話番号, written {@code 山田 太郎 / 090-1234-5678}. */
        NAME_PHONE,
        PHONE,
        EMAIL,
        /** The address from the prefecture on (with or without the building). */
        ADDRESS
    }

    public record Entry(long id, Kind kind, String value, String note, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
    }

    /** A normalised key to look up. */
    public record Key(Kind kind, String matchKey) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    OrderBlocklist(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Entry> list() {
        return jdbc.sql("select * from order_blocklist_entry order by id").query(this::entry).list();
    }

    @Transactional(readOnly = true)
    public Entry get(long id) {
        return jdbc.sql("select * from order_blocklist_entry where id = :id").param("id", id).query(this::entry).optional()
                .orElseThrow(() -> new NotFoundException("ブロックリストの項目 " + id + " はありません"));
    }

    /** Adds an entry; a bad kind or a value that gives no key is 422 naming {@code kind}/{@code value}. */
    @Transactional
    public Entry add(String kind, String value, String note) {
        Kind k = kind(kind);
        String key = key(k, value);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into order_blocklist_entry (kind, entry_value, match_key, note, created_at, created_by, updated_at, updated_by)
                values (:kind, :value, :key, :note, :now, :by, :now, :by)""")
                .param("kind", k.name()).param("value", value.strip()).param("key", key).param("note", note(note))
                .param("now", OrderStore.odt(now)).param("by", CurrentActor.name()).update(keys, "id");
        Entry e = get(keys.getKey().longValue());
        audit.record("order.blocklist.add", "order_blocklist", String.valueOf(e.id()), "ブロックリストに追加: " + k + " " + e.value(),
                null, e);
        return e;
    }

    @Transactional
    public Entry update(long id, String kind, String value, String note) {
        Entry before = get(id);
        Kind k = kind(kind);
        String key = key(k, value);
        jdbc.sql("""
                update order_blocklist_entry set kind = :kind, entry_value = :value, match_key = :key, note = :note,
                    updated_at = :now, updated_by = :by where id = :id""")
                .param("kind", k.name()).param("value", value.strip()).param("key", key).param("note", note(note))
                .param("now", OrderStore.odt(clock.instant())).param("by", CurrentActor.name()).param("id", id).update();
        Entry after = get(id);
        audit.record("order.blocklist.update", "order_blocklist", String.valueOf(id), "ブロックリストを変更: " + k + " " + after.value(),
                before, after);
        return after;
    }

    @Transactional
    public void remove(long id) {
        Entry before = get(id);
        jdbc.sql("delete from order_blocklist_entry where id = :id").param("id", id).update();
        audit.record("order.blocklist.remove", "order_blocklist", String.valueOf(id), "ブロックリストから削除: " + before.kind() + " "
                + before.value(), before, null);
    }

    /** An entry found for a key. */
    public record Match(Key key, Entry entry) {
    }

    /**
     * The entries matching each of {@code keys}, key by key (in the order given) and by id within a key; runs in
     * the caller's transaction. One indexed look-up for all keys (an intake has 3–8 keys; one round trip
     * instead of one per key), then the rows are matched to their (kind, key) here.
     */
    public List<Match> matching(Collection<Key> keys) {
        Set<Key> wanted = new java.util.LinkedHashSet<>();
        for (Key k : keys) {
            if (k.matchKey() != null && !k.matchKey().isEmpty()) {
                wanted.add(k);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<Key, List<Entry>> found = new java.util.HashMap<>();
        jdbc.sql("select * from order_blocklist_entry where match_key in (:keys) order by id")
                .param("keys", wanted.stream().map(Key::matchKey).distinct().toList()).query((rs, row) -> new Match(new Key(Kind.valueOf(rs.getString("kind")), rs.getString("match_key")), entry(rs, row)))
                .list().forEach(m -> found.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.entry()));
        List<Match> result = new ArrayList<>();
        for (Key k : wanted) {
            found.getOrDefault(k, List.of()).forEach(e -> result.add(new Match(k, e)));
        }
        return result;
    }

    /** NFKC, no spaces, lower case: {@code 山田　太郎} and {@code 山田太郎} are one name. */
    public static String name(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "").toLowerCase(Locale.ROOT);
    }

    /** The digits (NFKC first, so full-width digits count). */
    public static String phone(String text) {
        return Texts.digits(text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFKC));
    }

    public static String email(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    public static String address(String text) {
        return AddressText.normalise(text);
    }

    public static String namePhone(String name, String phone) {
        String n = name(name);
        String p = phone(phone);
        return n.isEmpty() || p.isEmpty() ? "" : n + "|" + p;
    }

    private static String key(Kind kind, String value) {
        if (value == null || value.isBlank() || value.length() > 500) {
            throw new InvalidInputException("value", "1〜500文字で指定してください");
        }
        String key = switch (kind) {
            case NAME_PHONE -> {
                int slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('／'));
                yield slash < 0 ? "" : namePhone(value.substring(0, slash), value.substring(slash + 1));
            }
            case PHONE -> phone(value);
            case EMAIL -> email(value).contains("@") ? email(value) : "";
            case ADDRESS -> address(value);
        };
        if (key.isEmpty()) {
            throw new InvalidInputException("value", switch (kind) {
                case NAME_PHONE -> "氏名と電話番号を「/」で区切って指定してください（例 山田 太郎 / 090-1234-5678）: " + value;
                case PHONE -> "電話番号に数字がありません: " + value;
                case EMAIL -> "メールアドレスの形式ではありません: " + value;
                case ADDRESS -> "住所を指定してください";
            });
        }
        return key;
    }

    private static Kind kind(String kind) {
        try {
            return Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldError("kind", "NAME_PHONE・PHONE・EMAIL・ADDRESS のいずれかです: " + kind)));
        }
    }

    private static String note(String note) {
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "500文字以内で指定してください");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }

    private Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("entry_value"), rs.getString("note"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
