package dev.ichigen.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductCsvManagement;
import dev.ichigen.catalog.ProductImportReport;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.ChannelSandboxes;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewLocation;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishPolicy;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.csv.CsvSource;

/**
 * Loads the demo data set on start-up when {@code ichigen.demo.enabled=true} ({@code --demo}) and the
 * product master is empty. Products come from {@code demo/products.csv} (Shift_JIS, as a shop's
 * Excel file would be) through the real CSV importer.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "ichigen.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ProductManagement products;
    private final ProductCsvManagement csv;
    private final WarehouseManagement warehouses;
    private final InventoryManagement inventory;
    private final ChannelManagement channels;
    private final ChannelListings listings;
    private final PublishableQuantity publishable;
    private final ChannelSandboxes sandboxes;
    private final org.springframework.core.env.Environment environment;

    DemoData(ProductManagement products, ProductCsvManagement csv, WarehouseManagement warehouses,
            InventoryManagement inventory, ChannelManagement channels, ChannelListings listings,
            PublishableQuantity publishable, ChannelSandboxes sandboxes, org.springframework.core.env.Environment environment) {
        this.sandboxes = sandboxes;
        this.environment = environment;
        this.products = products;
        this.csv = csv;
        this.warehouses = warehouses;
        this.inventory = inventory;
        this.channels = channels;
        this.listings = listings;
        this.publishable = publishable;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (products.search(ProductQuery.all(), 0, 1).total() > 0) {
            log.info("demo data: the product master is not empty, nothing loaded");
            reconnectSandboxDemo();
            return;
        }
        byte[] file;
        try (InputStream in = new ClassPathResource("demo/products.csv").getInputStream()) {
            file = in.readAllBytes();
        }
        ProductImportReport report = csv.importCsv(CsvSource.of(file), false);
        if (report.status() != ProductImportReport.Status.IMPORTED) {
            throw new IllegalStateException("demo products did not import: " + report.errors());
        }
        createWarehouses();
        List<Product> stocked = products.search(ProductQuery.all(), 0, 500).items().stream()
                .filter(p -> p.kind().stocked()).toList();
        receiveStock(stocked);
        createChannels(stocked);
        log.info("demo data loaded: {} products, 2 warehouses, {} stocked SKUs, 5 channels", report.created(),
                stocked.size());
    }

    private void createWarehouses() {
        warehouses.create(new NewWarehouse("TOKYO", "東京倉庫 (自社)", 10, true));
        warehouses.create(new NewWarehouse("OSAKA", "大阪倉庫 (3PL)", 20, true));
        int walk = 0;
        for (String zone : List.of("A", "B", "C")) {
            for (int shelf = 1; shelf <= 4; shelf++) {
                for (int bin = 1; bin <= 3; bin++) {
                    walk++;
                    String code = "%s-%02d-%d".formatted(zone, shelf, bin);
                    warehouses.addLocation("TOKYO", new NewLocation(code, zone, "%02d".formatted(shelf),
                            String.valueOf(bin), walk));
                }
            }
        }
        warehouses.addLocation("OSAKA", new NewLocation("F1-01", "F1", "01", "1", 1));
        warehouses.addLocation("OSAKA", new NewLocation("F1-02", "F1", "02", "1", 2));
    }

    /**
     * Deterministic stock: most SKUs well stocked in Tokyo, some also in Osaka, a few nearly sold out
     * (so the "publish 0 when low" policy shows) and one sold out.
     */
    private void receiveStock(List<Product> stocked) {
        for (int i = 0; i < stocked.size(); i++) {
            Product p = stocked.get(i);
            long tokyo = switch (i % 7) {
                case 0 -> 3;
                case 1 -> 120;
                case 2 -> 48;
                case 3 -> 0;
                default -> 20 + (i * 13L) % 80;
            };
            long osaka = i % 3 == 0 ? 30 + (i * 7L) % 40 : 0;
            StockReference delivery = StockReference.of("DEMO_RECEIPT", "DEMO-%03d".formatted(i + 1));
            if (tokyo > 0) {
                inventory.receive(p.sku(), "TOKYO", tokyo, delivery, "デモ入荷");
            }
            if (osaka > 0) {
                inventory.receive(p.sku(), "OSAKA", osaka, delivery, "デモ入荷");
            }
        }
    }

    private void createChannels(List<Product> stocked) {
        // 楽天: connected to the local Rakuten sandbox shop when it runs (--demo): orders come in by the polling task
        // (searchOrder/getOrder), stock goes back by inventories/bulk-upsert
        boolean rakutenSandbox = sandboxes.running(Platform.RAKUTEN);
        SalesChannel rakuten = channels.register(new NewChannel(Platform.RAKUTEN, "rakuten-demo", "楽天市場店 (デモ)",
                sandboxes.credentials(Platform.RAKUTEN).orElse(java.util.Map.of())));
        List<ChannelSandboxes.MallItem> rakutenItems = new java.util.ArrayList<>();
        // Yahoo!: connected to the local Yahoo! sandbox store when it runs (--demo): orders by polling (orderList /
        // orderInfo), stock back by setStock
        boolean yahooSandbox = sandboxes.running(Platform.YAHOO);
        SalesChannel yahoo = channels.register(new NewChannel(Platform.YAHOO, "yahoo-demo", "Yahoo!ショッピング店 (デモ)",
                sandboxes.credentials(Platform.YAHOO).orElse(java.util.Map.of())));
        List<ChannelSandboxes.MallItem> yahooItems = new java.util.ArrayList<>();
        // Amazon: connected to the local Amazon SP-API sandbox when it runs (--demo): orders by ORDER_CHANGE notifications
        // relayed here and by polling (getOrders / getOrderItems), stock back by JSON_LISTINGS_FEED
        boolean amazonSandbox = sandboxes.running(Platform.AMAZON);
        SalesChannel amazon = channels.register(new NewChannel(Platform.AMAZON, "amazon-demo", "Amazon.co.jp (デモ)",
                sandboxes.credentials(Platform.AMAZON).orElse(java.util.Map.of())));
        List<ChannelSandboxes.MallItem> amazonItems = new java.util.ArrayList<>();
        // Shopify: connected to the local Shopify sandbox store when it runs (--demo), so its orders come in through
        // the real connector (webhooks + polling) and stock goes back to it within seconds (docs/CONNECTORS.md)
        boolean shopifySandbox = sandboxes.running(Platform.SHOPIFY);
        SalesChannel shopify = channels.register(new NewChannel(Platform.SHOPIFY, "shopify-demo", "Shopify 自社店 (デモ)",
                sandboxes.credentials(Platform.SHOPIFY).orElse(java.util.Map.of())));
        List<ChannelSandboxes.SandboxItem> shopifyItems = new java.util.ArrayList<>();
        channels.register(new NewChannel(Platform.CUSTOM, "own-site", "自社サイト"));

        // 安全在庫: keep 2 back on the malls, publish 0 when 3 or fewer remain on Rakuten (a common setting
        // to avoid overselling during the mall's sync delay), show at most 50 on Amazon.
        publishable.setChannelPolicy(rakuten.id(), new PublishPolicy(true, 2, null, 100, 3));
        publishable.setChannelPolicy(yahoo.id(), new PublishPolicy(true, 2, null, 100, null));
        publishable.setChannelPolicy(amazon.id(), new PublishPolicy(true, 0, 50, 100, null));

        List<Product> all = products.search(ProductQuery.all(), 0, 500).items();
        for (Product p : all) {
            if (p.kind() == ProductKind.PARENT) {
                continue;
            }
            String code = p.sku().value();
            if (p.kind() == ProductKind.VARIANT) {
                // Rakuten: 商品管理番号 (the parent) + SKU管理番号; Yahoo: 商品コード + サブコード
                String parent = p.parentSku().value();
                listings.map(rakuten.id(), parent.toLowerCase(), code.substring(parent.length() + 1).toLowerCase(),
                        p.sku(), null);
                rakutenItems.add(mallItem(rakuten.id(), parent.toLowerCase(), code.substring(parent.length() + 1).toLowerCase(), p));
                listings.map(yahoo.id(), parent.toLowerCase(), code.substring(parent.length() + 1), p.sku(), null);
                yahooItems.add(mallItem(yahoo.id(), parent.toLowerCase(), code.substring(parent.length() + 1), p));
            } else {
                listings.map(rakuten.id(), code.toLowerCase(), "", p.sku(), null);
                rakutenItems.add(mallItem(rakuten.id(), code.toLowerCase(), "", p));
                listings.map(yahoo.id(), code.toLowerCase(), "", p.sku(), null);
                yahooItems.add(mallItem(yahoo.id(), code.toLowerCase(), "", p));
            }
            if (shopifySandbox) {
                shopifyItems.add(sandboxItem(shopify.id(), p));
            } else {
                listings.map(shopify.id(), p.sku().value(), "", p.sku(), null);
            }
            if (!p.lotManaged()) {
                listings.map(amazon.id(), code, "", p.sku(), "B0" + Integer.toString(Math.abs(code.hashCode()), 36).toUpperCase());
                amazonItems.add(mallItem(amazon.id(), code, "", p));
            }
        }
        if (shopifySandbox) {
            connectShopifySandbox(shopify.id(), shopifyItems);
        }
        if (rakutenSandbox) {
            connectMallSandbox(Platform.RAKUTEN, rakuten.id(), rakutenItems);
        }
        if (yahooSandbox) {
            connectMallSandbox(Platform.YAHOO, yahoo.id(), yahooItems);
        }
        if (amazonSandbox) {
            connectAmazonSandbox(amazon.id(), amazonItems);
        }
        // one item the Rakuten store sells that nobody has mapped yet: shows up under 未連携の商品
        listings.resolve(rakuten.id(), "tea-limited-2026", "", "デモ: 楽天の受注に含まれていた未登録の商品");
    }

    private ChannelSandboxes.SandboxItem sandboxItem(long channelId, Product p) {
        int rate = p.taxRate().percent();
        long taxIncluded = p.priceIncludesTax() ? p.price() : p.price() * (100 + rate) / 100;
        return new ChannelSandboxes.SandboxItem(p.sku(), p.name(), (int) taxIncluded, rate,
                (int) Math.min(Integer.MAX_VALUE, publishable.of(channelId, p.sku()).quantity()));
    }

    private ChannelSandboxes.MallItem mallItem(long channelId, String itemCode, String subCode, Product p) {
        ChannelSandboxes.SandboxItem i = sandboxItem(channelId, p);
        return new ChannelSandboxes.MallItem(itemCode, subCode, i.title(), i.price(), i.taxRatePercent(), i.quantity());
    }

    /** Lists the items on a mall's sandbox (楽天, Yahoo!), pushes our stock and places a few orders there (arriving by polling). */
    private void connectMallSandbox(Platform platform, long channelId, List<ChannelSandboxes.MallItem> items) {
        sandboxes.listOn(platform, items);
        publishable.refreshChannel(channelId, true);
        int placed = sandboxes.generateOrders(platform, 5);
        log.info("demo: {} sandbox shop connected, {} listings, {} orders placed there (arriving by polling)",
                platform.label(), items.size(), placed);
    }

    /** Lists the items on the Amazon sandbox, relays its ORDER_CHANGE notifications here, pushes our stock, places orders. */
    private void connectAmazonSandbox(long channelId, List<ChannelSandboxes.MallItem> items) {
        sandboxes.listOn(Platform.AMAZON, items);
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        sandboxes.amazonNotificationsTo("http://127.0.0.1:" + port, channelId);
        publishable.refreshChannel(channelId, true);
        int placed = sandboxes.generateOrders(Platform.AMAZON, 5);
        log.info("demo: Amazon sandbox connected, {} listings, {} orders placed there (arriving by ORDER_CHANGE and polling)",
                items.size(), placed);
    }

    /** Lists the items on the Shopify sandbox, sends its webhooks here, pushes our stock and places a few orders there. */
    private void connectShopifySandbox(long channelId, List<ChannelSandboxes.SandboxItem> items) {
        sandboxes.listOnShopify(channelId, items);
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        sandboxes.shopifyWebhooksTo("http://127.0.0.1:" + port, channelId);
        publishable.refreshChannel(channelId, true);
        int placed = sandboxes.generateOrders(Platform.SHOPIFY, 5);
        log.info("demo: Shopify sandbox store connected, {} listings, {} orders placed there (arriving by webhook)",
                items.size(), placed);
    }

    /**
     * A restart with --demo on the existing demo database: the sandbox stores are new (in memory, another port), so the
     * demo Shopify, 楽天, Yahoo! and Amazon channels are pointed at the new ones and their listings are listed there again.
     */
    private void reconnectSandboxDemo() {
        if (sandboxes.running(Platform.RAKUTEN)) {
            channels.findByCode("rakuten-demo").ifPresent(rakuten -> {
                channels.replaceCredentials(rakuten.id(), sandboxes.credentials(Platform.RAKUTEN).orElseThrow());
                List<ChannelSandboxes.MallItem> items = new java.util.ArrayList<>();
                for (var listing : listings.listByChannel(rakuten.id(), 0, 500).items()) {
                    products.find(listing.sku()).ifPresent(p -> items.add(mallItem(rakuten.id(), listing.itemCode(),
                            listing.subCode(), p)));
                }
                connectMallSandbox(Platform.RAKUTEN, rakuten.id(), items);
            });
        }
        if (sandboxes.running(Platform.YAHOO)) {
            channels.findByCode("yahoo-demo").ifPresent(yahoo -> {
                channels.replaceCredentials(yahoo.id(), sandboxes.credentials(Platform.YAHOO).orElseThrow());
                List<ChannelSandboxes.MallItem> items = new java.util.ArrayList<>();
                for (var listing : listings.listByChannel(yahoo.id(), 0, 500).items()) {
                    products.find(listing.sku()).ifPresent(p -> items.add(mallItem(yahoo.id(), listing.itemCode(),
                            listing.subCode(), p)));
                }
                connectMallSandbox(Platform.YAHOO, yahoo.id(), items);
            });
        }
        if (sandboxes.running(Platform.AMAZON)) {
            channels.findByCode("amazon-demo").ifPresent(amazon -> {
                channels.replaceCredentials(amazon.id(), sandboxes.credentials(Platform.AMAZON).orElseThrow());
                List<ChannelSandboxes.MallItem> items = new java.util.ArrayList<>();
                for (var listing : listings.listByChannel(amazon.id(), 0, 500).items()) {
                    products.find(listing.sku()).ifPresent(p -> items.add(mallItem(amazon.id(), listing.itemCode(),
                            listing.subCode(), p)));
                }
                connectAmazonSandbox(amazon.id(), items);
            });
        }
        if (!sandboxes.running(Platform.SHOPIFY)) {
            return;
        }
        channels.findByCode("shopify-demo").ifPresent(shopify -> {
            channels.replaceCredentials(shopify.id(), sandboxes.credentials(Platform.SHOPIFY).orElseThrow());
            List<ChannelSandboxes.SandboxItem> items = new java.util.ArrayList<>();
            for (var listing : listings.listByChannel(shopify.id(), 0, 500).items()) {
                products.find(listing.sku()).ifPresent(p -> items.add(sandboxItem(shopify.id(), p)));
            }
            connectShopifySandbox(shopify.id(), items);
        });
    }
}
