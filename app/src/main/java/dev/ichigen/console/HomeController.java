package dev.ichigen.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.catalog.ProductStatus;

/**
 * Login page and dashboard (ダッシュボード). The dashboard shows real counts only, each one cheap (a count
 * query): products on sale and channel items waiting to be mapped.
 */
@Controller
class HomeController {

    private final ProductManagement products;
    private final ChannelListings listings;

    HomeController(ProductManagement products, ChannelListings listings) {
        this.products = products;
        this.listings = listings;
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
        return "home";
    }
}
