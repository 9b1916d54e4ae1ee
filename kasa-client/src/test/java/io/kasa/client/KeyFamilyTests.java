package io.kasa.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFamilyTests {

    @ParameterizedTest
    @CsvSource({
            "/api/terminal/list, PHYSICAL",
            "/api/pair/sync/request, PHYSICAL",
            "/api/payment/inquiry/765c1ea9-bf03-4ee5-8d77-8e4893e5afe3, PHYSICAL",
            "/api/paywall, MARKETPLACE",
            "/api/paywall/marketplace/manual/trigger/start, MARKETPLACE",
            "/api/paywall/marketplace/manual/trigger/pending?x=1, MARKETPLACE",
            "/api/paywallet/x, PHYSICAL",
            "/api/device/pair, DEVICE",
            "/api/devices, PHYSICAL",
            "/admin/merchants, OPERATOR",
            "/admin/merchants?pageIndex=0&pageSize=10, OPERATOR",
            "/administration, NONE",
            "/actuator/health, NONE",
            "/apix, NONE",
    })
    void pathPicksItsFamily(String path, KeyFamily family) {
        assertThat(KeyFamily.of(path)).isEqualTo(family);
    }
}
