package dev.ichigen.address;

/**
 * One entry of the remote-island list ({@code address/remote-islands.tsv}): a municipality, or the towns of
 * a municipality starting with {@code townPrefix}, that lie on an island.
 *
 * @param townPrefix empty for the whole municipality
 * @param island the island or island group, e.g. {@code 佐渡島}
 */
public record RemoteIsland(String prefecture, String city, String townPrefix, String island) {

    /** e.g. {@code 兵庫県姫路市家島町}. */
    public String area() {
        return prefecture + city + townPrefix;
    }
}
