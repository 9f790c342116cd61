package dev.ichigen.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.shared.Sku;

/**
 * Keeps {@code channel_stock} (the quantity last computed per channel and listed SKU) and writes an outbox
 * row plus a {@link PublishableQuantityChanged} event whenever it changes — inside the transaction that
 * changed the stock.
 *
 * <p>Cost on the hot path: one indexed look-up finds the listings of the changed SKUs and of the sets
 * containing them; with none, that is all. For each listing, the {@code channel_stock} row is locked
 * <em>before</em> the total is read, so two transactions changing the same SKU in different warehouses
 * compute one after the other and the last commit leaves the right quantity (under READ COMMITTED each
 * statement reads what was committed when it started). Rows are locked in (channel, SKU) order, always
 * after the balance rows, so this adds no deadlock.
 */
@Component
class ChannelStockTracker {

    /** A listed SKU on an active channel. */
    record Listing(long channelId, String sku, ProductKind kind) {
    }

    // One statement, index look-ups only: the listings of the SKUs themselves and of the sets that contain
    // them. The UNION sits inside IN (…) on purpose: H2 caches the plan of a plain SELECT but re-parses a
    // top-level UNION on every execution (measured: a third of a reservation's CPU on H2).
    private static final String LISTINGS_OF_SKUS_AND_THEIR_SETS = """
            select l.channel_id, l.sku from channel_listing l
            where l.sku in (select p.sku from product p where p.sku in (:skus)
                            union all
                            select c.set_sku from set_component c where c.component_sku in (:skus))""";

    private final JdbcTemplate jdbc;
    private final ProductCatalog catalog;
    private final NamedParameterJdbcTemplate named;
    private final Availability availability;
    private final PublishPolicies policies;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChannelStockTracker(JdbcTemplate jdbc, ProductCatalog catalog, Availability availability, PublishPolicies policies,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.availability = availability;
        this.policies = policies;
        this.events = events;
        this.clock = clock;
    }

    /** The available stock of these stocked SKUs changed in the current transaction. */
    void availableChanged(Collection<String> skus) {
        refresh(listingsOf(skus));
    }

    /**
     * The listings (on active channels) whose quantity depends on these stocked SKUs, in (channel, SKU) order.
     * A plain read: callers on the hot path look this up before they lock any balance row.
     */
    List<Listing> listingsOf(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        SortedSet<ChannelSku> listed = new TreeSet<>();
        named.query(LISTINGS_OF_SKUS_AND_THEIR_SETS, new MapSqlParameterSource("skus", skus), (RowCallbackHandler) rs -> {
            listed.add(new ChannelSku(rs.getLong(1), rs.getString(2)));
        });
        if (listed.isEmpty()) {
            return List.of(); // the common case for an unlisted SKU: one indexed look-up and nothing else
        }
        Set<Long> activeChannels = new HashSet<>(named.queryForList(
                "select id from sales_channel where active = true and id in (:ids)",
                new MapSqlParameterSource("ids", listed.stream().map(ChannelSku::channelId).distinct().toList()), Long.class));
        Map<String, ProductKind> kinds = new HashMap<>();
        List<Listing> listings = new ArrayList<>();
        for (ChannelSku key : listed) {
            if (activeChannels.contains(key.channelId())) {
                listings.add(new Listing(key.channelId(), key.sku(), kinds.computeIfAbsent(key.sku(),
                        sku -> catalog.item(Sku.of(sku)).map(CatalogItem::kind).orElse(ProductKind.PARENT))));
            }
        }
        return listings;
    }

    /** Recomputes these listings after the stock changed (channel_stock rows are locked in list order). */
    void refresh(List<Listing> listings) {
        for (Listing listing : listings) {
            refresh(listing, false);
        }
    }

    private record ChannelSku(long channelId, String sku) implements Comparable<ChannelSku> {
        @Override
        public int compareTo(ChannelSku o) {
            int c = Long.compare(channelId, o.channelId);
            return c != 0 ? c : sku.compareTo(o.sku);
        }
    }

    /** A warehouse was (de)activated: every SKU with a balance there may show a different quantity now. */
    void warehouseToggled(long warehouseId) {
        List<String> skus = jdbc.queryForList("select sku from stock_balance where warehouse_id = ? order by sku",
                String.class, warehouseId);
        for (int from = 0; from < skus.size(); from += 500) {
            availableChanged(skus.subList(from, Math.min(skus.size(), from + 500)));
        }
    }

    /**
     * Recomputes every listing of a channel (after a policy change; {@code force}: emit even when unchanged,
     * so that turning sync on pushes the current figures). Returns how many events were written.
     */
    int refreshChannel(long channelId, String onlySku, boolean force) {
        String sql = """
                select distinct l.channel_id, l.sku, p.kind from channel_listing l
                  join sales_channel sc on sc.id = l.channel_id and sc.active = true
                  join product p on p.sku = l.sku
                 where l.channel_id = ?""" + (onlySku != null ? " and l.sku = ?" : "") + " order by 2";
        Object[] args = onlySku != null ? new Object[] { channelId, onlySku } : new Object[] { channelId };
        List<Listing> listings = jdbc.query(sql,
                (rs, i) -> new Listing(rs.getLong(1), rs.getString(2), ProductKind.valueOf(rs.getString(3))), args);
        int emitted = 0;
        for (Listing listing : listings) {
            if (refresh(listing, force)) {
                emitted++;
            }
        }
        return emitted;
    }

    private boolean refresh(Listing listing, boolean force) {
        if (!listing.kind().stocked() && listing.kind() != ProductKind.SET) {
            return false; // a variation parent has no quantity of its own
        }
        PublishPolicy policy = policies.effective(listing.channelId(), listing.sku()).policy();
        if (!policy.syncEnabled()) {
            return false;
        }
        List<Long> stored = lockChannelStock(listing);
        if (stored.isEmpty()) {
            jdbc.update("insert into channel_stock (channel_id, sku, quantity, computed_at) values (?, ?, null, ?) on conflict do nothing",
                    listing.channelId(), listing.sku(), now());
            stored = lockChannelStock(listing);
        }
        Long previous = stored.getFirst();
        long quantity = policy.publishable(availability.totalAvailable(Sku.of(listing.sku()), listing.kind()));
        if (!force && previous != null && previous == quantity) {
            return false;
        }
        OffsetDateTime now = now();
        jdbc.update("update channel_stock set quantity = ?, computed_at = ? where channel_id = ? and sku = ?",
                quantity, now, listing.channelId(), listing.sku());
        jdbc.update("insert into publishable_quantity_event (channel_id, sku, quantity, occurred_at) values (?, ?, ?, ?)",
                listing.channelId(), listing.sku(), quantity, now);
        events.publishEvent(new PublishableQuantityChanged(listing.channelId(), Sku.of(listing.sku()), quantity));
        return true;
    }

    /** The stored quantity (one element, possibly null) or empty when there is no row yet. */
    private List<Long> lockChannelStock(Listing listing) {
        List<Long> result = new ArrayList<>(1);
        jdbc.query("select quantity from channel_stock where channel_id = ? and sku = ? for update", rs -> {
            long q = rs.getLong(1);
            result.add(rs.wasNull() ? null : q);
        }, listing.channelId(), listing.sku());
        return result;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
