package dev.ichigen.channel.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.Platform;

/**
 * The sandbox stores of this process, started when {@code ichigen.sandbox.enabled=true} (off by default; {@code --demo}
 * turns it on through application.properties, tests set it themselves). Which ones: {@code ichigen.sandbox.platforms}
 * (default all four); ports {@code ichigen.sandbox.<platform>.port} (0 = a free port); orders are generated from
 * {@code ichigen.sandbox.seed}.
 *
 * <p>A channel talks to a sandbox by being registered with the sandbox's {@link SandboxServer#credentials()} — the
 * platform's usual credential keys plus {@code endpoint} = {@link #baseUrl(Platform)}.
 */
@Component
@ConditionalOnProperty(name = "ichigen.sandbox.enabled", havingValue = "true")
public class SandboxStores implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxStores.class);

    private final Map<Platform, SandboxServer> stores = new EnumMap<>(Platform.class);
    private volatile boolean running;

    SandboxStores(Clock clock, @Value("${ichigen.sandbox.platforms:shopify,rakuten,yahoo,amazon}") List<String> platforms,
            @Value("${ichigen.sandbox.host:127.0.0.1}") String host,
            @Value("${ichigen.sandbox.seed:20261123}") long seed,
            @Value("${ichigen.sandbox.shopify.port:0}") int shopifyPort,
            @Value("${ichigen.sandbox.rakuten.port:0}") int rakutenPort,
            @Value("${ichigen.sandbox.yahoo.port:0}") int yahooPort,
            @Value("${ichigen.sandbox.amazon.port:0}") int amazonPort) {
        for (String name : platforms) {
            Platform p = Platform.parse(name);
            if (p == null || p == Platform.CUSTOM) {
                throw new IllegalArgumentException("ichigen.sandbox.platforms: no sandbox for '" + name
                        + "' (shopify, rakuten, yahoo, amazon)");
            }
            stores.put(p, switch (p) {
                case SHOPIFY -> new ShopifySandbox(host, shopifyPort, clock, seed, "ichigen-sandbox.myshopify.com",
                        "shpat_sandbox_0123456789abcdef", "sandbox-shopify-app-secret", 655441491L);
                case RAKUTEN -> new RakutenSandbox(host, rakutenPort, clock, seed, "SP400000_sandboxServiceSecret",
                        "SL400000_sandboxLicenseKey", "400000");
                case YAHOO -> new YahooSandbox(host, yahooPort, clock, seed, "ichigen-sandbox",
                        "dj00aiZpPXNhbmRib3gmcz1jb25zdW1lcnNlY3JldCZ4PTk5", "sandbox-yahoo-client-secret",
                        "sandbox-yahoo-refresh-token");
                case AMAZON -> new AmazonSandbox(host, amazonPort, clock, seed, "A2SANDBOXICHIGEN",
                        "amzn1.application-oa2-client.sandbox0ichigen", "amzn1.oa2-cs.v1.sandbox-secret",
                        "Atzr|sandbox-refresh-token");
                case CUSTOM -> throw new IllegalStateException();
            });
        }
    }

    @Override
    public void start() {
        List<String> urls = new ArrayList<>();
        for (SandboxServer s : stores.values()) {
            s.start();
            urls.add(s.platform().name().toLowerCase(Locale.ROOT) + " " + s.baseUrl());
        }
        running = true;
        log.info("sandbox stores (local toy platforms, in memory): {}", String.join(", ", urls));
    }

    @Override
    public void stop() {
        stores.values().forEach(SandboxServer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public Optional<SandboxServer> store(Platform platform) {
        return Optional.ofNullable(stores.get(platform));
    }

    public Optional<ShopifySandbox> shopify() {
        return store(Platform.SHOPIFY).map(ShopifySandbox.class::cast);
    }

    public Optional<RakutenSandbox> rakuten() {
        return store(Platform.RAKUTEN).map(RakutenSandbox.class::cast);
    }

    public Optional<YahooSandbox> yahoo() {
        return store(Platform.YAHOO).map(YahooSandbox.class::cast);
    }

    public Optional<AmazonSandbox> amazon() {
        return store(Platform.AMAZON).map(AmazonSandbox.class::cast);
    }

    /** The base URL to register as {@code credentials.endpoint} for a channel of this platform. */
    public String baseUrl(Platform platform) {
        return store(platform).orElseThrow(() -> new IllegalArgumentException("no sandbox store for " + platform)).baseUrl();
    }

    /** Base URLs of the running sandbox stores by platform. */
    public Map<Platform, String> baseUrls() {
        Map<Platform, String> m = new LinkedHashMap<>();
        stores.forEach((p, s) -> m.put(p, s.baseUrl()));
        return m;
    }

    /** The credentials (incl. {@code endpoint}) a channel needs to talk to this platform's sandbox. */
    public Map<String, String> credentials(Platform platform) {
        return store(platform).orElseThrow(() -> new IllegalArgumentException("no sandbox store for " + platform))
                .credentials();
    }
}
