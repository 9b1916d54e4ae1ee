package io.kasa.server.device.web;

import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.terminal.DeviceDescription;
import io.kasa.server.terminal.DevicePairing;
import io.kasa.server.terminal.Pairing;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The device's side of pairing: a typed code in, a device token out. No merchant keys. An
 * async code answers {@code WaitingForConfirmation}: the device then polls the status path with
 * its token until the merchant has confirmed (device protocol, "Async pairing").
 */
@RestController
class DevicePairController {

    static final String LIVE_PATH = "/api/device/live";
    static final String STATUS_PATH = "/api/device/pair/status";
    static final String PAIRED = "Paired";
    static final String WAITING = "WaitingForConfirmation";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final Pairing pairing;

    DevicePairController(Pairing pairing) {
        this.pairing = pairing;
    }

    record PairDevice(String pairCode, String serialNo, String model, String appVersion) {
    }

    record Paired(String status, UUID terminalId, UUID terminalPairId, String deviceToken, String livePath,
                  String statusPath) {
    }

    record ClaimRef(String deviceToken) {
    }

    record ClaimStatus(String status, UUID terminalId, UUID terminalPairId, String livePath) {
    }

    @PostMapping("/api/device/pair")
    PhysicalEnvelope pair(@RequestBody PairDevice request, HttpServletRequest http) {
        String code = Validation.required("PairCode", request.pairCode()).strip();
        Validation.matching("PairCode", code, CODE, "6 haneli bir sayı olmalıdır", "must be 6 digits");
        DeviceDescription device = new DeviceDescription(
                Validation.text("SerialNo", request.serialNo(), 50),
                Validation.optionalText("Model", request.model(), 50),
                Validation.optionalText("AppVersion", request.appVersion(), 25));
        DevicePairing paired = pairing.completeWithCode(code, device, http.getRemoteAddr());
        if (paired.isConfirmed()) {
            return PhysicalEnvelope.success(new Paired(PAIRED, paired.terminalId(), paired.terminalPairId(),
                    paired.deviceToken(), LIVE_PATH, null));
        }
        return PhysicalEnvelope.success(new Paired(WAITING, paired.terminalId(), null, paired.deviceToken(), LIVE_PATH,
                STATUS_PATH));
    }

    /** Where an async claim stands, for the device that holds its token. */
    @PostMapping(STATUS_PATH)
    PhysicalEnvelope status(@RequestBody ClaimRef request) {
        String token = Validation.required("DeviceToken", request.deviceToken());
        Optional<DevicePairing> confirmed = pairing.claimStatus(token);
        return PhysicalEnvelope.success(confirmed
                .map(paired -> new ClaimStatus(PAIRED, paired.terminalId(), paired.terminalPairId(), LIVE_PATH))
                .orElseGet(() -> new ClaimStatus(WAITING, null, null, LIVE_PATH)));
    }
}
