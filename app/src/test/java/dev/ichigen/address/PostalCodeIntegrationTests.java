package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.address.data.BundledPostalData;
import dev.ichigen.address.data.PostalRows;
import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.Role;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.TestDatabase;
import tools.jackson.databind.JsonNode;

/** The postal code data shipped with the app, as every fresh database gets it on start. */
@IchigenIntegrationTest
class PostalCodeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    PostalCodes postalCodes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    ApiTokenManagement tokens;

    @Test
    void bundledDataIsLoadedCompletelyOnStart() {
        var prepared = PostalRows.prepare(BundledPostalData.read().rows());
        PostalDataSet set = postalCodes.dataSet();
        assertThat(set.origin()).isEqualTo(PostalDataSet.Origin.BUNDLED);
        assertThat(set.source()).contains("jquery-jpostal-ja@2.14.73").contains("2025-09-30");
        assertThat(set.rows()).isEqualTo(prepared.size()).isGreaterThan(120_000);
        assertThat(set.codes()).isEqualTo(PostalRows.codeCount(prepared)).isGreaterThan(119_000);
        assertThat(jdbc.sql("select count(*) from postal_area").query(Long.class).single()).isEqualTo(prepared.size());
        assertThat(jdbc.sql("select count(distinct code) from postal_area").query(Long.class).single()).isEqualTo(set.codes());
        assertThat(set.loadedBy()).isEqualTo("system");
        assertThat(audit.search("postal_data_set", "1", null, 0, 10).items())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("postal-codes.load-bundled"));
    }

    @Test
    void looksUpRealCodes() {
        assertThat(postalCodes.lookup("1000001")).containsExactly(new PostalArea("1000001", "東京都", "千代田区", "千代田",
                "トウキョウト", "チヨダク", "チヨダ", null));
        // 以下に掲載がない場合: the code for the rest of the ward, with an empty town
        assertThat(postalCodes.lookup("060-0000")).singleElement().satisfies(a -> {
            assertThat(a.city()).isEqualTo("札幌市中央区");
            assertThat(a.town()).isEmpty();
            assertThat(a.townKana()).isEmpty();
        });
        // one code, 66 towns of 清須市, in Japan Post's order
        List<PostalArea> kiyosu = postalCodes.lookup("4520961");
        assertThat(kiyosu).hasSize(66).allSatisfy(a -> assertThat(a.city()).isEqualTo("清須市"));
        assertThat(kiyosu.getFirst().town()).isEqualTo("春日明河原");
        // one code in two prefectures
        assertThat(postalCodes.lookup("4980000")).extracting(PostalArea::address)
                .containsExactly("愛知県弥富市", "三重県桑名郡木曽岬町");
        // a building floor with its own code; （次のビルを除く） cleaned away
        assertThat(postalCodes.lookup("1006001")).extracting(PostalArea::town).containsExactly("霞が関霞が関ビル１階");
        assertThat(postalCodes.lookup("1000004")).extracting(PostalArea::town).containsExactly("大手町");
        assertThat(postalCodes.lookup("〒１００－０００１")).extracting(PostalArea::town).containsExactly("千代田");
        assertThat(postalCodes.lookup("9999999")).isEmpty();
        assertThatThrownBy(() -> postalCodes.lookup("100-001")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().field()).isEqualTo("code"));
    }

    @Test
    void restLookupAnswersEveryAreaOfACode() {
        Api.Response ok = Api.admin(port).get("/api/v1/postal-codes/1000001");
        assertThat(ok.status()).isEqualTo(200);
        JsonNode json = ok.json();
        assertThat(json.get("code").asString()).isEqualTo("1000001");
        JsonNode area = json.get("areas").get(0);
        assertThat(area.get("prefecture").asString()).isEqualTo("東京都");
        assertThat(area.get("city").asString()).isEqualTo("千代田区");
        assertThat(area.get("town").asString()).isEqualTo("千代田");
        assertThat(area.get("prefectureKana").asString()).isEqualTo("トウキョウト");
        assertThat(area.get("cityKana").asString()).isEqualTo("チヨダク");
        assertThat(area.get("townKana").asString()).isEqualTo("チヨダ");
        assertThat(area.has("rawTown")).isFalse();

        JsonNode twoPrefectures = Api.admin(port).get("/api/v1/postal-codes/498-0000").json();
        assertThat(twoPrefectures.get("areas")).hasSize(2);
        assertThat(twoPrefectures.get("areas").get(1).get("prefecture").asString()).isEqualTo("三重県");

        String fullWidth = URLEncoder.encode("〒４５２－０９６１", StandardCharsets.UTF_8);
        assertThat(Api.admin(port).get("/api/v1/postal-codes/" + fullWidth).json().get("areas")).hasSize(66);
    }

    @Test
    void restLookupAnswersProblemsForUnknownAndMalformedCodes() {
        Api.Response unknown = Api.admin(port).get("/api/v1/postal-codes/9999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("999-9999");

        Api.Response malformed = Api.admin(port).get("/api/v1/postal-codes/12345");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
    }

    @Test
    void restLookupNeedsAToken() {
        assertThat(new Api(port, null).get("/api/v1/postal-codes/1000001").status()).isEqualTo(401);
        String warehouse = tokens.issue("postal-reader-" + System.nanoTime(), Role.WAREHOUSE).secret();
        Api reader = Api.admin(port).withToken(warehouse);
        assertThat(reader.get("/api/v1/postal-codes/1000001").status()).isEqualTo(200);
        // only ADMIN may replace the data
        assertThat(reader.postBytes("/api/v1/postal-codes/imports", Multipart.CONTENT_TYPE,
                Multipart.file("KEN_ALL.CSV", "x".getBytes(StandardCharsets.US_ASCII))).status()).isEqualTo(403);
        assertThat(postalCodes.dataSet().origin()).isEqualTo(PostalDataSet.Origin.BUNDLED);
    }

    @Test
    void addressCheckOverRestGivesOutcomeExpectedAreasAndRemoteArea() {
        JsonNode ok = Api.admin(port).post("/api/v1/address-checks", Map.of("postalCode", "100-0001",
                "addressLine", "東京都千代田区千代田１－１")).json();
        assertThat(ok.get("outcome").asString()).isEqualTo("OK");
        assertThat(ok.get("remoteArea").get("kind").asString()).isEqualTo("MAINLAND");

        JsonNode wrongTown = Api.admin(port).post("/api/v1/address-checks", Map.of("postalCode", "1000001",
                "prefecture", "東京都", "city", "千代田区", "addressLine", "丸の内1-1")).json();
        assertThat(wrongTown.get("outcome").asString()).isEqualTo("TOWN_MISMATCH");
        assertThat(wrongTown.get("expected").get(0).get("town").asString()).isEqualTo("千代田");
        assertThat(wrongTown.get("message").asString()).contains("東京都千代田区千代田");

        JsonNode island = Api.admin(port).post("/api/v1/address-checks", Map.of("postalCode", "9071801",
                "addressLine", "沖縄県八重山郡与那国町与那国1")).json();
        assertThat(island.get("outcome").asString()).isEqualTo("OK");
        assertThat(island.get("remoteArea").get("kind").asString()).isEqualTo("REMOTE_ISLAND");
        assertThat(island.get("remoteArea").get("island").asString()).isEqualTo("与那国島");
    }

    @Test
    void theEndpointsAreInTheOpenApiDescription() {
        JsonNode paths = Api.admin(port).get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/v1/postal-codes/{code}")).isTrue();
        assertThat(paths.has("/api/v1/postal-codes/imports")).isTrue();
        assertThat(paths.has("/api/v1/address-checks")).isTrue();
        assertThat(paths.get("/api/v1/postal-codes/{code}").get("get").get("description").asString()).contains("4980000");
    }

    @Test
    void lookupReadsThePrimaryKeyIndex() {
        String plan = String.join("\n", jdbc.sql("explain select * from postal_area where code = '1000001' order by seq")
                .query((rs, i) -> rs.getString(1)).list());
        if (TestDatabase.postgres()) {
            assertThat(plan).contains("postal_area_pkey").doesNotContain("Seq Scan");
        } else {
            assertThat(plan).containsIgnoringCase("PRIMARY_KEY");
        }
    }
}
