/**
 * Encrypted storage of channel credentials (API keys, tokens, webhook secrets): sealing with AES-GCM, the
 * key, and a value type that never prints its secrets. Internal to the channel module: connectors read
 * credentials through it; nothing outside the module ever sees them.
 */
package dev.ichigen.channel.credentials;
