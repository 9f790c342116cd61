package dev.ichigen.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.channel.ChannelCall;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.sandbox.SandboxFaults;
import dev.ichigen.channel.sandbox.ShopifySandbox;
import dev.ichigen.support.IchigenIntegrationTest;

/** Timeouts, Retry-After, refused connections and the no-transaction rule of the HTTP layer, against a sandbox store. */
@IchigenIntegrationTest
class ChannelHttpIntegrationTests {

    @Autowired
    CallLog calls;

    @Autowired
    ChannelManagement channels;

    @Autowired
    PlatformTransactionManager transactions;

    ShopifySandbox shop;
    ChannelHttp http;
    long channelId;

    @BeforeEach
    void start() {
        shop = (ShopifySandbox) ShopifySandbox.withDefaults(0, 3).start();
        shop.rateLimits(false);
        channelId = channels.register(new NewChannel(Platform.CUSTOM, "http-" + UUID.randomUUID().toString().substring(0, 8),
                "HTTP test")).id();
        // a short read timeout and fast backoff for the test; Retry-After of up to 3 s is honoured
        http = new ChannelHttp(calls, Duration.ofSeconds(1), Duration.ofMillis(400), 3, Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        shop.stop();
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        shop.faults().add("orders/count", SandboxFaults.Kind.SLOW, 1, 0, 1, 1500, 0);
        assertThat(count()).isEqualTo(1L);
        assertThat(latest(2)).extracting(ChannelCall::outcome).containsExactly("OK", "RETRY");
        assertThat(latest(2).get(1).cause()).isEqualTo(FailureCause.UNREACHABLE);
        assertThat(latest(2).get(1).error()).contains("Timeout");
    }

    @Test
    void retryAfterIsHonoured() {
        shop.faults().add("orders/count", SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 2);
        long started = System.nanoTime();
        count();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(latest(2).get(1).cause()).isEqualTo(FailureCause.RATE_LIMITED);
        assertThat(latest(2).get(1).httpStatus()).isEqualTo(429);
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnceForTheCallerToRescheduleAndServerErrorsGiveUpAfterTheAttempts() {
        shop.faults().add("orders/count", SandboxFaults.Kind.RATE_LIMITED, 1, 0, 1, 0, 60);
        assertThatThrownBy(this::count).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.failureCause()).isEqualTo(FailureCause.RATE_LIMITED));
        assertThat(latest(1).getFirst().outcome()).isEqualTo("FAILED");

        shop.faults().add("orders/count", SandboxFaults.Kind.UNAVAILABLE, 3, 0, 1, 0, 0);
        assertThatThrownBy(this::count).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.failureCause()).isEqualTo(FailureCause.SERVER_ERROR));
        assertThat(latest(3)).extracting(ChannelCall::outcome).containsExactly("FAILED", "RETRY", "RETRY");
        assertThat(latest(3)).extracting(ChannelCall::httpStatus).containsOnly(503);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/admin/api/2025-07/orders/count.json";
        assertThatThrownBy(() -> http.call(request(url), a -> a.status())).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.failureCause()).isEqualTo(FailureCause.UNREACHABLE));
        assertThat(calls.facts(channelId).lastFailureCause()).isEqualTo(FailureCause.UNREACHABLE);
    }

    @Test
    void refusesToCallOutInsideADatabaseTransaction() {
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> count()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a database transaction");
    }

    private long count() {
        return http.call(request(shop.baseUrl() + "/admin/api/2025-07/orders/count.json"), a -> {
            if (!a.text().contains("count")) {
                throw new ConnectorException(FailureCause.MALFORMED_RESPONSE, "no count");
            }
            return 1L;
        });
    }

    private ChannelHttp.Request request(String url) {
        return new ChannelHttp.Request(channelId, "orders.count", HttpMethod.GET, url,
                Map.of("X-Shopify-Access-Token", shop.credentials().get("accessToken")), null, new RateLimiter(10, 10));
    }

    private List<ChannelCall> latest(int n) {
        return calls.latest(channelId, n);
    }
}
