package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ichigen.channel.sandbox.SandboxHttp.Answer;

class SandboxFaultsTests {

    RakutenSandbox rms;
    String search;
    Map<String, String> auth;
    Map<String, Object> body;

    @BeforeEach
    void start() {
        rms = RakutenSandbox.withDefaults(0, 1);
        rms.start();
        search = rms.baseUrl() + "/es/2.0/order/searchOrder/";
        Map<String, String> c = rms.credentials();
        auth = Map.of("Authorization", "ESA " + Base64.getEncoder().encodeToString((c.get("serviceSecret") + ":"
                + c.get("licenseKey")).getBytes(StandardCharsets.UTF_8)));
        String now = java.time.OffsetDateTime.now(SandboxServer.TOKYO).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ssZ"));
        String start = java.time.OffsetDateTime.now(SandboxServer.TOKYO).minusDays(1).format(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ"));
        body = Map.of("dateType", 1, "startDatetime", start, "endDatetime", now);
    }

    @AfterEach
    void stop() {
        rms.stop();
    }

    private Answer postAdmin(String path, Object json) {
        return SandboxHttp.postJson(rms.baseUrl() + "/_sandbox" + path, Map.of(), json);
    }

    @Test
    void theNextNCallsAreRateLimitedWithRetryAfterThenAnswersAreNormal() {
        Answer rule = postAdmin("/faults", Map.of("endpoint", "searchOrder", "kind", "429", "count", 2, "retryAfterSeconds", 3));
        assertThat(rule.status()).isEqualTo(201);
        Answer first = SandboxHttp.postJson(search, auth, body);
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("3");
        assertThat(SandboxHttp.postJson(search, auth, body).status()).isEqualTo(429);
        assertThat(SandboxHttp.postJson(search, auth, body).status()).isEqualTo(200);
        assertThat(rms.calls()).extracting(SandboxCall::status).containsExactly(429, 429, 200);
        assertThat(rms.calls()).extracting(SandboxCall::fault).containsExactly("RATE_LIMITED", "RATE_LIMITED", null);
        assertThat(rms.calls()).extracting(SandboxCall::endpoint).containsOnly("searchOrder");
    }

    @Test
    void aFractionOfCallsFailsTheSameWayForTheSameSeed() {
        List<Integer> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            rms.faults().clear();
            postAdmin("/faults", Map.of("endpoint", "POST /es/2\\.0/order/", "kind", "503", "fraction", 0.5, "seed", 42));
            StringBuilder statuses = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                statuses.append(SandboxHttp.postJson(search, auth, body).status()).append(',');
            }
            runs.add(statuses.toString().hashCode());
            assertThat(statuses.toString()).contains("503").contains("200");
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void serverErrorsSlowAnswersAndTruncatedBodiesOnRequest() {
        postAdmin("/faults", Map.of("endpoint", "searchOrder", "kind", "500", "count", 1));
        Answer error = SandboxHttp.postJson(search, auth, body);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.json().get("Results").has("errorCode")).isTrue();

        postAdmin("/faults", Map.of("endpoint", "searchOrder", "kind", "slow", "count", 1, "delayMs", 300));
        long started = System.nanoTime();
        assertThat(SandboxHttp.postJson(search, auth, body).status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);

        postAdmin("/faults", Map.of("endpoint", "searchOrder", "kind", "malformed", "count", 1));
        Answer cut = SandboxHttp.postJson(search, auth, body);
        assertThat(cut.status()).isEqualTo(200);
        assertThatThrownBy(cut::json).isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThat(SandboxHttp.postJson(search, auth, body).json().has("orderNumberList")).isTrue();
        assertThat(SandboxHttp.get(rms.baseUrl() + "/_sandbox/faults", Map.of()).json().get("faults")).hasSize(3);
    }

    @Test
    void theAdminApiSeedsGeneratesReadsAndResetsWithoutPlatformAuth() {
        assertThat(postAdmin("/listings", Map.of("listings", List.of(Map.of("code", "tea", "subCode", "", "title", "煎茶",
                "price", 1080, "quantity", 10)))).status()).isEqualTo(200);
        Answer placed = postAdmin("/orders", Map.of("lines", List.of(Map.of("code", "tea", "quantity", 4))));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(postAdmin("/orders", Map.of("lines", List.of(Map.of("code", "tea", "quantity", 7)))).status()).isEqualTo(409);
        assertThat(postAdmin("/orders/generate", Map.of("count", 3)).status()).isEqualTo(201);
        int stock = SandboxHttp.get(rms.baseUrl() + "/_sandbox/stock", Map.of()).json().get("listings").get(0).get("quantity").asInt();
        int sold = 0;
        for (var o : SandboxHttp.get(rms.baseUrl() + "/_sandbox/orders", Map.of()).json().get("orders")) {
            sold += o.get("lines").get(0).get("quantity").asInt();
        }
        assertThat(stock + sold).isEqualTo(10);
        SandboxHttp.postJson(search, auth, body);
        assertThat(SandboxHttp.get(rms.baseUrl() + "/_sandbox/calls", Map.of()).json().get("counts").get("searchOrder").asInt())
                .isEqualTo(1);
        assertThat(SandboxHttp.send("PUT", rms.baseUrl() + "/_sandbox/stock", Map.of(), "application/json",
                "{\"code\":\"tea\",\"quantity\":50}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(rms.stock("tea", "")).contains(50);
        int before = rms.orders().size();
        Answer planned = postAdmin("/orders/generate", Map.of("ratePerSecond", 50, "durationSeconds", 0.2));
        assertThat(planned.status()).isEqualTo(202);
        assertThat(planned.json().get("planned").asInt()).isEqualTo(10);
        long until = System.nanoTime() + 10_000_000_000L;
        while (rms.orders().size() < before + 10 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(rms.orders()).hasSize(before + 10);
        assertThat(postAdmin("/reset", Map.of()).status()).isEqualTo(204);
        assertThat(rms.listings()).isEmpty();
        assertThat(rms.orders()).isEmpty();
        assertThat(rms.calls()).isEmpty();
    }
}
