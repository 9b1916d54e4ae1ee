package io.kasa.server.terminal.web;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import io.kasa.server.terminal.PairRequest;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalRef;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.UUID;

/** The merchant's side of sync pairing (seed 000 and its companions). */
@RestController
class PairingController {

    private final Pairing pairing;
    private final BusinessTime time;

    PairingController(Pairing pairing, BusinessTime time) {
        this.pairing = pairing;
        this.time = time;
    }

    record Issued(UUID pairRequestId, UUID terminalId, String pairCode) {
    }

    record RequestStatus(UUID pairRequestId, UUID terminalId, String status, LocalDateTime createdDate,
                         LocalDateTime expiresDate, LocalDateTime completedDate, UUID terminalPairId) {
    }

    record Unpaired(UUID terminalPairId) {
    }

    @PostMapping("/api/pair/sync/request")
    PhysicalEnvelope request(MerchantId merchant, @RequestBody Requests.TerminalQuery request) {
        PairRequest issued = pairing.request(merchant, TerminalRef.of(request.terminalId(), request.terminalTagCode()));
        return PhysicalEnvelope.success(new Issued(issued.id(), issued.terminalId(), issued.code()));
    }

    @GetMapping("/api/pair/sync/request/{pairRequestId}")
    PhysicalEnvelope status(MerchantId merchant, @PathVariable UUID pairRequestId) {
        PairRequest request = pairing.status(merchant, pairRequestId);
        LocalDateTime completed = request.status() == PairRequest.Status.COMPLETED ? time.local(request.finishedAt()) : null;
        return PhysicalEnvelope.success(new RequestStatus(request.id(), request.terminalId(), request.status().wireName(),
                time.local(request.createdAt()), time.local(request.expiresAt()), completed, request.terminalPairId()));
    }

    @DeleteMapping("/api/pair/sync/request/delete")
    PhysicalEnvelope cancel(MerchantId merchant, @RequestBody Requests.PairRequestRef request) {
        pairing.cancel(merchant, Validation.required("PairRequestId", request.pairRequestId()));
        return PhysicalEnvelope.success(Status.OK);
    }

    @DeleteMapping("/api/pair/sync/unpair")
    PhysicalEnvelope unpair(MerchantId merchant, @RequestBody Requests.TerminalQuery request) {
        UUID pairingId = pairing.unpair(merchant, TerminalRef.of(request.terminalId(), request.terminalTagCode()));
        return PhysicalEnvelope.success(new Unpaired(pairingId));
    }
}
