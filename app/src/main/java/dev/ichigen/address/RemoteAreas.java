package dev.ichigen.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.ichigen.address.RemoteArea.Kind;

/**
 * Recognises destinations on remote islands (離島) and in Okinawa (沖縄県), where carriers charge extra,
 * take longer or refuse some services. The island list ({@code address/remote-islands.tsv}) is a reasonable
 * starting point built from what the carriers describe publicly, not any carrier's authoritative list: the
 * shop has to review it (docs/POSTAL-CODES.md).
 */
@Service
public class RemoteAreas {

    static final String RESOURCE = "address/remote-islands.tsv";
    private static final String OKINAWA = "沖縄県";

    private final PostalAreaStore store;
    private final List<RemoteIsland> islands;
    private final List<AddressMatcher.Target> targets;

    RemoteAreas(PostalAreaStore store) {
        this.store = store;
        this.islands = read();
        this.targets = islands.stream().map(i -> AddressMatcher.Target.of(i.prefecture(), i.city(), i.townPrefix(), null)).toList();
    }

    /** The island list in file order. */
    public List<RemoteIsland> islands() {
        return islands;
    }

    /**
     * By postal code: remote when any of the code's areas is on a listed island or in Okinawa. An invalid
     * code is an {@link dev.ichigen.shared.InvalidInputException} for {@code postalCode}; a code not in the
     * data answers {@link Kind#UNKNOWN}.
     */
    public RemoteArea remoteArea(String postalCode) {
        PostalCode code = PostalCode.parse(postalCode, "postalCode");
        List<PostalAreaStore.StoredArea> areas = store.find(code.value());
        if (areas.isEmpty()) {
            return new RemoteArea(Kind.UNKNOWN, null, "郵便番号 " + code.formatted() + " は日本郵便のデータにないため離島か判断できません");
        }
        boolean okinawa = false;
        for (PostalAreaStore.StoredArea stored : areas) {
            PostalArea a = stored.area();
            for (RemoteIsland island : islands) {
                if (island.prefecture().equals(a.prefecture()) && island.city().equals(a.city())
                        && (island.townPrefix().isEmpty() || a.town().startsWith(island.townPrefix()))) {
                    return onIsland(island);
                }
            }
            okinawa |= a.prefecture().equals(OKINAWA);
        }
        return okinawa ? okinawa() : mainland();
    }

    /**
     * By address text, in any of the forms {@link AddressVerification} accepts (all parts may be in
     * {@code addressLine}). Okinawa is recognised by its prefecture, so the prefecture must be written.
     */
    public RemoteArea remoteArea(String prefecture, String city, String addressLine) {
        AddressMatcher.Input input = AddressMatcher.Input.of(prefecture, city, addressLine);
        for (int i = 0; i < islands.size(); i++) {
            if (AddressMatcher.match(input, targets.get(i)) == AddressMatcher.Stage.MATCH) {
                return onIsland(islands.get(i));
            }
        }
        String text = AddressText.normalise(prefecture) + AddressText.normalise(city) + AddressText.normalise(addressLine);
        return text.startsWith(OKINAWA) || AddressText.normalise(prefecture).equals("沖縄") ? okinawa() : mainland();
    }

    private static RemoteArea onIsland(RemoteIsland island) {
        return new RemoteArea(Kind.REMOTE_ISLAND, island.island(), "離島（" + island.island() + ": " + island.area() + "）");
    }

    private static RemoteArea okinawa() {
        return new RemoteArea(Kind.OKINAWA, null, "沖縄県");
    }

    private static RemoteArea mainland() {
        return new RemoteArea(Kind.MAINLAND, null, "離島・沖縄県ではありません");
    }

    private static List<RemoteIsland> read() {
        InputStream in = RemoteAreas.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        List<RemoteIsland> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 4 || cells[0].isBlank() || cells[1].isBlank() || cells[3].isBlank()) {
                    throw new IllegalStateException(RESOURCE + ": expected prefecture, city, town prefix, island: " + line);
                }
                result.add(new RemoteIsland(cells[0], cells[1], cells[2], cells[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(result);
    }
}
