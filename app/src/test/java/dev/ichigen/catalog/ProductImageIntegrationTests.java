package dev.ichigen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
class ProductImageIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void imagesAreUploadedServedWithCachingHeadersReorderedAndDeleted() throws Exception {
        Api api = Api.admin(port);
        api.put("/api/v1/products/IMG-1", Map.of("name", "画像テスト", "price", 100));
        byte[] png = image("png");
        byte[] jpeg = image("jpg");

        Api.Response first = upload(api, "/api/v1/products/IMG-1/images", "商品写真.png", "application/octet-stream", png);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode pngJson = first.json();
        assertThat(pngJson.get("contentType").asString()).isEqualTo("image/png");
        assertThat(pngJson.get("sha256").asString()).isEqualTo(sha256(png));
        assertThat(pngJson.get("position").asInt()).isEqualTo(1);
        assertThat(pngJson.get("fileName").asString()).isEqualTo("商品写真.png");
        JsonNode jpegJson = upload(api, "/api/v1/products/IMG-1/images", "C:\\photos\\b.jpg", "image/png", jpeg).json();
        assertThat(jpegJson.get("contentType").asString()).as("the bytes decide, not the declared type").isEqualTo("image/jpeg");
        assertThat(jpegJson.get("fileName").asString()).isEqualTo("b.jpg");
        assertThat(jpegJson.get("position").asInt()).isEqualTo(2);

        Api.Response served = api.send(api.builder(pngJson.get("url").asString()).GET());
        HttpResponseHeaders headers = headers(api, pngJson.get("url").asString(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).isEqualTo("image/png");
        assertThat(served.bytes()).isEqualTo(png);
        assertThat(headers.etag).isEqualTo("\"" + sha256(png) + "\"");
        assertThat(headers.cacheControl).contains("private").contains("max-age=31536000");
        assertThat(headers(api, pngJson.get("url").asString(), headers.etag).status).isEqualTo(304);

        long pngId = pngJson.get("id").asLong();
        long jpegId = jpegJson.get("id").asLong();
        JsonNode reordered = api.put("/api/v1/products/IMG-1/images/order", Map.of("ids", List.of(jpegId, pngId))).json();
        assertThat(reordered.get(0).get("id").asLong()).isEqualTo(jpegId);
        assertThat(reordered.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(api.put("/api/v1/products/IMG-1/images/order", Map.of("ids", List.of(jpegId))).status()).isEqualTo(422);

        assertThat(api.delete("/api/v1/products/IMG-1/images/" + jpegId).status()).isEqualTo(204);
        JsonNode rest = api.get("/api/v1/products/IMG-1/images").json();
        assertThat(rest.size()).isEqualTo(1);
        assertThat(rest.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/products/IMG-1/images/" + jpegId).status()).isEqualTo(404);
    }

    @Test
    void onlyRealImagesUpToTenMegabytesAreAccepted() throws Exception {
        Api api = Api.admin(port);
        api.put("/api/v1/products/IMG-2", Map.of("name", "画像テスト2", "price", 100));
        Api.Response text = upload(api, "/api/v1/products/IMG-2/images", "fake.jpg", "image/jpeg",
                "not an image".getBytes(StandardCharsets.UTF_8));
        assertThat(ProductApiIntegrationTests.errors(text)).containsKey("file");

        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        assertThat(ProductApiIntegrationTests.errors(upload(api, "/api/v1/products/IMG-2/images", "big.jpg", "image/jpeg", huge)))
                .containsKey("file");

        byte[] gif = image("gif");
        assertThat(upload(api, "/api/v1/products/IMG-2/images", "a.gif", "image/gif", gif).json().get("contentType").asString())
                .isEqualTo("image/gif");
        byte[] webp = new byte[32];
        System.arraycopy("RIFF\u0018\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 0, webp, 0, 16);
        assertThat(upload(api, "/api/v1/products/IMG-2/images", "a.webp", "image/webp", webp).json().get("contentType").asString())
                .isEqualTo("image/webp");
        assertThat(upload(api, "/api/v1/products/NO-SUCH/images", "a.gif", "image/gif", gif).status()).isEqualTo(404);

        String secret = api.post("/api/v1/tokens", Map.of("name", "wh", "role", "WAREHOUSE")).json().get("secret").asString();
        Api warehouse = api.withToken(secret);
        assertThat(upload(warehouse, "/api/v1/products/IMG-2/images", "a.gif", "image/gif", gif).status()).isEqualTo(403);
        assertThat(warehouse.get("/api/v1/products/IMG-2/images").json().size()).isEqualTo(2);
    }

    static Api.Response upload(Api api, String path, String fileName, String contentType, byte[] data) {
        String boundary = "----ichigen" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    record HttpResponseHeaders(int status, String etag, String cacheControl) {
    }

    private static HttpResponseHeaders headers(Api api, String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = api.builder(path).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        var response = java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        return new HttpResponseHeaders(response.statusCode(), response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Cache-Control").orElse(""));
    }

    static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
