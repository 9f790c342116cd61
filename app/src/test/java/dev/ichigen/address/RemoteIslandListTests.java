package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.address.data.BundledPostalData;
import dev.ichigen.address.data.PostalRow;

/** The remote-island list names only places that exist in Japan Post's data, and finds islands by address. */
class RemoteIslandListTests {

    private final RemoteAreas remoteAreas = new RemoteAreas(null);

    @Test
    void everyListedIslandIsInThePostalData() {
        List<PostalRow> rows = BundledPostalData.read().rows();
        assertThat(remoteAreas.islands()).hasSizeGreaterThan(100).allSatisfy(island -> assertThat(rows).as(island.area())
                .anyMatch(r -> r.prefecture().equals(island.prefecture()) && r.city().equals(island.city())
                        && r.town().startsWith(island.townPrefix())));
    }

    @Test
    void recognisesIslandsAndOkinawaByAddressText() {
        assertThat(remoteAreas.remoteArea("新潟県", "佐渡市", "両津湊1").kind()).isEqualTo(RemoteArea.Kind.REMOTE_ISLAND);
        assertThat(remoteAreas.remoteArea(null, null, "東京都八丈島八丈町大賀郷1").island()).isEqualTo("八丈島");
        assertThat(remoteAreas.remoteArea("兵庫県", "姫路市", "家島町真浦1").island()).isEqualTo("家島諸島");
        assertThat(remoteAreas.remoteArea("兵庫県", "姫路市", "本町68").kind()).isEqualTo(RemoteArea.Kind.MAINLAND);
        assertThat(remoteAreas.remoteArea("鹿児島県", "大島郡与論町", "茶花1").reason()).contains("与論島");
        assertThat(remoteAreas.remoteArea("沖縄県", "石垣市", "美崎町1").island()).isEqualTo("石垣島");
        RemoteArea naha = remoteAreas.remoteArea("沖縄県", "那覇市", "泉崎1-1-1");
        assertThat(naha.kind()).isEqualTo(RemoteArea.Kind.OKINAWA);
        assertThat(naha.remote()).isTrue();
        assertThat(remoteAreas.remoteArea(null, null, "東京都千代田区千代田1-1").remote()).isFalse();
        // 大島町 is the island of 伊豆大島 only in 東京都
        assertThat(remoteAreas.remoteArea("東京都", "大島町", "元町1").island()).isEqualTo("伊豆大島");
        assertThat(remoteAreas.remoteArea("愛知県", "名古屋市", "大島町1").remote()).isFalse();
    }
}
