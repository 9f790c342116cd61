package dev.ichigen;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void modulesOnlyUseWhatTheyMayUse() {
        ApplicationModules.of(IchigenApplication.class).verify();
    }
}
