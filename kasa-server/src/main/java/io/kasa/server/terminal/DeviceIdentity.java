package io.kasa.server.terminal;

import java.util.UUID;

/**
 * A device authenticated by its token: which pairing, of which terminal, of which merchant;
 * {@code terminalName} is the name the merchant registered the terminal under, for the device to show.
 */
public record DeviceIdentity(UUID merchantId, UUID terminalId, UUID terminalPairId, String terminalName) {
}
