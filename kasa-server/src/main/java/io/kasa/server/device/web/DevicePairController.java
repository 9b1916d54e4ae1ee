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

import java.util.UUID;
import java.util.regex.Pattern;

/** The device's side of pairing: a typed code in, a device token out. No merchant keys. */
@RestController
class DevicePairController {

    static final String LIVE_PATH = "/api/device/live";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final Pairing pairing;

    DevicePairController(Pairing pairing) {
        this.pairing = pairing;
    }

    record PairDevice(String pairCode, String serialNo, String model, String appVersion) {
    }

    record Paired(UUID terminalId, UUID terminalPairId, String deviceToken, String livePath) {
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
        return PhysicalEnvelope.success(new Paired(paired.terminalId(), paired.terminalPairId(), paired.deviceToken(),
                LIVE_PATH));
    }
}
