package io.kasa.server.terminal.web;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.terminal.TerminalRef;
import io.kasa.server.terminal.TerminalView;
import io.kasa.server.terminal.Terminals;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.UUID;

/** Terminals: registration, lists, connectivity and provider synchronisation. */
@RestController
class TerminalController {

    private final Terminals terminals;
    private final BusinessTime time;

    TerminalController(Terminals terminals, BusinessTime time) {
        this.terminals = terminals;
        this.time = time;
    }

    record Registered(UUID terminalId) {
    }

    /**
     * A terminal list item: Paywall's fields in its page's order, then Kasa's own. The source
     * fields describe the provider's record of the terminal; for the built-in provider that
     * record is Kasa's own, so {@code SourceId} is the terminal's id, both source dates are
     * its registration (a registered terminal's record does not change) and {@code MerchantId},
     * the merchant's number at the provider, is the merchant's Kasa id. Ids the provider
     * numbers are strings, as on Paywall's page.
     */
    record TerminalItem(UUID id, UUID connectionId, int brandId, int providerId, int regionId, String connectionName,
                        String sourceId, String terminalId, String serialNo, LocalDateTime sourceCreatedDate,
                        LocalDateTime sourceUpdateDate, String merchantId, String name, String model,
                        boolean isPaired, boolean isSocketConnected, LocalDateTime lastSeenDate) {
    }

    record ConnectivityView(boolean isSocketConnected, LocalDateTime lastSeenDate) {
    }

    @PostMapping("/api/terminal")
    PhysicalEnvelope register(MerchantId merchant, @RequestBody Requests.RegisterTerminal request) {
        UUID id = terminals.register(merchant, new Terminals.Registration(request.name(), request.serialNo(),
                request.model(), request.connectionId(), request.tagCode()));
        return PhysicalEnvelope.success(new Registered(id));
    }

    @PostMapping("/api/terminal/list")
    PhysicalEnvelope list(MerchantId merchant, @RequestBody(required = false) Requests.PageQuery request) {
        return PhysicalEnvelope.success(page(merchant, null, request));
    }

    @PostMapping("/api/terminal/{connectionId}/list")
    PhysicalEnvelope listByConnection(MerchantId merchant, @PathVariable UUID connectionId,
                                      @RequestBody(required = false) Requests.PageQuery request) {
        return PhysicalEnvelope.success(page(merchant, connectionId, request));
    }

    @PostMapping("/api/terminal/connectivity/check")
    PhysicalEnvelope connectivity(MerchantId merchant, @RequestBody Requests.TerminalQuery request) {
        Terminals.Connectivity connectivity = terminals.connectivity(merchant,
                TerminalRef.of(request.terminalId(), request.terminalTagCode()));
        return PhysicalEnvelope.success(new ConnectivityView(connectivity.socketConnected(),
                time.local(connectivity.lastSeenAt())));
    }

    @PostMapping("/api/terminal/sync")
    PhysicalEnvelope synchronise(MerchantId merchant, @RequestBody Requests.ConnectionRef request) {
        terminals.synchronise(merchant, Validation.required("ConnectionId", request.connectionId()));
        return PhysicalEnvelope.success(true);
    }

    private Paging.Page<TerminalItem> page(MerchantId merchant, UUID connectionId, Requests.PageQuery request) {
        Paging paging = request == null ? Paging.of(null, null) : Paging.of(request.pageIndex(), request.pageSize());
        return terminals.list(merchant, connectionId, paging).map(this::item);
    }

    private TerminalItem item(TerminalView view) {
        var terminal = view.terminal();
        var connection = view.connection();
        LocalDateTime registered = time.local(terminal.createdAt());
        return new TerminalItem(terminal.id(), connection.id(), connection.brandId(), connection.providerId(),
                connection.regionId(), connection.name(), terminal.id().toString(), terminal.providerTerminalId(),
                terminal.serialNo(), registered, registered, terminal.merchantId().toString(), terminal.name(),
                terminal.model(), view.paired(), view.socketConnected(), time.local(view.lastSeenAt()));
    }
}
