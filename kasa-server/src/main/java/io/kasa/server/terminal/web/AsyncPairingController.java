package io.kasa.server.terminal.web;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.terminal.DeviceDescription;
import io.kasa.server.terminal.PairAsyncRequest;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalRef;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.UUID;

/** The merchant's side of async pairing (Paywall's two-step pairing): request, confirm, unpair, delete. */
@RestController
class AsyncPairingController {

    private final Pairing pairing;
    private final BusinessTime time;

    AsyncPairingController(Pairing pairing, BusinessTime time) {
        this.pairing = pairing;
        this.time = time;
    }

    record Issued(UUID pairAsyncRequestId, String pairCode) {
    }

    record Confirmed(UUID terminalPairId) {
    }

    record Deleted(UUID pairRequestId) {
    }

    record Unpaired(UUID terminalPairId) {
    }

    /** Kasa's extension: the request's status and, once a device claimed the code, which device. */
    record RequestStatus(UUID pairAsyncRequestId, UUID terminalId, String status, LocalDateTime createdDate,
                         LocalDateTime expiresDate, LocalDateTime claimedDate, String serialNo, String model,
                         String appVersion, LocalDateTime completedDate, UUID terminalPairId) {
    }

    @PostMapping("/api/pair/async/request")
    PhysicalEnvelope request(MerchantId merchant, @RequestBody Requests.TerminalQuery request) {
        PairAsyncRequest issued = pairing.requestAsync(merchant, TerminalRef.of(request.terminalId(), request.terminalTagCode()));
        return PhysicalEnvelope.success(new Issued(issued.id(), issued.code()));
    }

    @GetMapping("/api/pair/async/request/{pairAsyncRequestId}")
    PhysicalEnvelope status(MerchantId merchant, @PathVariable UUID pairAsyncRequestId) {
        PairAsyncRequest request = pairing.asyncStatus(merchant, pairAsyncRequestId);
        DeviceDescription device = request.device();
        LocalDateTime completed = request.status() == PairAsyncRequest.Status.COMPLETED ? time.local(request.finishedAt()) : null;
        return PhysicalEnvelope.success(new RequestStatus(request.id(), request.terminalId(), request.status().wireName(),
                time.local(request.createdAt()), time.local(request.expiresAt()),
                request.claimedAt() == null ? null : time.local(request.claimedAt()),
                device == null ? null : device.serialNo(), device == null ? null : device.model(),
                device == null ? null : device.appVersion(), completed, request.terminalPairId()));
    }

    @PutMapping("/api/pair/async/confirm")
    PhysicalEnvelope confirm(MerchantId merchant, @RequestBody Requests.PairAsyncRequestRef request) {
        UUID pairingId = pairing.confirmAsync(merchant, Validation.required("PairAsyncRequestId", request.pairAsyncRequestId()));
        return PhysicalEnvelope.success(new Confirmed(pairingId));
    }

    @DeleteMapping("/api/pair/async/request/delete")
    PhysicalEnvelope cancel(MerchantId merchant, @RequestBody Requests.PairAsyncRequestRef request) {
        UUID id = Validation.required("PairAsyncRequestId", request.pairAsyncRequestId());
        pairing.cancelAsync(merchant, id);
        return PhysicalEnvelope.success(new Deleted(id));
    }

    /** As sync unpair: the device's token stops working at once and its live connection is closed. */
    @DeleteMapping("/api/pair/async/unpair")
    PhysicalEnvelope unpair(MerchantId merchant, @RequestBody Requests.TerminalQuery request) {
        UUID pairingId = pairing.unpair(merchant, TerminalRef.of(request.terminalId(), request.terminalTagCode()));
        return PhysicalEnvelope.success(new Unpaired(pairingId));
    }
}
