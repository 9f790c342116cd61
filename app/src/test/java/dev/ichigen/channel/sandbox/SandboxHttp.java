package dev.ichigen.channel.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Real HTTP calls to a sandbox store in tests, and the reference payloads of ../shared/reference as fixtures. */
final class SandboxHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, byte[] bytes, HttpResponse<byte[]> raw) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(bytes);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private SandboxHttp() {
    }

    static Answer send(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer get(String url, Map<String, String> headers) {
        return send("GET", url, headers, null, null);
    }

    static Answer postJson(String url, Map<String, String> headers, Object body) {
        return send("POST", url, headers, "application/json", body instanceof byte[] b ? b
                : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body));
    }

    static Answer postForm(String url, Map<String, String> headers, String form) {
        return send("POST", url, headers, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    static Answer postXml(String url, Map<String, String> headers, String xml) {
        return send("POST", url, headers, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A file of the shared reference: the copy under {@code src/test/resources/reference/} (so a clean clone
     * runs alone), else ../shared/reference beside the repository.
     */
    static Path reference(String relative) {
        java.net.URL copy = SandboxHttp.class.getResource("/reference/" + relative);
        if (copy != null && "file".equals(copy.getProtocol())) {
            try {
                return Path.of(copy.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("reference").resolve(relative);
            if (Files.exists(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("reference file not found: " + relative + " (expected ../shared/reference)");
    }

    static String referenceText(String relative) {
        try {
            return Files.readString(reference(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode referenceJson(String relative) {
        return (ObjectNode) JSON.readTree(referenceText(relative));
    }
}
