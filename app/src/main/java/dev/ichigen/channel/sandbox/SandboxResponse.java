package dev.ichigen.channel.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sandbox store answers: status, headers and body bytes. */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body) {

    public static SandboxResponse json(int status, Object value) {
        return new SandboxResponse(status, headers("application/json; charset=utf-8"),
                SandboxServer.JSON.writeValueAsBytes(value));
    }

    public static SandboxResponse xml(int status, String xml) {
        return new SandboxResponse(status, headers("application/xml; charset=utf-8"), xml.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse text(int status, String text) {
        return new SandboxResponse(status, headers("text/plain; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    /** The same answer with one more header. */
    public SandboxResponse with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new SandboxResponse(status, h, body);
    }

    /** The same answer with its body cut in half: a malformed (truncated) JSON or XML document. */
    SandboxResponse truncated() {
        int keep = Math.max(1, body.length / 2);
        byte[] cut = java.util.Arrays.copyOf(body, Math.min(keep, body.length));
        return new SandboxResponse(status == 204 ? 200 : status, headers, cut);
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        return h;
    }
}
