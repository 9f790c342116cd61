package dev.ichigen.channel.credentials;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes a channel's sealed credentials in {@code sales_channel}. Writes join the caller's
 * transaction; {@link #credentials} is what connectors call to get the secrets of their channel.
 */
@Component
public class ChannelCredentialStore {

    private final JdbcClient jdbc;
    private final CredentialVault vault;
    private final Clock clock;

    ChannelCredentialStore(JdbcClient jdbc, CredentialVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** Replaces the channel's credentials; an empty set removes them. */
    public void store(long channelId, String channelCode, Credentials credentials) {
        if (credentials.isEmpty()) {
            jdbc.sql("""
                    update sales_channel set credentials_sealed = null, credentials_key_id = null, credentials_names = null,
                        credentials_updated_at = :now where id = :id""")
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", channelId).update();
            return;
        }
        CredentialVault.Sealed sealed = vault.seal(credentials, associatedData(channelCode));
        jdbc.sql("""
                update sales_channel set credentials_sealed = :sealed, credentials_key_id = :key,
                    credentials_names = :names, credentials_updated_at = :now where id = :id""")
                .param("sealed", sealed.text()).param("key", sealed.keyId())
                .param("names", String.join(",", credentials.names()))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", channelId).update();
    }

    /** The channel's credentials, decrypted; empty when none are stored. */
    public Credentials credentials(long channelId) {
        record Row(String code, String sealed, String keyId) {
        }
        Optional<Row> row = jdbc.sql("select code, credentials_sealed, credentials_key_id from sales_channel where id = :id")
                .param("id", channelId)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
        if (row.isEmpty() || row.get().sealed() == null) {
            return Credentials.none();
        }
        return vault.open(new CredentialVault.Sealed(row.get().keyId(), row.get().sealed()), associatedData(row.get().code()));
    }

    private static String associatedData(String channelCode) {
        return "ichigen sales_channel " + channelCode;
    }
}
