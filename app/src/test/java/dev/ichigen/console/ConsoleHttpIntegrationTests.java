package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;

/** The console over plain HTTP: what a browser test cannot see well (redirects, headers, API untouched). */
@IchigenIntegrationTest
class ConsoleHttpIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void consolePagesNeedALoginAndSendAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> users = get("/settings/users", "text/html");
        assertThat(users.statusCode()).isEqualTo(302);
        assertThat(users.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> login = get("/login", "text/html");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval"));
        assertThat(login.body()).contains("<meta name=\"_csrf\"", "<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\"",
                "/js/console.js").doesNotContain("<script>");
    }

    @Test
    void theLanguageCookieIsSetByLangAndOnlyForJapaneseOrEnglish() throws Exception {
        HttpResponse<String> english = get("/login?lang=en", "text/html");
        assertThat(english.body()).contains("<html lang=\"en\"", "Log in");
        assertThat(english.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(ConsoleWebConfiguration.LANGUAGE_COOKIE + "=en").contains("HttpOnly"));

        HttpResponse<String> other = get("/login?lang=fr", "text/html");
        assertThat(other.body()).contains("<html lang=\"ja\"", "ログイン");
    }

    @Test
    void apiErrorsStayJsonAndAreNotTurnedIntoConsolePages() {
        Api.Response missing = Api.admin(port).get("/api/v1/no-such-resource");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).as(missing.text()).contains("json");
        assertThat(missing.text()).doesNotContain("<html");

        Api.Response forbidden = new Api(port, null).get("/api/v1/me");
        assertThat(forbidden.status()).isEqualTo(401);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
    }

    @Test
    void staticConsoleAssetsAreServedWithoutALogin() throws Exception {
        assertThat(get("/js/console.js", "*/*").statusCode()).isEqualTo(200);
        assertThat(get("/css/console.css", "*/*").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/htmx.org/dist/htmx.min.js", "*/*").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/bootstrap/dist/css/bootstrap.min.css", "*/*").statusCode()).isEqualTo(200);
    }
}
