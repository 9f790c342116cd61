package dev.ichigen.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.ichigen.platform.Role;
import dev.ichigen.support.IchigenIntegrationTest;

/**
 * Hostile-input sweep over every endpoint the application maps (issue 6: "every endpoint requires authentication
 * except health and verified webhooks; roles enforced"). The endpoints are read from Spring MVC's own mapping, so
 * an endpoint added later is covered without touching this test.
 */
@IchigenIntegrationTest
class EndpointSecurityIntegrationTests {

    /** Reachable without a login: the login page and the error page. Health is an actuator endpoint, not mapped here. */
    private static final Set<String> PUBLIC_CONSOLE = Set.of("/login", "/error");

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApplicationContext context;

    record Endpoint(String method, String path, HandlerMethod handler) {
        boolean api() {
            return path.startsWith("/api/");
        }

        boolean changes() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void withoutCredentialsEveryEndpointIsRefusedExceptTheLoginAndTheSignatureVerifiedWebhooks() throws Exception {
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : endpoints()) {
            if (PUBLIC_CONSOLE.contains(e.path())) {
                continue;
            }
            String path = e.path().replaceAll("\\{[^}]*}", "1");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(e.method(), e.changes() ? HttpRequest.BodyPublishers.ofString("{}")
                            : HttpRequest.BodyPublishers.noBody());
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            checked++;
            int status = r.statusCode();
            boolean refused;
            if (path.startsWith("/api/v1/webhooks/")) {
                // no bearer token by design: each is verified by its platform's signature, which is missing here
                refused = status == 401 || status == 404 || status == 400;
            } else if (e.api()) {
                refused = status == 401;
            } else {
                // console: a page sends the visitor to the login; a change without the CSRF token is 403
                refused = (status == 302 && r.headers().firstValue("Location").orElse("").endsWith("/login"))
                        || (e.changes() && status == 403);
            }
            if (!refused) {
                open.add(e + " → " + status);
            }
        }
        assertThat(checked).as("endpoints checked").isGreaterThan(100);
        assertThat(open).as("endpoints that answered without credentials").isEmpty();
    }

    @Test
    void everyEndpointThatChangesSomethingDeclaresTheRolesAllowedToCallIt() {
        List<String> undeclared = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.changes() && !PUBLIC_CONSOLE.contains(e.path()) && !e.path().startsWith("/api/v1/webhooks/")
                    && preAuthorize(e.handler()) == null) {
                undeclared.add(e.toString());
            }
        }
        assertThat(undeclared).as("changing endpoints without @PreAuthorize").isEmpty();
    }

    /**
     * Calls every changing handler as a WAREHOUSE user, straight through its (security-proxied) bean with empty
     * arguments: where the declared roles leave WAREHOUSE out, the call must be refused before the handler runs.
     */
    @Test
    void aWarehouseUserCannotChangeRulesChannelsCredentialsUsersTokensOrAnythingNotDeclaredForWarehouse() throws Exception {
        Set<String> refused = new TreeSet<>();
        List<String> notRefused = new ArrayList<>();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "warehouse-user", "n/a", List.of(new SimpleGrantedAuthority(Role.WAREHOUSE.authority()))));
        try {
            for (Endpoint e : endpoints()) {
                String rule = e.changes() ? preAuthorize(e.handler()) : null;
                if (rule == null || rule.contains(Role.WAREHOUSE.name()) || rule.contains("isAuthenticated()")) {
                    continue;
                }
                Object bean = context.getBean((String) e.handler().getBean());
                // the handler's own method, called on the proxy: package-private handlers must be intercepted too
                Method method = e.handler().getMethod();
                method.setAccessible(true);
                try {
                    method.invoke(bean, defaults(method.getParameterTypes()));
                    notRefused.add(e.toString());
                } catch (InvocationTargetException ex) {
                    if (ex.getCause() instanceof AccessDeniedException) {
                        refused.add(e.toString());
                    } else {
                        notRefused.add(e + " (" + ex.getCause() + ")");
                    }
                }
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(notRefused).as("handlers a WAREHOUSE user reached").isEmpty();
        // the examples, named so that a change of policy shows here
        assertThat(refused).anyMatch(s -> s.startsWith("POST /api/v1/order-rules"))
                .anyMatch(s -> s.startsWith("POST /api/v1/channels"))
                .anyMatch(s -> s.contains("/credentials"))
                .anyMatch(s -> s.startsWith("POST /api/v1/tokens"))
                .anyMatch(s -> s.startsWith("POST /settings/users"));
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                if (path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")) {
                    continue; // springdoc: covered by the API chain (/v3/api-docs needs a token), checked below
                }
                if (methods.isEmpty()) {
                    all.add(new Endpoint("GET", path, entry.getValue()));
                } else {
                    for (RequestMethod m : methods) {
                        all.add(new Endpoint(m.name(), path, entry.getValue()));
                    }
                }
            }
        }
        return all;
    }

    private static String preAuthorize(HandlerMethod handler) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        PreAuthorize onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        return onClass == null ? null : onClass.value();
    }

    private static Object[] defaults(Class<?>[] types) {
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == long.class) {
                args[i] = 1L;
            } else if (t == int.class) {
                args[i] = 1;
            } else if (t == boolean.class) {
                args[i] = false;
            } else if (t == double.class) {
                args[i] = 1d;
            } else if (t.isPrimitive()) {
                throw new IllegalStateException("no default for " + t);
            }
        }
        return args;
    }
}
