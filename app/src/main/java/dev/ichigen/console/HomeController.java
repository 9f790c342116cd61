package dev.ichigen.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelManagement;

/**
 * Login page and dashboard (ダッシュボード). The dashboard shows real counts only, each one cheap (a count
 * query): products on sale and channel items waiting to be mapped.
 */
@Controller
class HomeController {

    private final ProductManagement products;
    private final ChannelListings listings;

    private final ChannelConnections connections;
    private final ChannelManagement channels;

    HomeController(ProductManagement products, ChannelListings listings, ChannelConnections connections,
            ChannelManagement channels) {
        this.products = products;
        this.listings = listings;
        this.connections = connections;
        this.channels = channels;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("activeProducts",
                products.search(new ProductQuery(null, null, null, ProductStatus.ACTIVE, null, null), 0, 1).total());
        model.addAttribute("unmappedItems", listings.openUnmappedItems(null, 0, 1).total());
        // channels whose latest call failed, with the cause (連携エラー)
        model.addAttribute("failingChannels", connections.failing());
        // channels whose credentials expire soon (楽天 license key: every 90 days)
        model.addAttribute("expiringChannels", connections.expiring());
        model.addAttribute("channelNames", channels.list().stream().collect(java.util.stream.Collectors.toMap(
                dev.ichigen.channel.SalesChannel::id, dev.ichigen.channel.SalesChannel::name)));
        return "home";
    }
}
