package io.kasa.server.dashboard.web;

import io.kasa.server.dashboard.PairCodeImage;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.terminal.DeviceDescription;
import io.kasa.server.terminal.PairAsyncRequest;
import io.kasa.server.terminal.PairRequest;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalRef;
import io.kasa.server.terminal.TerminalView;
import io.kasa.server.terminal.Terminals;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/** The terminals page: the live list, registration, pair codes (with their QR code) and unpairing. */
@RestController
class TerminalsController {

    private final Terminals terminals;
    private final Pairing pairing;
    private final BusinessTime time;

    TerminalsController(Terminals terminals, Pairing pairing, BusinessTime time) {
        this.terminals = terminals;
        this.pairing = pairing;
        this.time = time;
    }

    record TerminalItem(UUID id, String name, String serialNo, String model, String terminalId, String connectionName,
                        boolean isPaired, boolean isSocketConnected, LocalDateTime lastSeenDate,
                        AsyncPairCode awaitingConfirmation) {
    }

    record Registration(String name, String serialNo, String model, String tagCode) {
    }

    record Registered(UUID terminalId) {
    }

    record PairCode(UUID pairRequestId, UUID terminalId, String pairCode, String status, LocalDateTime expiresDate,
                    LocalDateTime completedDate) {
    }

    record Unpaired(UUID terminalPairId) {
    }

    /** An async pair request; {@code SerialNo}, {@code Model}, {@code AppVersion} name the device that claimed it. */
    record AsyncPairCode(UUID pairAsyncRequestId, UUID terminalId, String pairCode, String status,
                         LocalDateTime expiresDate, String serialNo, String model, String appVersion,
                         LocalDateTime completedDate) {
    }

    record Confirmed(UUID terminalPairId) {
    }

    @GetMapping("/dashboard/api/terminals")
    PhysicalEnvelope list(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize) {
        Map<UUID, PairAsyncRequest> waiting = pairing.awaitingConfirmation(merchant);
        return PhysicalEnvelope.success(terminals.list(merchant, null, Paging.of(pageIndex, pageSize == null ? 100 : pageSize))
                .map(view -> item(view, waiting.get(view.terminal().id()))));
    }

    /** Registration by the API's rules ({@link Terminals.Registration}); the terminal joins the default connection. */
    @PostMapping("/dashboard/api/terminals")
    PhysicalEnvelope register(MerchantId merchant, @RequestBody Registration request) {
        return PhysicalEnvelope.success(new Registered(terminals.register(merchant, new Terminals.Registration(
                request.name(), request.serialNo(), request.model(), null, request.tagCode()))));
    }

    @PostMapping("/dashboard/api/terminals/{terminalId}/pair-requests")
    PhysicalEnvelope requestPairCode(MerchantId merchant, @PathVariable UUID terminalId) {
        return PhysicalEnvelope.success(view(pairing.request(merchant, TerminalRef.of(terminalId, null))));
    }

    @GetMapping("/dashboard/api/pair-requests/{pairRequestId}")
    PhysicalEnvelope pairRequest(MerchantId merchant, @PathVariable UUID pairRequestId) {
        return PhysicalEnvelope.success(view(pairing.status(merchant, pairRequestId)));
    }

    @PostMapping("/dashboard/api/terminals/{terminalId}/pair-async-requests")
    PhysicalEnvelope requestAsyncPairCode(MerchantId merchant, @PathVariable UUID terminalId) {
        return PhysicalEnvelope.success(view(pairing.requestAsync(merchant, TerminalRef.of(terminalId, null))));
    }

    @GetMapping("/dashboard/api/pair-async-requests/{pairAsyncRequestId}")
    PhysicalEnvelope asyncPairRequest(MerchantId merchant, @PathVariable UUID pairAsyncRequestId) {
        return PhysicalEnvelope.success(view(pairing.asyncStatus(merchant, pairAsyncRequestId)));
    }

    /** The dashboard's Confirm button: the same confirmation as {@code PUT /api/pair/async/confirm}. */
    @PostMapping("/dashboard/api/pair-async-requests/{pairAsyncRequestId}/confirm")
    PhysicalEnvelope confirmAsyncPairRequest(MerchantId merchant, @PathVariable UUID pairAsyncRequestId) {
        return PhysicalEnvelope.success(new Confirmed(pairing.confirmAsync(merchant, pairAsyncRequestId)));
    }

    @PostMapping("/dashboard/api/terminals/{terminalId}/unpair")
    PhysicalEnvelope unpair(MerchantId merchant, @PathVariable UUID terminalId) {
        return PhysicalEnvelope.success(new Unpaired(pairing.unpair(merchant, TerminalRef.of(terminalId, null))));
    }

    /** The pair code as a QR code; it only draws the digits it is given, so it reveals nothing. */
    @GetMapping("/dashboard/api/terminals/pair-code.svg")
    ResponseEntity<String> pairCodeImage(MerchantId merchant, @RequestParam String code) {
        if (!PairCodeImage.isPairCode(code)) {
            throw Validation.invalid("code 6 haneli bir eşleşme kodu olmalıdır", "code must be a 6-digit pair code");
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.noStore()).body(PairCodeImage.svg(code));
    }

    private PairCode view(PairRequest request) {
        PairRequest.Status status = request.statusAt(time.now());
        // the code is shown only while it can still be typed in
        String code = status == PairRequest.Status.PENDING ? request.code() : null;
        LocalDateTime completed = status == PairRequest.Status.COMPLETED ? time.local(request.finishedAt()) : null;
        return new PairCode(request.id(), request.terminalId(), code, status.wireName(), time.local(request.expiresAt()),
                completed);
    }

    private AsyncPairCode view(PairAsyncRequest request) {
        PairAsyncRequest.Status status = request.statusAt(time.now());
        // the code is shown only while it can still be typed in
        String code = status == PairAsyncRequest.Status.PENDING ? request.code() : null;
        LocalDateTime completed = status == PairAsyncRequest.Status.COMPLETED ? time.local(request.finishedAt()) : null;
        DeviceDescription device = request.device();
        return new AsyncPairCode(request.id(), request.terminalId(), code, status.wireName(),
                time.local(request.expiresAt()), device == null ? null : device.serialNo(),
                device == null ? null : device.model(), device == null ? null : device.appVersion(), completed);
    }

    private TerminalItem item(TerminalView view, PairAsyncRequest waiting) {
        var terminal = view.terminal();
        return new TerminalItem(terminal.id(), terminal.name(), terminal.serialNo(), terminal.model(),
                terminal.providerTerminalId(), view.connection().name(), view.paired(), view.socketConnected(),
                time.local(view.lastSeenAt()), waiting == null ? null : view(waiting));
    }
}
