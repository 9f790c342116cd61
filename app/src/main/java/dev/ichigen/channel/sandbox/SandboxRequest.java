package dev.ichigen.channel.sandbox;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;

/**
 * One request to a sandbox store: method, path, query, headers (names lower-cased, as HTTP header names are
 * case-insensitive), the raw body, and the path variables of the matched route.
 */
public final class SandboxRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private Matcher route;

    SandboxRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = parseForm(rawQuery);
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        this.headers = lower;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's first value, any case of the name; {@code null} when absent. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public Map<String, List<String>> queryParameters() {
        return Collections.unmodifiableMap(query);
    }

    /** A path variable of the matched route (named group). */
    public String pathVariable(String name) {
        return route.group(name);
    }

    void route(Matcher matcher) {
        this.route = matcher;
    }

    /** The body parsed as JSON; a {@link SandboxException} (400) when it is not JSON. */
    public JsonNode json(SandboxResponse whenMalformed) {
        try {
            JsonNode node = SandboxServer.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new SandboxException(whenMalformed);
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new SandboxException(whenMalformed);
        }
    }

    /** The body as {@code application/x-www-form-urlencoded} parameters. */
    public Map<String, List<String>> form() {
        return parseForm(bodyText());
    }

    /** The body parsed as XML (no DTDs, no external entities); a {@link SandboxException} when it is not XML. */
    public Element xml(SandboxResponse whenMalformed) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new ByteArrayInputStream(body));
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new SandboxException(whenMalformed);
        }
    }

    /** Text of the first descendant element reached by a slash path ({@code Target/OrderId}); {@code null} when absent. */
    public static String xmlText(Element root, String path) {
        Element e = root;
        for (String part : path.split("/")) {
            e = child(e, part);
            if (e == null) {
                return null;
            }
        }
        return e.getTextContent().strip();
    }

    static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && el.getTagName().equals(name)) {
                return el;
            }
        }
        return null;
    }

    static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return map;
    }
}
