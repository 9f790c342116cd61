package dev.ichigen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

@IchigenIntegrationTest
class PlatformIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Test
    void healthIsOpenButTheApiNeedsAToken() {
        Api anonymous = new Api(port, null);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        Api.Response me = anonymous.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(new Api(port, "wrong-token-value-xyz").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
    }

    @Test
    void bootstrapTokenIsAnAdminToken() {
        Api.Response me = Api.admin(port).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("ADMIN");
    }

    @Test
    void issuedTokensCarryTheirRoleAndAreAudited() {
        Api admin = Api.admin(port);
        Api.Response issued = admin.post("/api/v1/tokens", Map.of("name", "warehouse-scanner", "role", "WAREHOUSE"));
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();

        Api warehouse = admin.withToken(secret);
        assertThat(warehouse.get("/api/v1/me").json().get("name").asString()).isEqualTo("token:warehouse-scanner");
        assertThat(warehouse.post("/api/v1/tokens", Map.of("name", "x", "role", "ADMIN")).status()).isEqualTo(403);
        assertThat(warehouse.get("/api/v1/audit-log").status()).isEqualTo(403);

        var entries = audit.search("api_token", null, null, 0, 50).items();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("token.issue");
            assertThat(e.actor()).isEqualTo("token:bootstrap");
            assertThat(e.afterState()).contains("warehouse-scanner").doesNotContain(secret);
        });
    }

    @Test
    void openApiDescriptionIsServedToAuthenticatedCallers() {
        Api.Response docs = Api.admin(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/me")).isTrue();
    }
}
