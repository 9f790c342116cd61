package dev.ichigen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.ichigen.platform.AuditEntry;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.Sku;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
class ProductApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    ProductCatalog catalog;

    @Autowired
    ChangedProducts changed;

    /** Collects ProductChanged events as published (synchronously, in the request's transaction). */
    static class ChangedProducts {
        final List<Sku> skus = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ProductChanged event) {
            skus.add(event.sku());
        }
    }

    @TestConfiguration
    static class Events {
        @Bean
        ChangedProducts changedProducts() {
            return new ChangedProducts();
        }
    }

    static Map<String, Object> product(String name, long price) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("price", price);
        return body;
    }

    @Test
    void createsReplacesAndReadsAProduct() {
        Api api = Api.admin(port);
        Map<String, Object> body = product("ｵｰｶﾞﾆｯｸ 緑茶 100g", 1080);
        body.put("jan", "4901234567894");
        body.put("nameKana", "ｵｰｶﾞﾆｯｸﾘｮｸﾁｬ");
        body.put("brand", "一元茶園");
        body.put("category", "食品>飲料>お茶");
        body.put("taxRate", "REDUCED_8");
        body.put("costPrice", 400);
        body.put("saleStartsAt", "2025-04-01T10:00:00+09:00");
        body.put("saleEndsAt", "2025/12/31 23:59");
        body.put("weightGrams", 120);
        body.put("temperatureZone", "冷蔵");
        body.put("lotManaged", true);

        Api.Response created = api.put("/api/v1/products/TEA-001", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.get("sku").asString()).isEqualTo("TEA-001");
        assertThat(json.get("kind").asString()).isEqualTo("SIMPLE");
        assertThat(json.get("name").asString()).isEqualTo("オーガニック 緑茶 100g");
        assertThat(json.get("nameKana").asString()).isEqualTo("オーガニックリョクチャ");
        assertThat(json.get("taxRate").asString()).isEqualTo("REDUCED_8");
        assertThat(json.get("priceIncludesTax").asBoolean()).isTrue();
        assertThat(json.get("temperatureZone").asString()).isEqualTo("CHILLED");
        assertThat(json.get("saleStartsAt").asString()).isEqualTo("2025-04-01T01:00:00Z");
        assertThat(json.get("saleEndsAt").asString()).isEqualTo("2025-12-31T14:59:00Z");
        assertThat(json.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json.get("version").asLong()).isEqualTo(1);

        body.put("price", 1200);
        Api.Response replaced = api.put("/api/v1/products/TEA-001", body);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("price").asLong()).isEqualTo(1200);
        assertThat(replaced.json().get("version").asLong()).isEqualTo(2);

        Api.Response same = api.put("/api/v1/products/TEA-001", body);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("version").asLong()).as("unchanged save writes nothing").isEqualTo(2);

        Api.Response read = api.get("/api/v1/products/TEA-001");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("jan").asString()).isEqualTo("4901234567894");
        assertThat(read.json().get("costPrice").asLong()).isEqualTo(400);
        assertThat(api.get("/api/v1/products/NOPE-1").status()).isEqualTo(404);
        assertThat(catalog.item(Sku.of("TEA-001"))).hasValueSatisfying(i -> assertThat(i.lotManaged()).isTrue());
    }

    @Test
    void replaceWithAStaleVersionIsAConflict() {
        Api api = Api.admin(port);
        api.put("/api/v1/products/VER-1", product("版", 100));
        Map<String, Object> body = product("版2", 100);
        body.put("version", 7);
        assertThat(api.put("/api/v1/products/VER-1", body).status()).isEqualTo(409);
        body.put("version", 1);
        assertThat(api.put("/api/v1/products/VER-1", body).status()).isEqualTo(200);
    }

    @Test
    void refusesInvalidJanCheckDigit() {
        Map<String, Object> body = product("JAN違い", 100);
        body.put("jan", "4901234567890");
        Api.Response r = Api.admin(port).put("/api/v1/products/JAN-BAD", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(errors(r)).containsEntry("jan", "チェックデジットが正しくありません（4901234567890 の末尾は 4 のはずです）");
        assertThat(Api.admin(port).get("/api/v1/products/JAN-BAD").status()).isEqualTo(404);
    }

    @Test
    void validationProblemsNameEachJsonField() {
        Map<String, Object> body = new HashMap<>();
        body.put("price", -1);
        body.put("saleStartsAt", "2025-05-01T00:00:00+09:00");
        body.put("saleEndsAt", "2025-04-01T00:00:00+09:00");
        body.put("temperatureZone", "HOT");
        Api.Response r = Api.admin(port).put("/api/v1/products/BAD-1", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(errors(r)).containsOnlyKeys("temperatureZone");

        body.remove("temperatureZone");
        r = Api.admin(port).put("/api/v1/products/BAD-1", body);
        assertThat(errors(r)).containsOnlyKeys("name", "price", "saleEndsAt");

        Api.Response typed = Api.admin(port).put("/api/v1/products/BAD-1", "{\"name\":\"x\",\"price\":\"abc\"}");
        assertThat(typed.status()).isEqualTo(422);
        assertThat(errors(typed)).containsOnlyKeys("price");

        Api.Response badSku = Api.admin(port).put("/api/v1/products/%E5%95%86%E5%93%81", product("x", 1));
        assertThat(errors(badSku)).containsOnlyKeys("sku");
    }

    @Test
    void searchesWithTextFiltersAndPaging() {
        Api api = Api.admin(port);
        for (int i = 1; i <= 12; i++) {
            Map<String, Object> body = product("検索テスト商品 " + i, 100 * i);
            body.put("category", i % 2 == 0 ? "雑貨>キッチン" : "雑貨>バス");
            body.put("brand", "SEARCHBRAND");
            body.put("nameKana", "ケンサクテスト");
            api.put(String.format("/api/v1/products/SRCH-%02d", i), body);
        }
        api.post("/api/v1/products/SRCH-03/discontinue", Map.of());

        JsonNode page0 = api.get("/api/v1/products?q=srch&size=5").json();
        assertThat(page0.get("total").asLong()).isEqualTo(12);
        assertThat(page0.get("page").asInt()).isZero();
        assertThat(page0.get("size").asInt()).isEqualTo(5);
        assertThat(skus(page0)).containsExactly("SRCH-01", "SRCH-02", "SRCH-03", "SRCH-04", "SRCH-05");
        assertThat(skus(api.get("/api/v1/products?q=srch&size=5&page=2").json())).containsExactly("SRCH-11", "SRCH-12");

        assertThat(api.get("/api/v1/products?q=けんさく").json().get("total").asLong()).as("hiragana finds katakana").isEqualTo(12);
        assertThat(api.get("/api/v1/products?category=雑貨&brand=SEARCHBRAND").json().get("total").asLong()).isEqualTo(12);
        assertThat(api.get("/api/v1/products?category=" + java.net.URLEncoder.encode("雑貨>キッチン", java.nio.charset.StandardCharsets.UTF_8)).json().get("total").asLong()).isEqualTo(6);
        assertThat(api.get("/api/v1/products?q=srch&status=DISCONTINUED").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/products?q=srch&status=販売中").json().get("total").asLong()).isEqualTo(11);
        assertThat(api.get("/api/v1/products?q=srch&temperatureZone=FROZEN").json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/products?q=100%25").json().get("total").asLong()).as("% is no wildcard").isZero();
        assertThat(errors(api.get("/api/v1/products?status=SOMETIMES"))).containsOnlyKeys("status");
    }

    @Test
    void variationsHangUnderAParentWithUniqueValuePairs() {
        Api api = Api.admin(port);
        Map<String, Object> parent = product("Tシャツ", 2980);
        parent.put("kind", "PARENT");
        parent.put("variationAxes", List.of("カラー", "サイズ"));
        assertThat(api.put("/api/v1/products/TS", parent).status()).isEqualTo(201);

        Map<String, Object> navyM = product("Tシャツ ネイビー M", 2980);
        navyM.put("parentSku", "TS");
        navyM.put("variationValues", List.of("ネイビー", "Ｍ"));
        Api.Response v = api.put("/api/v1/products/TS-NV-M", navyM);
        assertThat(v.status()).as(v.text()).isEqualTo(201);
        assertThat(v.json().get("kind").asString()).isEqualTo("VARIANT");
        assertThat(v.json().get("variationValues").get(1).asString()).isEqualTo("M");

        Map<String, Object> same = new HashMap<>(navyM);
        same.put("variationValues", List.of("ネイビー", "M"));
        Api.Response duplicate = api.put("/api/v1/products/TS-NV-M2", same);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(errors(duplicate)).containsKey("variationValues");

        Map<String, Object> oneValue = new HashMap<>(navyM);
        oneValue.put("variationValues", List.of("ホワイト"));
        assertThat(errors(api.put("/api/v1/products/TS-WH", oneValue))).containsKey("variationValues");

        api.put("/api/v1/products/PLAIN-1", product("普通の商品", 100));
        Map<String, Object> wrongParent = new HashMap<>(navyM);
        wrongParent.put("parentSku", "PLAIN-1");
        assertThat(errors(api.put("/api/v1/products/TS-X", wrongParent)).get("parentSku")).contains("親商品(PARENT)ではありません");

        Map<String, Object> threeAxes = new HashMap<>(parent);
        threeAxes.put("variationAxes", List.of("カラー", "サイズ", "素材"));
        assertThat(errors(api.put("/api/v1/products/TS3", threeAxes))).containsKey("variationAxes");

        Map<String, Object> nowSimple = new HashMap<>(parent);
        nowSimple.put("kind", "SIMPLE");
        nowSimple.remove("variationAxes");
        assertThat(errors(api.put("/api/v1/products/TS", nowSimple))).containsKey("kind");

        Map<String, Object> fewerAxes = new HashMap<>(parent);
        fewerAxes.put("variationAxes", List.of("カラー"));
        assertThat(errors(api.put("/api/v1/products/TS", fewerAxes))).containsKey("variationAxes");

        assertThat(catalog.item(Sku.of("TS"))).hasValueSatisfying(i -> assertThat(i.kind().stocked()).isFalse());
        assertThat(skusOf(api.get("/api/v1/products/TS/variants").json())).containsExactly("TS-NV-M");
    }

    @Test
    void setsAreMadeOfStockedProductsAndReplacingReplacesTheirComponents() {
        Api api = Api.admin(port);
        api.put("/api/v1/products/SOAP", product("石けん", 300));
        api.put("/api/v1/products/TOWEL", product("タオル", 800));
        api.put("/api/v1/products/CUP", product("カップ", 500));
        Map<String, Object> parent = product("親", 1);
        parent.put("variationAxes", List.of("色"));
        api.put("/api/v1/products/SETPARENT", parent);

        Map<String, Object> gift = product("ギフトセット", 1800);
        gift.put("components", List.of(Map.of("sku", "TOWEL", "quantity", 1), Map.of("sku", "SOAP", "quantity", 2)));
        Api.Response created = api.put("/api/v1/products/GIFT", gift);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("kind").asString()).isEqualTo("SET");
        assertThat(catalog.setComponents(Sku.of("GIFT"))).containsExactly(Map.entry(Sku.of("SOAP"), 2), Map.entry(Sku.of("TOWEL"), 1));

        gift.put("components", List.of(Map.of("sku", "CUP", "quantity", 3)));
        assertThat(api.put("/api/v1/products/GIFT", gift).status()).isEqualTo(200);
        assertThat(catalog.setComponents(Sku.of("GIFT"))).containsExactly(Map.entry(Sku.of("CUP"), 3));
        assertThat(catalog.setsContaining(Sku.of("SOAP"))).isEmpty();

        Map<String, Object> bad = product("だめなセット", 1);
        bad.put("components", List.of(Map.of("sku", "NOTHING", "quantity", 1)));
        assertThat(errors(api.put("/api/v1/products/BADSET", bad)).get("components[0].sku")).contains("登録されていません");
        bad.put("components", List.of(Map.of("sku", "GIFT", "quantity", 1)));
        assertThat(errors(api.put("/api/v1/products/BADSET", bad)).get("components[0].sku")).contains("セットの中にセット");
        bad.put("components", List.of(Map.of("sku", "SETPARENT", "quantity", 1)));
        assertThat(errors(api.put("/api/v1/products/BADSET", bad)).get("components[0].sku")).contains("在庫を持ちません");
        bad.put("components", List.of(Map.of("sku", "BADSET", "quantity", 1)));
        assertThat(errors(api.put("/api/v1/products/BADSET", bad)).get("components[0].sku")).contains("自分自身");
        bad.put("components", List.of(Map.of("sku", "SOAP", "quantity", 0)));
        assertThat(errors(api.put("/api/v1/products/BADSET", bad))).containsKey("components[0].quantity");
        bad.put("kind", "SET");
        bad.put("components", List.of());
        assertThat(errors(api.put("/api/v1/products/BADSET", bad))).containsKey("components");
        assertThat(api.get("/api/v1/products/BADSET").status()).isEqualTo(404);

        Map<String, Object> cupAsSet = product("カップ", 500);
        cupAsSet.put("components", List.of(Map.of("sku", "SOAP", "quantity", 1)));
        assertThat(errors(api.put("/api/v1/products/CUP", cupAsSet))).as("a stocked SKU cannot become a set").containsKey("kind");
    }

    @Test
    void warehouseRoleMayReadButNotChangeProducts() {
        Api admin = Api.admin(port);
        admin.put("/api/v1/products/WH-1", product("倉庫テスト", 100));
        String secret = admin.post("/api/v1/tokens", Map.of("name", "scanner", "role", "WAREHOUSE")).json().get("secret").asString();
        Api warehouse = admin.withToken(secret);

        assertThat(warehouse.get("/api/v1/products/WH-1").status()).isEqualTo(200);
        assertThat(warehouse.get("/api/v1/products?q=WH").status()).isEqualTo(200);
        assertThat(warehouse.put("/api/v1/products/WH-1", product("変更", 1)).status()).isEqualTo(403);
        assertThat(warehouse.put("/api/v1/products/WH-2", product("新規", 1)).status()).isEqualTo(403);
        assertThat(warehouse.post("/api/v1/products/WH-1/discontinue", Map.of()).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/products/WH-1").json().get("name").asString()).isEqualTo("倉庫テスト");
        assertThat(admin.get("/api/v1/products/WH-2").status()).isEqualTo(404);

        String operator = admin.post("/api/v1/tokens", Map.of("name", "clerk", "role", "OPERATOR")).json().get("secret").asString();
        assertThat(admin.withToken(operator).put("/api/v1/products/WH-1", product("変更", 1)).status()).isEqualTo(200);
    }

    @Test
    void everyChangeIsAuditedWithBeforeAndAfterAndAnnounced() {
        Api api = Api.admin(port);
        api.put("/api/v1/products/AUD-1", product("監査前", 100));
        api.put("/api/v1/products/AUD-1", product("監査後", 150));
        api.put("/api/v1/products/AUD-1", product("監査後", 150));
        api.post("/api/v1/products/AUD-1/discontinue", Map.of());
        api.post("/api/v1/products/AUD-1/discontinue", Map.of());

        List<AuditEntry> entries = new ArrayList<>(audit.search("product", "AUD-1", null, 0, 50).items());
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly("product.discontinue", "product.replace", "product.create");
        AuditEntry replace = entries.get(1);
        assertThat(replace.actor()).isEqualTo("token:bootstrap");
        assertThat(replace.beforeState()).contains("\"name\":\"監査前\"").contains("\"price\":100");
        assertThat(replace.afterState()).contains("\"name\":\"監査後\"").contains("\"price\":150");
        assertThat(entries.getFirst().afterState()).contains("\"status\":\"DISCONTINUED\"");
        assertThat(entries.get(2).beforeState()).isNull();

        assertThat(changed.skus.stream().filter(s -> s.value().equals("AUD-1"))).hasSize(3);
        assertThat(catalog.item(Sku.of("AUD-1"))).hasValueSatisfying(i -> assertThat(i.active()).isFalse());
    }

    static Map<String, String> errors(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        Map<String, String> errors = new HashMap<>();
        r.json().get("errors").forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
        return errors;
    }

    static List<String> skus(JsonNode page) {
        return skusOf(page.get("items"));
    }

    static List<String> skusOf(JsonNode array) {
        List<String> skus = new ArrayList<>();
        array.forEach(i -> skus.add(i.get("sku").asString()));
        return skus;
    }
}
