package dev.ichigen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ichigen.support.Eventually.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.sandbox.SandboxListing;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.NewWarehouse;
import dev.ichigen.inventory.PublishableQuantity;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;
import dev.ichigen.support.TcpProxy;
import dev.ichigen.support.TestDatabase;

/**
 * Fault test (issue 6): the database goes away for a few seconds while the application runs. The application talks
 * to PostgreSQL through a {@link TcpProxy}; cutting it closes every pooled connection and refuses new ones — what a
 * database restart or a network failure looks like from the application. Requests must fail cleanly with 503 and
 * write nothing; when the database is back, requests and the background stock sync go on by themselves.
 *
 * <p>PostgreSQL only: the in-memory H2 database lives inside the application and cannot become unreachable.
 */
@IchigenIntegrationTest
@ContextConfiguration(initializers = DatabaseOutageIntegrationTests.ProxiedDatabase.class)
@TestPropertySource(properties = {
        // fail fast while the database is away (default 30 s), so a request answers 503 within a few seconds
        "spring.datasource.hikari.connection-timeout=1500",
        "spring.datasource.hikari.validation-timeout=1000" })
class DatabaseOutageIntegrationTests {

    static final TcpProxy PROXY = new TcpProxy("127.0.0.1", postgresPort()).start();
    static ShopifySandbox shop;

    @LocalServerPort
    int port;

    @Autowired
    ChannelManagement channels;

    @Autowired
    ChannelListings listings;

    @Autowired
    InventoryManagement inventory;

    @Autowired
    WarehouseManagement warehouses;

    @Autowired
    PublishableQuantity publishable;

    @Autowired
    JdbcClient jdbc;

    /** The test database of {@link TestDatabase}, reached through {@link #PROXY}. */
    static class ProxiedDatabase extends TestDatabase {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            if (!postgres()) {
                return;
            }
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            String proxied = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/");
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("proxied-database", Map.of("spring.datasource.url", proxied)));
        }
    }

    @BeforeAll
    static void startStore() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL only: an embedded H2 database cannot become unreachable");
        shop = (ShopifySandbox) new ShopifySandbox("127.0.0.1", 0, Clock.systemUTC(), 21, "outage.myshopify.com",
                "shpat_" + UUID.randomUUID(), "secret-" + UUID.randomUUID(), 4004L).start();
    }

    @AfterAll
    static void stop() {
        PROXY.restore();
        if (shop != null) {
            shop.stop();
        }
    }

    @Test
    void whileTheDatabaseIsAwayRequestsAnswer503AndWriteNothingAndEverythingResumesWhenItIsBack() throws Exception {
        Api api = Api.admin(port);
        SalesFixtures fx = new SalesFixtures(jdbc);
        long ownSite = fx.channel();
        Sku sku = Sku.of(fx.product("OUTAGE"));
        if (warehouses.list().stream().noneMatch(w -> w.code().equals("OUTAGE-WH"))) {
            warehouses.create(new NewWarehouse("OUTAGE-WH", "障害テスト倉庫", 5, true));
        }
        inventory.receive(sku, "OUTAGE-WH", 10, StockReference.NONE, null);
        SalesChannel store = channels.register(new NewChannel(Platform.SHOPIFY, "outage-" + UUID.randomUUID().toString()
                .substring(0, 8), "障害テスト店", shop.credentials()));
        shop.seed(List.of(SandboxListing.of(sku.value(), "", "障害テスト商品", 1100, 10)));
        listings.map(store.id(), sku.value(), "", sku, String.valueOf(shop.listing(sku.value(), "").orElseThrow()
                .inventoryItemId()));
        publishable.refreshChannel(store.id(), true);
        assertThat(api.get("/api/v1/orders").status()).isEqualTo(200);

        PROXY.cut();
        try {
            Api.Response list = api.get("/api/v1/orders");
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.contentType()).startsWith("application/problem+json");
            assertThat(list.json().get("detail").asString()).contains("database");

            Api.Response placed = api.post("/api/v1/orders", order(ownSite, "OUTAGE-1", sku));
            assertThat(placed.status()).isEqualTo(503);

            Api.Response console = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                    .header("Cookie", "SESSION=" + UUID.randomUUID()).timeout(Duration.ofSeconds(30)).GET());
            assertThat(console.status()).isEqualTo(503);
            assertThat(console.text()).contains("データベースに接続できません");

            Api.Response health = new Api(port, null).get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            Thread.sleep(2500); // a few failing passes of the stock sync worker (interval 1 s)
        } finally {
            PROXY.restore();
        }

        await(() -> api.get("/api/v1/orders").status() == 200, "the API answers again");
        assertThat(new Api(port, null).get("/actuator/health").status()).isEqualTo(200);
        // the order refused with 503 was not half-written
        assertThat(jdbc.sql("select count(*) from sales_order where channel_id = :c").param("c", ownSite)
                .query(Long.class).single()).isZero();
        // the same order sent again is taken in once
        Api.Response again = api.post("/api/v1/orders", order(ownSite, "OUTAGE-1", sku));
        assertThat(again.status()).isEqualTo(201);
        // the background stock sync survived its failed passes: the reservation reaches the store by itself
        await(() -> shop.stock(sku.value(), "").orElseThrow() == 9, "the store shows 9");
    }

    private static Map<String, Object> order(long channel, String number, Sku sku) {
        return Map.of("channel", channel, "channelOrderNumber", number, "orderedAt", "2026-11-01T10:00:00+09:00",
                "paymentMethod", "CARD",
                "customer", Map.of("name", "障害 太郎", "email", "outage@example.jp", "phone", "090-1234-5678"),
                "ordererAddress", Map.of("postalCode", "100-0001", "prefecture", "東京都", "city", "千代田区",
                        "street", "千代田1-1"),
                "lines", List.of(Map.of("sku", sku.value(), "name", "障害テスト商品", "quantity", 1, "unitPrice", 1000,
                        "taxRate", 10)));
    }

    private static int postgresPort() {
        var m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(TestDatabase.postgresBaseUrl());
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }
}
