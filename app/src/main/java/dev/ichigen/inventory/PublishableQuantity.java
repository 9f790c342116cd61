package dev.ichigen.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.inventory.ChannelQuantity.PolicySource;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 連動在庫数: what each sales channel should show for a SKU, and the publish policies (在庫連動の設定)
 * behind it — a default per channel and optional per-SKU rows that replace it.
 *
 * <p>The quantity is {@link PublishPolicy#publishable} of the available stock over active warehouses (for a
 * set: the complete sets its components allow). Whenever it changes for a listed SKU, an outbox row is
 * written in the same transaction ({@link PublishOutbox}). Policy changes are audited and re-emit the
 * current quantity of every listing they affect.
 */
@Service
public class PublishableQuantity {

    private final JdbcTemplate jdbc;
    private final ProductCatalog catalog;
    private final Availability availability;
    private final PublishPolicies policies;
    private final ChannelStockTracker channelStock;
    private final AuditLog audit;
    private final Clock clock;

    PublishableQuantity(JdbcTemplate jdbc, ProductCatalog catalog, Availability availability, PublishPolicies policies,
            ChannelStockTracker channelStock, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.availability = availability;
        this.policies = policies;
        this.channelStock = channelStock;
        this.audit = audit;
        this.clock = clock;
    }

    /** What channel {@code channelId} should show for {@code sku} now (read this when pushing). */
    @Transactional(readOnly = true)
    public ChannelQuantity of(long channelId, Sku sku) {
        requireChannel(channelId);
        CatalogItem item = catalog.item(sku).orElseThrow(() -> new NotFoundException("no product " + sku));
        if (item.kind() == ProductKind.PARENT) {
            throw new InvalidInputException("sku", sku + " is a variation parent; its variants have quantities");
        }
        PublishPolicies.Effective effective = policies.effective(channelId, sku.value());
        long available = availability.totalAvailable(sku, item.kind());
        return new ChannelQuantity(channelId, sku, available, effective.policy().publishable(available),
                effective.policy().syncEnabled(), effective.source(), effective.policy());
    }

    /** The channel's default policy ({@link PublishPolicy#DEFAULT} when none was set). */
    @Transactional(readOnly = true)
    public PublishPolicy channelPolicy(long channelId) {
        requireChannel(channelId);
        return readPolicy("select sync_enabled, hold_back, max_quantity, percentage, zero_at_or_below from channel_publish_policy where channel_id = ?",
                channelId).orElse(PublishPolicy.DEFAULT);
    }

    /** Sets the channel's default policy; every listing of the channel without a SKU row re-emits its quantity. */
    @Transactional
    public PublishPolicy setChannelPolicy(long channelId, PublishPolicy policy) {
        requireChannel(channelId);
        PublishPolicy before = readPolicy("select sync_enabled, hold_back, max_quantity, percentage, zero_at_or_below from channel_publish_policy where channel_id = ?",
                channelId).orElse(null);
        OffsetDateTime now = now();
        int updated = jdbc.update("""
                update channel_publish_policy set sync_enabled = ?, hold_back = ?, max_quantity = ?, percentage = ?,
                    zero_at_or_below = ?, updated_at = ? where channel_id = ?""",
                policy.syncEnabled(), policy.holdBack(), policy.maxQuantity(), policy.percentage(), policy.zeroAtOrBelow(),
                now, channelId);
        if (updated == 0) {
            insertOrConflict("""
                    insert into channel_publish_policy (channel_id, sync_enabled, hold_back, max_quantity, percentage,
                        zero_at_or_below, updated_at) values (?, ?, ?, ?, ?, ?, ?)""",
                    channelId, policy.syncEnabled(), policy.holdBack(), policy.maxQuantity(), policy.percentage(),
                    policy.zeroAtOrBelow(), now);
        }
        audit.record("publish-policy.channel", "sales_channel", String.valueOf(channelId),
                "publish policy of channel " + channelId, before, policy);
        channelStock.refreshChannel(channelId, null, true);
        return policy;
    }

    /** The SKU's own policy on a channel, if it has one. */
    @Transactional(readOnly = true)
    public Optional<PublishPolicy> skuPolicy(long channelId, Sku sku) {
        requireChannel(channelId);
        return readPolicy("select sync_enabled, hold_back, max_quantity, percentage, zero_at_or_below from sku_publish_policy where channel_id = ? and sku = ?",
                channelId, sku.value());
    }

    /** Sets a SKU's own policy on a channel (it replaces the channel default as a whole). */
    @Transactional
    public PublishPolicy setSkuPolicy(long channelId, Sku sku, PublishPolicy policy) {
        requireChannel(channelId);
        if (catalog.item(sku).isEmpty()) {
            throw new NotFoundException("no product " + sku);
        }
        PublishPolicy before = skuPolicy(channelId, sku).orElse(null);
        OffsetDateTime now = now();
        int updated = jdbc.update("""
                update sku_publish_policy set sync_enabled = ?, hold_back = ?, max_quantity = ?, percentage = ?,
                    zero_at_or_below = ?, updated_at = ? where channel_id = ? and sku = ?""",
                policy.syncEnabled(), policy.holdBack(), policy.maxQuantity(), policy.percentage(), policy.zeroAtOrBelow(),
                now, channelId, sku.value());
        if (updated == 0) {
            insertOrConflict("""
                    insert into sku_publish_policy (channel_id, sku, sync_enabled, hold_back, max_quantity, percentage,
                        zero_at_or_below, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)""",
                    channelId, sku.value(), policy.syncEnabled(), policy.holdBack(), policy.maxQuantity(),
                    policy.percentage(), policy.zeroAtOrBelow(), now);
        }
        audit.record("publish-policy.sku", "sales_channel", channelId + "/" + sku,
                "publish policy of " + sku + " on channel " + channelId, before, policy);
        channelStock.refreshChannel(channelId, sku.value(), true);
        return policy;
    }

    /** Removes a SKU's own policy (the channel default applies again); false when it had none. */
    @Transactional
    public boolean removeSkuPolicy(long channelId, Sku sku) {
        PublishPolicy before = skuPolicy(channelId, sku).orElse(null);
        if (before == null) {
            return false;
        }
        jdbc.update("delete from sku_publish_policy where channel_id = ? and sku = ?", channelId, sku.value());
        audit.record("publish-policy.sku.remove", "sales_channel", channelId + "/" + sku,
                "removed the publish policy of " + sku + " on channel " + channelId, before, null);
        channelStock.refreshChannel(channelId, sku.value(), true);
        return true;
    }

    /**
     * Recomputes every listing of a channel and emits an outbox row where the quantity differs from the last
     * one (or for all when {@code force}); for the first sync of a new channel or after listings changed.
     * Returns how many rows were written.
     */
    @Transactional
    public int refreshChannel(long channelId, boolean force) {
        requireChannel(channelId);
        return channelStock.refreshChannel(channelId, null, force);
    }

    private void requireChannel(long channelId) {
        Integer n = jdbc.queryForObject("select count(*) from sales_channel where id = ?", Integer.class, channelId);
        if (n == null || n == 0) {
            throw new NotFoundException("no sales channel " + channelId);
        }
    }

    private Optional<PublishPolicy> readPolicy(String sql, Object... args) {
        return jdbc.query(sql, (rs, i) -> new PublishPolicy(rs.getBoolean(1), rs.getInt(2),
                rs.getObject(3, Integer.class), rs.getInt(4), rs.getObject(5, Integer.class)), args).stream().findFirst();
    }

    private void insertOrConflict(String sql, Object... args) {
        try {
            jdbc.update(sql, args);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("the policy was changed concurrently; retry");
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
