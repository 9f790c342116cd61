package dev.ichigen.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * Channel listings (商品紐付け): which channel item is which SKU, and the channel items nobody has mapped
 * yet. Channels are referred to by id only (the channel module owns them). Connectors call
 * {@link #resolve} for every item they meet: an unmapped item is recorded, counted and listed, never
 * silently dropped; mapping it later resolves it.
 */
@Service
public class ChannelListings {

    private final JdbcClient jdbc;
    private final ProductStore products;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ChannelListings(JdbcClient jdbc, ProductStore products, AuditLog audit, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Maps the channel item to {@code sku} (or re-maps it when it pointed elsewhere) and resolves it if it
     * was waiting as unmapped. {@code subCode} may be {@code null} (none). Mapping it to the SKU it already
     * has changes nothing.
     */
    @Transactional
    public ChannelListing map(long channelId, String itemCode, String subCode, Sku sku, String externalRef) {
        String item = itemCode == null ? "" : itemCode.strip();
        String sub = subCode == null ? "" : subCode.strip();
        String ref = externalRef == null || externalRef.isBlank() ? null : externalRef.strip();
        List<FieldError> errors = new ArrayList<>();
        if (item.isEmpty() || item.length() > 255) {
            errors.add(new FieldError("itemCode", "チャネルの商品コードを255文字以内で指定してください"));
        }
        if (sub.length() > 255) {
            errors.add(new FieldError("subCode", "サブコードは255文字以内にしてください"));
        }
        if (ref != null && ref.length() > 100) {
            errors.add(new FieldError("externalRef", "外部参照 (ASIN など) は100文字以内にしてください"));
        }
        if (sku == null) {
            errors.add(new FieldError("sku", "紐付ける商品コード(SKU)を指定してください"));
        } else {
            ProductStore.Reference target = products.references(List.of(sku)).get(sku);
            if (target == null) {
                errors.add(new FieldError("sku", "商品 " + sku + " は登録されていません"));
            } else if (target.kind() == ProductKind.PARENT) {
                errors.add(new FieldError("sku", sku + " は親商品です。チャネルの商品はバリエーション(子商品)の商品コードに紐付けてください"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Optional<ChannelListing> before = find(channelId, item, sub);
        OffsetDateTime now = now();
        try {
            if (before.isEmpty()) {
                jdbc.sql("""
                        insert into channel_listing (channel_id, item_code, sub_code, sku, external_ref, created_at)
                        values (:channel, :item, :sub, :sku, :ref, :now)""")
                        .param("channel", channelId).param("item", item).param("sub", sub).param("sku", sku.value())
                        .param("ref", ref).param("now", now).update();
            } else if (before.get().sku().equals(sku) && java.util.Objects.equals(before.get().externalRef(), ref)) {
                return before.get();
            } else {
                jdbc.sql("update channel_listing set sku = :sku, external_ref = :ref where id = :id")
                        .param("sku", sku.value()).param("ref", ref).param("id", before.get().id()).update();
            }
        } catch (DuplicateKeyException e) {
            throw e; // mapped by someone else at the same moment: a conflict (409)
        } catch (DataIntegrityViolationException e) {
            throw new NotFoundException("販売チャネル " + channelId + " は登録されていません");
        }
        ChannelListing after = find(channelId, item, sub).orElseThrow();
        int resolved = jdbc.sql("""
                update unmapped_channel_item set resolved_at = :now
                where channel_id = :channel and item_code = :item and sub_code = :sub and resolved_at is null""")
                .param("now", now).param("channel", channelId).param("item", item).param("sub", sub).update();
        events.publishEvent(new ChannelItemMapped(channelId, item, sub, sku));
        audit.record(before.isEmpty() ? "listing.map" : "listing.remap", "channel_listing", key(after),
                "チャネル商品 " + describe(after) + " を " + sku + " に紐付け" + (resolved > 0 ? "（未紐付けを解消）" : ""),
                before.map(ListingSnapshot::of).orElse(null), ListingSnapshot.of(after));
        return after;
    }

    /** Removes the mapping; answers whether there was one. */
    @Transactional
    public boolean unmap(long channelId, String itemCode, String subCode) {
        String sub = subCode == null ? "" : subCode.strip();
        Optional<ChannelListing> before = find(channelId, itemCode == null ? "" : itemCode.strip(), sub);
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("delete from channel_listing where id = :id").param("id", before.get().id()).update();
        audit.record("listing.unmap", "channel_listing", key(before.get()),
                "チャネル商品 " + describe(before.get()) + " の紐付けを解除", ListingSnapshot.of(before.get()), null);
        return true;
    }

    /**
     * The SKU a channel item is mapped to. When it is mapped to none, the item is recorded as unmapped
     * (first time) or its count, last-seen time and {@code context} are updated, inside the caller's
     * transaction, and the answer is empty: the caller must hold the order line or stock update for it.
     */
    @Transactional
    public Optional<Sku> resolve(long channelId, String itemCode, String subCode, String context) {
        String item = itemCode == null ? "" : itemCode.strip();
        String sub = subCode == null ? "" : subCode.strip();
        Optional<Sku> sku = jdbc.sql("select sku from channel_listing where channel_id = :c and item_code = :i and sub_code = :s")
                .param("c", channelId).param("i", item).param("s", sub).query((rs, n) -> Sku.of(rs.getString(1))).optional();
        if (sku.isPresent()) {
            return sku;
        }
        OffsetDateTime now = now();
        String ctx = context == null ? null : context.length() > 500 ? context.substring(0, 499) + "…" : context;
        // Insert-if-absent, then count: safe when two connectors meet the same item at once (no upsert on H2).
        jdbc.sql("""
                insert into unmapped_channel_item (channel_id, item_code, sub_code, first_seen_at, last_seen_at, occurrences, last_context)
                values (:c, :i, :s, :now, :now, 0, :ctx) on conflict do nothing""")
                .param("c", channelId).param("i", item).param("s", sub).param("now", now).param("ctx", ctx).update();
        jdbc.sql("""
                update unmapped_channel_item set occurrences = occurrences + 1, last_seen_at = :now, last_context = :ctx,
                  resolved_at = null
                where channel_id = :c and item_code = :i and sub_code = :s""")
                .param("c", channelId).param("i", item).param("s", sub).param("now", now).param("ctx", ctx).update();
        return Optional.empty();
    }

    /**
     * The SKU a channel item is mapped to, without recording anything (unlike {@link #resolve}): for
     * re-checking something already seen, e.g. an order line waiting for its item to be mapped.
     */
    @Transactional(readOnly = true)
    public Optional<Sku> lookup(long channelId, String itemCode, String subCode) {
        return find(channelId, itemCode == null ? "" : itemCode.strip(), subCode == null ? "" : subCode.strip())
                .map(ChannelListing::sku);
    }

    @Transactional(readOnly = true)
    public List<ChannelListing> listBySku(Sku sku) {
        return jdbc.sql(SELECT + " where sku = :sku order by channel_id, item_code, sub_code").param("sku", sku.value())
                .query((rs, n) -> map(rs)).list();
    }

    /** One page (0-based) of a channel's listings in item code order; {@code size} 1–500. */
    @Transactional(readOnly = true)
    public Page<ChannelListing> listByChannel(long channelId, int page, int size) {
        int p = Math.max(0, page);
        int s = Math.clamp(size, 1, 500);
        long total = jdbc.sql("select count(*) from channel_listing where channel_id = :c").param("c", channelId)
                .query(Long.class).single();
        List<ChannelListing> items = jdbc.sql(SELECT + " where channel_id = :c order by item_code, sub_code limit :limit offset :offset")
                .param("c", channelId).param("limit", s).param("offset", (long) p * s).query((rs, n) -> map(rs)).list();
        return new Page<>(items, p, s, total);
    }

    /** Channel items still waiting to be mapped, most recently seen first; {@code channelId} may be {@code null} (all). */
    @Transactional(readOnly = true)
    public Page<UnmappedChannelItem> openUnmappedItems(Long channelId, int page, int size) {
        int p = Math.max(0, page);
        int s = Math.clamp(size, 1, 500);
        String where = " where resolved_at is null" + (channelId == null ? "" : " and channel_id = :c");
        long total = jdbc.sql("select count(*) from unmapped_channel_item" + where).params(channelId == null
                ? java.util.Map.of() : java.util.Map.of("c", channelId)).query(Long.class).single();
        var sql = jdbc.sql("""
                select channel_id, item_code, sub_code, first_seen_at, last_seen_at, occurrences, last_context, resolved_at
                from unmapped_channel_item""" + where + " order by last_seen_at desc, channel_id, item_code, sub_code limit :limit offset :offset")
                .param("limit", s).param("offset", (long) p * s);
        if (channelId != null) {
            sql = sql.param("c", channelId);
        }
        List<UnmappedChannelItem> items = sql.query((rs, n) -> new UnmappedChannelItem(rs.getLong(1), rs.getString(2),
                rs.getString(3), instant(rs, 4), instant(rs, 5), rs.getLong(6), rs.getString(7), instant(rs, 8))).list();
        return new Page<>(items, p, s, total);
    }

    /** A listing as plain values for the audit log. */
    record ListingSnapshot(long channelId, String itemCode, String subCode, String sku, String externalRef) {

        static ListingSnapshot of(ChannelListing l) {
            return new ListingSnapshot(l.channelId(), l.itemCode(), l.subCode(), l.sku().value(), l.externalRef());
        }
    }

    private Optional<ChannelListing> find(long channelId, String item, String sub) {
        return jdbc.sql(SELECT + " where channel_id = :c and item_code = :i and sub_code = :s")
                .param("c", channelId).param("i", item).param("s", sub).query((rs, n) -> map(rs)).optional();
    }

    private static final String SELECT = "select id, channel_id, item_code, sub_code, sku, external_ref, created_at from channel_listing";

    private static ChannelListing map(ResultSet rs) throws SQLException {
        return new ChannelListing(rs.getLong("id"), rs.getLong("channel_id"), rs.getString("item_code"),
                rs.getString("sub_code"), Sku.of(rs.getString("sku")), rs.getString("external_ref"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String key(ChannelListing l) {
        return l.channelId() + ":" + l.itemCode() + (l.subCode().isEmpty() ? "" : ":" + l.subCode());
    }

    private static String describe(ChannelListing l) {
        return l.itemCode() + (l.subCode().isEmpty() ? "" : " / " + l.subCode()) + " (チャネル " + l.channelId() + ")";
    }
}
