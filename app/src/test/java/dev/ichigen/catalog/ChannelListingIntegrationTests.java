package dev.ichigen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
class ChannelListingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ChannelListings listings;

    private long channel(Api api, String platform, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", platform);
        body.put("name", name);
        Api.Response r = api.post("/api/v1/channels", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("credentialsStored").asBoolean()).isFalse();
        return r.json().get("id").asLong();
    }

    private static void product(Api api, String sku, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "商品 " + sku, "price", 1000));
        body.putAll(extra);
        Api.Response r = api.put("/api/v1/products/" + sku, body);
        assertThat(r.status()).as(r.text()).isIn(200, 201);
    }

    @Test
    void registersChannelsByPlatformWithUniqueCodes() {
        Api api = Api.admin(port);
        long shopify = channel(api, "shopify", "Shopify 本店");
        long rakuten = channel(api, "RAKUTEN", "楽天市場店");
        JsonNode list = api.get("/api/v1/channels").json();
        assertThat(list.size()).isGreaterThanOrEqualTo(2);
        JsonNode one = api.get("/api/v1/channels/" + rakuten).json();
        assertThat(one.get("platform").asString()).isEqualTo("RAKUTEN");
        assertThat(one.get("code").asString()).startsWith("rakuten-");
        assertThat(shopify).isNotEqualTo(rakuten);

        assertThat(api.post("/api/v1/channels", Map.of("platform", "mercari", "name", "x")).status()).isEqualTo(422);
        Api.Response duplicate = api.post("/api/v1/channels", Map.of("platform", "custom", "name", "自社", "code", "own-site"));
        assertThat(duplicate.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/channels", Map.of("platform", "custom", "name", "自社2", "code", "own-site")).status()).isEqualTo(409);

        String secret = api.post("/api/v1/tokens", Map.of("name", "ops", "role", "OPERATOR")).json().get("secret").asString();
        assertThat(api.withToken(secret).post("/api/v1/channels", Map.of("platform", "yahoo", "name", "Yahoo店")).status())
                .isEqualTo(403);
        assertThat(api.withToken(secret).get("/api/v1/channels").status()).isEqualTo(200);
    }

    @Test
    void manyChannelItemsMapToOneSku() {
        Api api = Api.admin(port);
        long shopify = channel(api, "shopify", "Shopify");
        long rakuten = channel(api, "rakuten", "楽天");
        long amazon = channel(api, "amazon", "Amazon");
        long yahoo = channel(api, "yahoo", "Yahoo!");
        product(api, "TS", Map.of("kind", "PARENT", "variationAxes", List.of("カラー", "サイズ")));
        product(api, "TS-NV-M", Map.of("parentSku", "TS", "variationValues", List.of("ネイビー", "M")));

        assertThat(api.put("/api/v1/channels/" + shopify + "/listings", Map.of("itemCode", "44332211009988", "sku", "TS-NV-M")).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/channels/" + rakuten + "/listings", Map.of("itemCode", "tshirt-001", "subCode", "navy-m", "sku", "TS-NV-M")).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/channels/" + yahoo + "/listings", Map.of("itemCode", "tshirt001", "subCode", "nv-m", "sku", "TS-NV-M")).status()).isEqualTo(200);
        Api.Response asin = api.put("/api/v1/channels/" + amazon + "/listings",
                Map.of("itemCode", "TS-NV-M-FBA", "sku", "TS-NV-M", "externalRef", "B0EXAMPLE1"));
        assertThat(asin.json().get("externalRef").asString()).isEqualTo("B0EXAMPLE1");
        assertThat(asin.json().get("subCode").asString()).isEmpty();
        // a second Rakuten item (e.g. a campaign page) for the same goods
        api.put("/api/v1/channels/" + rakuten + "/listings", Map.of("itemCode", "tshirt-sale", "subCode", "navy-m", "sku", "TS-NV-M"));

        JsonNode bySku = api.get("/api/v1/products/TS-NV-M/listings").json();
        assertThat(bySku.size()).isEqualTo(5);
        assertThat(api.get("/api/v1/channels/" + rakuten + "/listings").json().get("total").asLong()).isEqualTo(2);

        assertThat(listings.resolve(rakuten, "tshirt-001", "navy-m", "order 1")).contains(Sku.of("TS-NV-M"));
        assertThat(listings.resolve(rakuten, "tshirt-001", "navy-l", "order 1")).isEmpty();
        assertThat(listings.resolve(shopify, "44332211009988", null, "order 2")).contains(Sku.of("TS-NV-M"));

        assertThat(ProductApiIntegrationTests.errors(api.put("/api/v1/channels/" + rakuten + "/listings",
                Map.of("itemCode", "tshirt-001", "sku", "TS")))).containsKey("sku");
        assertThat(ProductApiIntegrationTests.errors(api.put("/api/v1/channels/" + rakuten + "/listings",
                Map.of("itemCode", "tshirt-001", "sku", "NO-SUCH")))).containsKey("sku");
        assertThat(ProductApiIntegrationTests.errors(api.put("/api/v1/channels/" + rakuten + "/listings",
                Map.of("itemCode", " ", "sku", "TS-NV-M")))).containsKey("itemCode");
        assertThat(api.put("/api/v1/channels/999999/listings", Map.of("itemCode", "x", "sku", "TS-NV-M")).status()).isEqualTo(404);

        assertThat(api.delete("/api/v1/channels/" + rakuten + "/listings?itemCode=tshirt-sale&subCode=navy-m").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/products/TS-NV-M/listings").json().size()).isEqualTo(4);
    }

    @Test
    void anUnmappedItemIsRecordedListedAndResolvedByMappingIt() {
        Api api = Api.admin(port);
        long rakuten = channel(api, "rakuten", "楽天 未紐付け");
        product(api, "MUG-1", Map.of());

        assertThat(listings.resolve(rakuten, "mug-001", "white", "受注 123-001")).isEmpty();
        assertThat(listings.resolve(rakuten, "mug-001", "white", "受注 123-002")).isEmpty();
        assertThat(listings.resolve(rakuten, "mug-002", "", "在庫同期")).isEmpty();

        JsonNode open = api.get("/api/v1/unmapped-items?channelId=" + rakuten).json();
        assertThat(open.get("total").asLong()).isEqualTo(2);
        JsonNode mug = null;
        for (JsonNode item : open.get("items")) {
            if (item.get("itemCode").asString().equals("mug-001")) {
                mug = item;
            }
        }
        assertThat(mug).isNotNull();
        assertThat(mug.get("subCode").asString()).isEqualTo("white");
        assertThat(mug.get("occurrences").asLong()).isEqualTo(2);
        assertThat(mug.get("lastContext").asString()).isEqualTo("受注 123-002");
        assertThat(mug.get("firstSeenAt").isNull()).isFalse();

        Api.Response mapped = api.put("/api/v1/channels/" + rakuten + "/listings",
                Map.of("itemCode", "mug-001", "subCode", "white", "sku", "MUG-1"));
        assertThat(mapped.status()).isEqualTo(200);
        JsonNode after = api.get("/api/v1/unmapped-items?channelId=" + rakuten).json();
        assertThat(after.get("total").asLong()).isEqualTo(1);
        assertThat(after.get("items").get(0).get("itemCode").asString()).isEqualTo("mug-002");
        assertThat(listings.resolve(rakuten, "mug-001", "white", "受注 123-003")).contains(Sku.of("MUG-1"));
        assertThat(api.get("/api/v1/unmapped-items").json().get("total").asLong()).isGreaterThanOrEqualTo(1);

        // unmapped again later: it comes back as an open problem
        assertThat(api.delete("/api/v1/channels/" + rakuten + "/listings?itemCode=mug-001&subCode=white").status()).isEqualTo(204);
        assertThat(listings.resolve(rakuten, "mug-001", "white", "受注 123-004")).isEmpty();
        assertThat(api.get("/api/v1/unmapped-items?channelId=" + rakuten).json().get("total").asLong()).isEqualTo(2);
    }
}
