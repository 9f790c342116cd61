package dev.ichigen.catalog;

import java.util.Locale;

/** 温度帯: how a product must be stored and shipped (ヤマト クール宅急便 etc. for CHILLED/FROZEN). */
public enum TemperatureZone {
    AMBIENT("常温"), CHILLED("冷蔵"), FROZEN("冷凍");

    private final String label;

    TemperatureZone(String label) {
        this.label = label;
    }

    /** The Japanese term shop staff use: 常温, 冷蔵, 冷凍. */
    public String label() {
        return label;
    }

    /** Accepts the enum name (any case) or the Japanese term (also クール冷蔵/クール冷凍); {@code null} when unknown. */
    public static TemperatureZone parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (TemperatureZone zone : values()) {
            if (zone.name().equalsIgnoreCase(t) || zone.label.equals(t) || ("クール" + zone.label).equals(t)) {
                return zone;
            }
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "normal", "dry", "ドライ" -> AMBIENT;
            case "refrigerated", "cool", "チルド" -> CHILLED;
            case "frozen_food" -> FROZEN;
            default -> null;
        };
    }
}
