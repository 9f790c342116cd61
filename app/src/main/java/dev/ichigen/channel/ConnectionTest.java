package dev.ichigen.channel;

/** The answer of a connection test (接続テスト): ok, or the classified cause and a short message. */
public record ConnectionTest(boolean ok, FailureCause cause, String message, long latencyMs) {
}
