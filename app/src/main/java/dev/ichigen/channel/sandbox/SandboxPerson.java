package dev.ichigen.channel.sandbox;

/**
 * A buyer or a recipient (注文者 / 送付先) of a generated order: name with katakana reading, a real postal
 * code with its prefecture, city and town, the street part after the town (番地・建物), a phone number and
 * a mail address. {@code remoteIsland} marks 離島 (Rakuten's {@code isolatedIslandFlag}).
 */
public record SandboxPerson(String familyName, String givenName, String familyNameKana, String givenNameKana,
        String postalCode, String prefecture, String city, String town, String street, String phone, String email,
        boolean remoteIsland) {

    public String fullName() {
        return familyName + " " + givenName;
    }

    /** Town + street: the part of the address after the city (Rakuten {@code subAddress}). */
    public String subAddress() {
        return town + street;
    }

    /** The phone number split at its hyphens (Rakuten's three parts). */
    public String[] phoneParts() {
        String[] p = phone.split("-");
        return p.length == 3 ? p : new String[] { phone.replace("-", ""), null, null };
    }
}
