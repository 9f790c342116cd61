package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.sandbox.enabled=true")
class SandboxStoresIntegrationTests {

    @Autowired
    SandboxStores stores;

    @Autowired
    ChannelManagement channels;

    @Test
    void startsAllFourSandboxStoresOnLoopbackWhenEnabled() {
        assertThat(stores.baseUrls()).containsOnlyKeys(Platform.SHOPIFY, Platform.RAKUTEN, Platform.YAHOO, Platform.AMAZON);
        stores.baseUrls().forEach((platform, url) -> {
            assertThat(url).startsWith("http://127.0.0.1:");
            SandboxHttp.Answer info = SandboxHttp.get(url + "/_sandbox", Map.of());
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.json().get("platform").asString()).isEqualTo(platform.name().toLowerCase());
        });
    }

    @Test
    void aChannelRegistersWithTheSandboxCredentialsAndItsEndpoint() {
        for (Platform p : new Platform[] { Platform.SHOPIFY, Platform.RAKUTEN, Platform.YAHOO, Platform.AMAZON }) {
            Map<String, String> credentials = stores.credentials(p);
            assertThat(credentials.get("endpoint")).isEqualTo(stores.baseUrl(p));
            SalesChannel channel = channels.register(new NewChannel(p, "sandbox-" + p.name().toLowerCase() + "-"
                    + System.nanoTime() % 100000, p.label() + " (sandbox)", credentials));
            assertThat(channel.credentialNames()).containsAll(credentials.keySet());
        }
    }
}
