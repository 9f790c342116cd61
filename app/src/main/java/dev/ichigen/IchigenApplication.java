package dev.ichigen;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * ichigen (一元) — the back office for Japanese multi-channel shops.
 *
 * <p>{@code --demo} loads the demo data set (products, warehouses, stock) on start-up; it is
 * translated into the property {@code ichigen.demo.enabled=true}, which also starts the sandbox stores
 * ({@code ichigen.sandbox.enabled}, see {@code dev.ichigen.channel.sandbox.SandboxStores}).
 */
@SpringBootApplication
@EnableScheduling
public class IchigenApplication {

    public static void main(String[] args) {
        SpringApplication.run(IchigenApplication.class, translateArguments(args));
    }

    static String[] translateArguments(String[] args) {
        List<String> translated = new ArrayList<>();
        for (String arg : args) {
            translated.add("--demo".equals(arg) ? "--ichigen.demo.enabled=true" : arg);
        }
        return translated.toArray(String[]::new);
    }
}
