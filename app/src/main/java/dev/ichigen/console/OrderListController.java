package dev.ichigen.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.order.OrderCounts;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderQuery;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.OrderSummary;
import dev.ichigen.platform.Page;

/**
 * 受注一覧: status tabs with their counts (from the order module; 出荷済 and キャンセル count the last 30 days
 * only), the search box (order number, name, kana, phone, e-mail — matched by the module), a channel filter
 * and 50 orders per page, newest first.
 */
@Controller
@RequestMapping("/orders")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class OrderListController {

    static final int PAGE_SIZE = 50;

    private final OrderManagement orders;
    private final ChannelManagement channels;

    OrderListController(OrderManagement orders, ChannelManagement channels) {
        this.orders = orders;
        this.channels = channels;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long channel, @RequestParam(defaultValue = "0") int page, Model model) {
        OrderStatus chosen = OrderStatus.parse(status);
        String text = q == null || q.isBlank() ? null : q.strip();
        Page<OrderSummary> rows = orders.search(new OrderQuery(channel, null, chosen, text), page, PAGE_SIZE);
        OrderCounts counts = orders.counts();
        Map<OrderStatus, Long> tabs = new LinkedHashMap<>();
        for (OrderStatus s : OrderStatus.values()) {
            tabs.put(s, counts.byStatus().getOrDefault(s, 0L));
        }
        List<SalesChannel> all = channels.list();
        Map<Long, String> channelNames = new LinkedHashMap<>();
        all.forEach(c -> channelNames.put(c.id(), c.name()));
        model.addAttribute("rows", rows);
        model.addAttribute("tabs", tabs);
        model.addAttribute("closedSince", counts.closedSince());
        model.addAttribute("status", chosen);
        model.addAttribute("q", text == null ? "" : text);
        model.addAttribute("channel", channel);
        model.addAttribute("channels", all);
        model.addAttribute("channelNames", channelNames);
        model.addAttribute("filterQuery", query(null, text, channel));
        model.addAttribute("pagerBase", "/orders?" + query(chosen, text, channel));
        return "orders/list";
    }

    /** The list's query string without page (ending in '&' when not empty), for tab links and the pager. */
    private static String query(OrderStatus status, String q, Long channel) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        if (status != null) {
            b.queryParam("status", status.name());
        }
        if (q != null) {
            b.queryParam("q", q);
        }
        if (channel != null) {
            b.queryParam("channel", channel);
        }
        String s = b.encode().build().getQuery();
        return s == null || s.isEmpty() ? "" : s + "&";
    }
}
