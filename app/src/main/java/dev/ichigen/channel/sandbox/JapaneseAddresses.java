package dev.ichigen.channel.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real postal code → prefecture / city / town combinations (about 340, several per prefecture, remote
 * islands such as 東京都大島町・小笠原村, 長崎県対馬市・壱岐市・五島市, 沖縄県石垣市・宮古島市 included),
 * from {@code channel/sandbox/postal-addresses.tsv}: a sample of Japan Post's KEN_ALL data.
 */
public final class JapaneseAddresses {

    /** One postal code and what it stands for. */
    public record PostalArea(String postalCode, String prefecture, String city, String town, boolean remoteIsland) {
    }

    private static final List<PostalArea> AREAS = load();

    private JapaneseAddresses() {
    }

    public static List<PostalArea> all() {
        return AREAS;
    }

    private static List<PostalArea> load() {
        List<PostalArea> list = new ArrayList<>();
        try (InputStream in = JapaneseAddresses.class.getResourceAsStream("/channel/sandbox/postal-addresses.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                list.add(new PostalArea(f[0], f[1], f[2], f[3], "1".equals(f[4])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(list);
    }
}
