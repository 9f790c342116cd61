package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ichigen.address.AddressCheck.Outcome;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.support.IchigenIntegrationTest;

/** Address checks and remote areas against the bundled Japan Post data. */
@IchigenIntegrationTest
class AddressVerificationIntegrationTests {

    @Autowired
    AddressVerification verification;

    @Autowired
    RemoteAreas remoteAreas;

    @Test
    void acceptsAddressesAsShopsAndMallsPassThem() {
        assertThat(verification.verify("100-0001", "東京都", "千代田区", "千代田1-1").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("１００００１３", null, null, "東京都千代田区霞ヶ関１丁目２－２").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("0600042", "北海道", "札幌市中央区", "大通西十二丁目").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("〒064-0941", null, "札幌市中央区", "旭ヶ丘5丁目").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("0330071", "青森県", "六戸町", "大字犬落瀬字内金矢1").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("1006001", "東京都", "千代田区", "霞が関3-2-5 霞が関ビル1階").outcome()).isEqualTo(Outcome.OK);
        AddressCheck ok = verification.verify("4980000", "三重県", "桑名郡木曽岬町", "西対海地1");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.expected()).extracting(PostalArea::city).containsExactly("桑名郡木曽岬町");
    }

    @Test
    void aCodeForTheRestOfTheCityAcceptsAnyTownOfIt() {
        assertThat(verification.verify("0600000", "北海道", "札幌市中央区", "北1条西2丁目").outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verify("0600000", "北海道", "札幌市北区", "北8条西5丁目").outcome()).isEqualTo(Outcome.CITY_MISMATCH);
    }

    @Test
    void namesTheMismatchAndWhatTheDataExpects() {
        AddressCheck town = verification.verify("1000001", "東京都", "千代田区", "丸の内1-1-1");
        assertThat(town.outcome()).isEqualTo(Outcome.TOWN_MISMATCH);
        assertThat(town.expected()).extracting(PostalArea::town).containsExactly("千代田");
        assertThat(town.message()).contains("100-0001").contains("東京都千代田区千代田").contains("丸の内1-1-1");

        AddressCheck city = verification.verify("1000001", "東京都", "港区", "芝公園4-2-8");
        assertThat(city.outcome()).isEqualTo(Outcome.CITY_MISMATCH);
        assertThat(city.message()).contains("東京都千代田区");

        AddressCheck prefecture = verification.verify("4980000", "岐阜県", "海津市", "海津町1");
        assertThat(prefecture.outcome()).isEqualTo(Outcome.PREFECTURE_MISMATCH);
        assertThat(prefecture.expected()).extracting(PostalArea::prefecture).containsExactly("愛知県", "三重県");
        assertThat(prefecture.message()).contains("愛知県、三重県");

        AddressCheck manyTowns = verification.verify("4520961", "愛知県", "清須市", "西枇杷島町1");
        assertThat(manyTowns.outcome()).isEqualTo(Outcome.TOWN_MISMATCH);
        assertThat(manyTowns.expected()).hasSize(66);
        assertThat(manyTowns.message()).contains("ほか 61 件");
    }

    @Test
    void tellsInvalidFromUnknownCodesAndAMissingAddress() {
        assertThat(verification.verify("100-001", "東京都", "千代田区", "千代田1").outcome()).isEqualTo(Outcome.INVALID_POSTAL_CODE);
        assertThat(verification.verify(null, "東京都", "千代田区", "千代田1").outcome()).isEqualTo(Outcome.INVALID_POSTAL_CODE);
        AddressCheck unknown = verification.verify("9999999", "東京都", "千代田区", "千代田1");
        assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN_POSTAL_CODE);
        assertThat(unknown.message()).contains("999-9999");
        assertThat(verification.verify("1000001", " ", null, "").outcome()).isEqualTo(Outcome.ADDRESS_MISSING);
    }

    @Test
    void recognisesRemoteIslandsAndOkinawaByPostalCode() {
        assertThat(remoteAreas.remoteArea("907-1801")).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RemoteArea.Kind.REMOTE_ISLAND);
            assertThat(r.island()).isEqualTo("与那国島");
        });
        assertThat(remoteAreas.remoteArea("9000001").kind()).isEqualTo(RemoteArea.Kind.OKINAWA);
        assertThat(remoteAreas.remoteArea("9520000").island()).isEqualTo("佐渡島");
        assertThat(remoteAreas.remoteArea("6720101").island()).isEqualTo("家島諸島"); // a town of 姫路市
        assertThat(remoteAreas.remoteArea("1000101").island()).isEqualTo("伊豆大島");
        assertThat(remoteAreas.remoteArea("1000001").remote()).isFalse();
        assertThat(remoteAreas.remoteArea("9999999").kind()).isEqualTo(RemoteArea.Kind.UNKNOWN);
        assertThatThrownBy(() -> remoteAreas.remoteArea("99")).isInstanceOf(InvalidInputException.class);
    }
}
