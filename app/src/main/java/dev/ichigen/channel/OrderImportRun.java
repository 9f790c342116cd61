package dev.ichigen.channel;

/** The answer of "import orders now" (受注取込): how many orders were new or changed, or why it failed. */
public record OrderImportRun(boolean ok, int taken, FailureCause cause, String message) {
}
