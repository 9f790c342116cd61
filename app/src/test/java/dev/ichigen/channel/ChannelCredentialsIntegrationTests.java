package dev.ichigen.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.channel.credentials.ChannelCredentialStore;
import dev.ichigen.channel.credentials.CredentialVault;
import dev.ichigen.channel.credentials.Credentials;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Channel credentials are checked per platform, stored encrypted and never shown, logged or audited. */
@IchigenIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChannelCredentialsIntegrationTests {

    private static final String TOKEN = "shpat_0123456789abcdef_SECRET";
    private static final String WEBHOOK_SECRET = "whsec-TOP-SECRET-42";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelCredentialStore store;

    private static Map<String, Object> shopify(String name, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "shopify");
        body.put("name", name);
        body.put("credentials", Map.of("shopDomain", "ichigen-tea.myshopify.com", "accessToken", token,
                "webhookSecret", WEBHOOK_SECRET));
        return body;
    }

    @Test
    void credentialsAreEncryptedAtRestAndNeverReturnedLoggedOrAudited(CapturedOutput output) {
        Api api = Api.admin(port);
        Api.Response created = api.post("/api/v1/channels", shopify("Shopify 本店", TOKEN));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("credentialsStored").asBoolean()).isTrue();
        assertThat(created.json().get("credentialNames").toString()).contains("accessToken", "shopDomain", "webhookSecret");

        for (Api.Response r : List.of(created, api.get("/api/v1/channels/" + id), api.get("/api/v1/channels"),
                api.get("/api/v1/audit-log?size=50"), api.get("/v3/api-docs"))) {
            assertThat(r.text()).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);
        }
        String sealed = jdbc.sql("select credentials_sealed from sales_channel where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain(TOKEN).doesNotContain("shpat");
        String everything = jdbc.sql("select coalesce(string_agg(coalesce(summary, '') || coalesce(before_state, '') || coalesce(after_state, ''), ' '), '') from audit_log")
                .query(String.class).single();
        assertThat(everything).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);

        // the connector side gets the values back
        Credentials opened = store.credentials(id);
        assertThat(opened.require("accessToken")).isEqualTo(TOKEN);
        assertThat(opened.require("webhookSecret")).isEqualTo(WEBHOOK_SECRET);
        assertThat(opened.toString()).doesNotContain(TOKEN);

        // replaced as a whole; the audit entry names keys only
        Api.Response replaced = api.put("/api/v1/channels/" + id + "/credentials", Map.of("shopDomain",
                "ichigen-tea.myshopify.com", "accessToken", TOKEN + "-ROTATED", "webhookSecret", WEBHOOK_SECRET));
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.text()).doesNotContain(TOKEN);
        assertThat(store.credentials(id).require("accessToken")).isEqualTo(TOKEN + "-ROTATED");
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);

        Api.Response removed = api.put("/api/v1/channels/" + id + "/credentials", Map.of());
        assertThat(removed.json().get("credentialsStored").asBoolean()).isFalse();
        assertThat(store.credentials(id).isEmpty()).isTrue();
    }

    @Test
    void eachPlatformsRequiredCredentialsAreNamedWhenMissingOrWrong(CapturedOutput output) {
        Api api = Api.admin(port);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "rakuten");
        String name = "楽天市場店 " + System.nanoTime();
        body.put("name", name);
        body.put("credentials", Map.of("licenseKey", "SP-LICENSE-VALUE-77", "licenseKeyExpiresOn", "2026/13/01",
                "apiToken", "x"));
        Api.Response r = api.post("/api/v1/channels", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r.json())).contains("credentials.serviceSecret", "credentials.licenseKeyExpiresOn",
                "credentials.apiToken");
        assertThat(r.text()).doesNotContain("SP-LICENSE-VALUE-77");
        assertThat(output.getAll()).doesNotContain("SP-LICENSE-VALUE-77");
        assertThat(jdbc.sql("select count(*) from sales_channel where name = :n").param("n", name).query(Long.class).single())
                .as("nothing is written for a refused channel").isZero();

        Api.Response badDomain = api.post("/api/v1/channels", Map.of("platform", "shopify", "name", "x",
                "credentials", Map.of("shopDomain", "example.com", "accessToken", "t", "webhookSecret", "s")));
        assertThat(fields(badDomain.json())).containsExactly("credentials.shopDomain");

        String operator = api.post("/api/v1/tokens", Map.of("name", "ops-cred", "role", "OPERATOR")).json().get("secret").asString();
        long id = api.post("/api/v1/channels", Map.of("platform", "custom", "name", "自社サイト")).json().get("id").asLong();
        assertThat(api.withToken(operator).put("/api/v1/channels/" + id + "/credentials", Map.of("apiKey", "k")).status())
                .as("only an admin may change credentials").isEqualTo(403);
    }

    @Test
    void aSealedValueOpensOnlyWithItsKeyAndForItsChannel(@TempDir Path dir) throws Exception {
        CredentialVault vault = new TestVault("", dir.resolve("credentials.key"));
        Credentials secret = new Credentials(Map.of("apiKey", "K-123"));
        CredentialVault.Sealed sealed = vault.seal(secret, "channel a");
        assertThat(Files.readString(dir.resolve("credentials.key")).strip()).hasSize(44);
        assertThat(vault.open(sealed, "channel a")).isEqualTo(secret);
        assertThat(new TestVault("", dir.resolve("credentials.key")).open(sealed, "channel a"))
                .as("the key file is reused, not replaced").isEqualTo(secret);
        assertThatThrownBy(() -> vault.open(sealed, "channel b")).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("K-123");
        CredentialVault other = new TestVault(IchigenIntegrationTest.CREDENTIALS_KEY, dir.resolve("unused.key"));
        assertThatThrownBy(() -> other.open(sealed, "channel a")).hasMessageContaining("ICHIGEN_CREDENTIALS_KEY");
        assertThatThrownBy(() -> new TestVault("c2hvcnQ=", dir.resolve("x")).keyId()).hasMessageContaining("32 bytes");
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    /** The vault outside Spring, as another instance would build it. */
    static final class TestVault extends CredentialVault {
        TestVault(String key, Path file) {
            super(key, file);
        }
    }
}
