package dev.ichigen.order;

/**
 * A setting a check declares (threshold, window…), with its default and a description for the settings
 * screen. Every check also has the implicit setting {@code enabled} ({@code true}/{@code false}).
 * Values are strings; numeric defaults make the value numeric (validated when changed).
 */
public record CheckSetting(String key, String defaultValue, String description) {

    public boolean numeric() {
        return defaultValue != null && defaultValue.matches("-?\\d+");
    }
}
