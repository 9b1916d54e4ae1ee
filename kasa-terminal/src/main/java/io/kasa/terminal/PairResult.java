package io.kasa.terminal;

import java.util.Objects;

/**
 * A successful pairing, as the device may show it. The device token is not part of it: it
 * went straight into the {@link DeviceStore}.
 */
public record PairResult(String terminalId, String terminalPairId) {

    public PairResult {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(terminalPairId, "terminalPairId");
    }
}
