package dev.ichigen.order;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import dev.ichigen.catalog.ChannelItemMapped;

/**
 * When a channel item gets mapped to a SKU, the open orders with lines still unmapped for that item are
 * re-checked (found through the small index on {@code order_line.problem}) — each in its own transaction — so the hold is resolved FIXED and stock reserved
 * without anyone touching the orders. Delivered after the mapping committed, through the event publication
 * registry (re-delivered after a crash; re-checking twice is harmless).
 */
@Component
class ListingMappedListener {

    private static final Logger log = LoggerFactory.getLogger(ListingMappedListener.class);

    private final JdbcClient jdbc;
    private final OrderManagement orders;

    ListingMappedListener(JdbcClient jdbc, OrderManagement orders) {
        this.jdbc = jdbc;
        this.orders = orders;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ChannelItemMapped e) {
        List<Long> ids = jdbc.sql("""
                select distinct l.order_id from order_line l
                join sales_order o on o.id = l.order_id
                where l.problem = 'UNMAPPED' and l.item_code = :item and l.sub_code = :sub and o.channel_id = :channel
                  and o.status not in ('SHIPPED', 'CANCELLED')
                order by l.order_id""")
                .param("channel", e.channelId()).param("item", e.itemCode())
                .param("sub", e.subCode()).query(Long.class).list();
        for (long id : ids) {
            try {
                orders.recheckBySystem(id);
            } catch (RuntimeException ex) {
                log.error("re-check of order {} after mapping {} / {} failed", id, e.itemCode(), e.subCode(), ex);
            }
        }
    }
}
