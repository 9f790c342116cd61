package dev.ichigen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

@IchigenIntegrationTest
class ProductCsvImportIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    ProductCatalog catalog;

    private Api.Response importCsv(Api api, byte[] file, boolean validOnly) {
        return api.postBytes("/api/v1/products/import?validOnly=" + validOnly, "text/csv", file);
    }

    private static byte[] cp932(String text) {
        return text.replace("\n", "\r\n").getBytes(CsvEncoding.WINDOWS_31J);
    }

    private static byte[] utf8Bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        out.writeBytes(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void importsCp932FileWithJapaneseHeadersInAnyRowOrder() {
        // variants before their parent, a set before its components: the import orders the writes
        String csv = """
                商品コード（SKU）,親商品コード,種別,JANコード,商品名,商品名カナ,ブランド,カテゴリ,販売価格,税区分,税込フラグ,原価,販売開始日時,販売終了日時,説明,重量(g),縦(mm),横(mm),高さ(mm),温度帯,配送区分,ロット管理,状態,バリエーション項目1,バリエーション項目2,バリエーション値1,バリエーション値2,セット構成
                CP-TS-NV-M,CP-TS,バリエーション,,Tシャツ ネイビー M,,一元,衣料>トップス,"2,980",標準10%,税込,1200,2025/04/01 10:00,,,180,,,,常温,宅配便,0,販売中,,,ネイビー,M
                CP-GIFT,,セット,,お茶ギフト,,,食品>ギフト,3500,軽減8%,税込,,,,,,,,,常温,宅配便,いいえ,販売中,,,,,CP-TEA*2;CP-CUP*1
                CP-TS,,親商品,,Tシャツ,,一元,衣料>トップス,2980,10,1,,,,,,,,,常温,,0,販売中,カラー,サイズ,,
                CP-TEA,,通常,4901234567894,有機緑茶 100g,ユウキリョクチャ,一元茶園,食品>お茶,1080,8,税抜,400,2025/4/1 0:00,2025/12/31 23:59,"①香り高い
                一番茶",120,200,100,30,冷蔵,クール便,はい,販売中,,,,,
                CP-CUP,,,,髙島屋 湯のみ,,,雑貨,800,標準,税込,,,,,,,,,常温,,0,販売終了,,,,,
                """;
        Api api = Api.admin(port);
        Api.Response r = importCsv(api, cp932(csv), false);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(report.get("encoding").asString()).isEqualTo("Shift_JIS (CP932)");
        assertThat(report.get("rows").asInt()).isEqualTo(5);
        assertThat(report.get("created").asInt()).isEqualTo(5);
        assertThat(report.get("invalid").asInt()).isZero();

        JsonNode tea = api.get("/api/v1/products/CP-TEA").json();
        assertThat(tea.get("name").asString()).isEqualTo("有機緑茶 100g");
        assertThat(tea.get("taxRate").asString()).isEqualTo("REDUCED_8");
        assertThat(tea.get("priceIncludesTax").asBoolean()).isFalse();
        assertThat(tea.get("temperatureZone").asString()).isEqualTo("CHILLED");
        assertThat(tea.get("lotManaged").asBoolean()).isTrue();
        assertThat(tea.get("saleStartsAt").asString()).isEqualTo("2025-03-31T15:00:00Z");
        assertThat(tea.get("saleEndsAt").asString()).isEqualTo("2025-12-31T14:59:00Z");
        assertThat(tea.get("description").asString()).isEqualTo("①香り高い\n一番茶");
        assertThat(tea.get("heightMm").asInt()).isEqualTo(30);
        JsonNode variant = api.get("/api/v1/products/CP-TS-NV-M").json();
        assertThat(variant.get("kind").asString()).isEqualTo("VARIANT");
        assertThat(variant.get("price").asLong()).isEqualTo(2980);
        assertThat(variant.get("parentSku").asString()).isEqualTo("CP-TS");
        assertThat(api.get("/api/v1/products/CP-CUP").json().get("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(api.get("/api/v1/products/CP-CUP").json().get("name").asString()).isEqualTo("髙島屋 湯のみ");
        assertThat(catalog.setComponents(Sku.of("CP-GIFT"))).containsExactly(Map.entry(Sku.of("CP-CUP"), 1), Map.entry(Sku.of("CP-TEA"), 2));
        assertThat(audit.search("product", "CP-TEA", null, 0, 10).items().getFirst().summary()).contains("CSV取込 5行目");
    }

    @Test
    void importsUtf8WithBomAsMultipartWithEnglishHeadersAndWarnsAboutUnknownColumns() {
        String csv = """
                sku,name,price,taxRate,temperatureZone,memo
                BOM-1,🍣 寿司ギフト,5400,REDUCED_8,FROZEN,社内メモ
                BOM-2,𠮷野家コラボ,1000,STANDARD_10,AMBIENT,
                """;
        Api api = Api.admin(port);
        Api.Response r = ProductImageIntegrationTests.upload(api, "/api/v1/products/import", "商品.csv", "text/csv", utf8Bom(csv));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("encoding").asString()).isEqualTo("UTF-8 (BOM付き)");
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("warnings").get(0).get("column").asString()).isEqualTo("memo");
        assertThat(report.get("warnings").get(0).get("message").asString()).contains("取り込みません");
        assertThat(api.get("/api/v1/products/BOM-1").json().get("name").asString()).isEqualTo("🍣 寿司ギフト");
        assertThat(api.get("/api/v1/products/BOM-2").json().get("temperatureZone").asString()).isEqualTo("AMBIENT");
    }

    private static final String WITH_ONE_BAD_ROW = """
            商品コード,商品名,販売価格,JANコード,親商品コード,バリエーション項目1,バリエーション値1
            BAD-A,良い商品A,100,4901234567894,,,
            BAD-B,良い商品B,200,,,,
            BAD-C,JANが違う,300,4901234567890,,,
            BAD-P,親だが価格なし,abc,,,色,
            BAD-V,子,100,,BAD-P,,赤
            """;

    @Test
    void aFileWithABadRowWritesNothingAndSaysWhereAndWhy() {
        Api api = Api.admin(port);
        Api.Response r = importCsv(api, cp932(WITH_ONE_BAD_ROW), false);
        assertThat(r.status()).isEqualTo(422);
        JsonNode report = r.json();
        assertThat(report.get("status").asString()).isEqualTo("REJECTED");
        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("invalid").asInt()).isEqualTo(3);
        List<JsonNode> errors = new ArrayList<>();
        report.get("errors").forEach(errors::add);
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("line").asLong()).isEqualTo(4);
            assertThat(e.get("sku").asString()).isEqualTo("BAD-C");
            assertThat(e.get("column").asString()).isEqualTo("JANコード");
            assertThat(e.get("value").asString()).isEqualTo("4901234567890");
            assertThat(e.get("message").asString()).contains("チェックデジット");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("line").asLong()).isEqualTo(5);
            assertThat(e.get("column").asString()).isEqualTo("販売価格");
            assertThat(e.get("value").asString()).isEqualTo("abc");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("line").asLong()).isEqualTo(6);
            assertThat(e.get("column").asString()).isEqualTo("親商品コード");
            assertThat(e.get("message").asString()).contains("5 行目");
        });
        assertThat(api.get("/api/v1/products/BAD-A").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/BAD-B").status()).isEqualTo(404);
    }

    @Test
    void validOnlyImportsTheValidRows() {
        Api api = Api.admin(port);
        Api.Response r = importCsv(api, cp932(WITH_ONE_BAD_ROW.replace("BAD-", "VO-")), true);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("IMPORTED_VALID_ROWS");
        assertThat(r.json().get("created").asInt()).isEqualTo(2);
        assertThat(r.json().get("invalid").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/products/VO-A").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/VO-B").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/VO-C").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/VO-V").status()).isEqualTo(404);
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String csv = """
                商品コード,商品名,販売価格,カテゴリ,親商品コード,バリエーション項目1,バリエーション値1,セット構成
                IDEM-P,親,1000,雑貨,,サイズ,,
                IDEM-S,子 S,1000,雑貨,IDEM-P,,S,
                IDEM-L,子 L,1100,雑貨,IDEM-P,,L,
                IDEM-SET,セット,2000,雑貨,,,,IDEM-S*1;IDEM-L*1
                """;
        Api api = Api.admin(port);
        assertThat(importCsv(api, cp932(csv), false).json().get("created").asInt()).isEqualTo(4);
        long auditBefore = audit.search("product", null, null, 0, 1).total();

        JsonNode again = importCsv(api, cp932(csv), false).json();
        assertThat(again.get("status").asString()).isEqualTo("IMPORTED");
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(audit.search("product", null, null, 0, 1).total()).isEqualTo(auditBefore);
        assertThat(api.get("/api/v1/products/IDEM-SET").json().get("version").asLong()).isEqualTo(1);

        JsonNode changed = importCsv(api, cp932(csv.replace("子 L,1100", "子 L,1200")), false).json();
        assertThat(changed.get("updated").asInt()).isEqualTo(1);
        assertThat(changed.get("unchanged").asInt()).isEqualTo(3);
    }

    @Test
    void aFileWithSomeColumnsOnlyChangesThoseColumns() {
        Api api = Api.admin(port);
        Map<String, Object> body = new HashMap<>(Map.of("name", "部分更新", "price", 1000, "brand", "ブランドX", "costPrice", 300));
        api.put("/api/v1/products/PART-1", body);
        JsonNode r = importCsv(api, cp932("商品コード,販売価格\nPART-1,1280\n"), false).json();
        assertThat(r.get("updated").asInt()).isEqualTo(1);
        JsonNode p = api.get("/api/v1/products/PART-1").json();
        assertThat(p.get("price").asLong()).isEqualTo(1280);
        assertThat(p.get("name").asString()).isEqualTo("部分更新");
        assertThat(p.get("brand").asString()).isEqualTo("ブランドX");
        assertThat(p.get("costPrice").asLong()).isEqualTo(300);

        JsonNode missingName = importCsv(api, cp932("商品コード,販売価格\nPART-NEW,100\n"), false).json();
        assertThat(missingName.get("errors").get(0).get("column").asString()).isEqualTo("商品名");
        assertThat(missingName.get("errors").get(0).get("message").asString()).isEqualTo("商品名は必須です");
    }

    @Test
    void halfWidthKanaAndFullWidthDigitsAreNormalised() {
        String csv = """
                商品コード,商品名,商品名カナ,販売価格,JANコード,重量(g),バリエーション項目1,種別
                ＮＯＲＭ－００１,ｶﾞｰﾙｽﾞTｼｬﾂ ＬＩＭＩＴＥＤ,ｶﾞｰﾙｽﾞﾃｨｰｼｬﾂ,"１，９８０円",４９０１２３４５６７８９４,１２０,,通常
                """;
        Api api = Api.admin(port);
        Api.Response r = importCsv(api, cp932(csv), false);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode p = api.get("/api/v1/products/NORM-001").json();
        assertThat(p.get("name").asString()).as("half-width kana become full-width, the rest stays as typed")
                .isEqualTo("ガールズTシャツ ＬＩＭＩＴＥＤ");
        assertThat(p.get("nameKana").asString()).isEqualTo("ガールズティーシャツ");
        assertThat(p.get("price").asLong()).isEqualTo(1980);
        assertThat(p.get("jan").asString()).isEqualTo("4901234567894");
        assertThat(p.get("weightGrams").asInt()).isEqualTo(120);
    }

    @Test
    void exportThenImportRoundTripsAndNeutralisesFormulas() {
        Api api = Api.admin(port);
        Map<String, Object> evil = new HashMap<>(Map.of("name", "=cmd|' /C calc'!A0", "price", 100,
                "description", "-1 行目\n@2行目", "nameKana", "イーブル", "jan", "49012347", "saleStartsAt", "2025-04-01T10:00:30+09:00"));
        assertThat(api.put("/api/v1/products/RTRIP-EVIL", evil).status()).isEqualTo(201);
        api.put("/api/v1/products/RTRIP-P", Map.of("name", "親", "price", 1000, "variationAxes", List.of("カラー", "サイズ")));
        api.put("/api/v1/products/RTRIP-V", Map.of("name", "子", "price", 1000, "parentSku", "RTRIP-P", "variationValues", List.of("赤", "M"),
                "lotManaged", true, "temperatureZone", "FROZEN"));
        api.put("/api/v1/products/RTRIP-SET", Map.of("name", "セット 〜限定〜", "price", 1500, "taxRate", "REDUCED_8",
                "priceIncludesTax", false, "components", List.of(Map.of("sku", "RTRIP-V", "quantity", 3), Map.of("sku", "RTRIP-EVIL", "quantity", 1))));
        api.post("/api/v1/products/RTRIP-EVIL/discontinue", Map.of());

        Api.Response utf8 = api.get("/api/v1/products/export?encoding=utf8&q=RTRIP-");
        assertThat(utf8.status()).isEqualTo(200);
        assertThat(utf8.contentType()).startsWith("text/csv");
        assertThat(utf8.bytes()[0]).isEqualTo((byte) 0xEF);
        String text = new String(utf8.bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF商品コード(SKU),親商品コード,種別,JANコード,商品名,");
        assertThat(text).contains(",'=cmd|' /C calc'!A0,").contains("\"'-1 行目\n@2行目\"").contains("\r\n");
        assertThat(text).contains("RTRIP-SET,,セット,").contains("RTRIP-EVIL*1;RTRIP-V*3").contains("2025/04/01 10:00:30");

        JsonNode again = importCsv(api, utf8.bytes(), false).json();
        assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("IMPORTED");
        assertThat(again.get("unchanged").asInt()).isEqualTo(4);
        assertThat(again.get("rows").asInt()).isEqualTo(4);

        Api.Response sjis = api.get("/api/v1/products/export?encoding=cp932&q=RTRIP-");
        assertThat(sjis.status()).as(sjis.text()).isEqualTo(200);
        assertThat(new String(sjis.bytes(), CsvEncoding.WINDOWS_31J)).contains("セット ～限定～");
        JsonNode fromSjis = importCsv(api, sjis.bytes(), false).json();
        assertThat(fromSjis.get("encoding").asString()).isEqualTo("Shift_JIS (CP932)");
        // 〜 (U+301C) is written as ～ (U+FF5E) in CP932: the one value that cannot come back unchanged
        assertThat(fromSjis.get("unchanged").asInt()).isEqualTo(3);
        assertThat(fromSjis.get("updated").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/products/RTRIP-EVIL").json().get("name").asString()).isEqualTo("=cmd|' /C calc'!A0");
    }

    @Test
    void shiftJisExportRefusesCharactersItCannotHoldUnlessSubstitutionIsAccepted() {
        Api api = Api.admin(port);
        api.put("/api/v1/products/SJ-1", Map.of("name", "𠮷野家 牛丼", "price", 500));
        Api.Response refused = api.get("/api/v1/products/export?encoding=cp932&q=SJ-");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(ProductApiIntegrationTests.errors(refused)).containsKey("商品名 (SJ-1)");
        Api.Response substituted = api.get("/api/v1/products/export?encoding=cp932&unencodable=substitute&q=SJ-");
        assertThat(substituted.status()).isEqualTo(200);
        String text = new String(substituted.bytes(), CsvEncoding.WINDOWS_31J);
        assertThat(text).contains("〓野家 牛丼").doesNotContain("?");
    }

    @Test
    void unreadableFilesAreRefusedWithTheReason() {
        Api api = Api.admin(port);
        byte[] broken = "商品コード,商品名,販売価格\r\nX-1,テスト,100\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[broken.length + 1];
        System.arraycopy(broken, 0, withBadByte, 0, broken.length);
        withBadByte[broken.length] = (byte) 0xFF;
        Api.Response r = importCsv(api, withBadByte, false);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("status").asString()).isEqualTo("UNREADABLE");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("バイト目");

        Api.Response noSku = importCsv(api, cp932("品名,価格\nA,1\n"), false);
        assertThat(noSku.json().get("errors").get(0).get("message").asString()).contains("商品コード(SKU)");
        Api.Response unclosed = importCsv(api, cp932("商品コード,商品名,販売価格\nU-1,\"閉じない,100\n"), false);
        assertThat(unclosed.json().get("status").asString()).isEqualTo("UNREADABLE");
    }

    @Test
    void warehouseRoleMayExportButNotImport() {
        Api admin = Api.admin(port);
        String secret = admin.post("/api/v1/tokens", Map.of("name", "wh-csv", "role", "WAREHOUSE")).json().get("secret").asString();
        Api warehouse = admin.withToken(secret);
        assertThat(importCsv(warehouse, cp932("商品コード,商品名,販売価格\nWH-CSV,倉庫,1\n"), false).status()).isEqualTo(403);
        assertThat(warehouse.get("/api/v1/products/export").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/products/WH-CSV").status()).isEqualTo(404);
    }
}
