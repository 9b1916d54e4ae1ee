package io.kasa.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package's root is its API; its sub-packages are internal. This test fails
 * when one feature reaches into another's internals or features depend on each other in a
 * cycle.
 */
class ModuleBoundaryTests {

    @Test
    void featuresRespectEachOthersBoundaries() {
        ApplicationModules.of(KasaServer.class).verify();
    }
}
