package io.kasa.server.terminal;

import java.util.UUID;

/** A device authenticated by its token: which pairing, of which terminal, of which merchant. */
public record DeviceIdentity(UUID merchantId, UUID terminalId, UUID terminalPairId) {
}
