package io.kasa.server.terminal.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.AnswerShape;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import io.kasa.server.terminal.Connection;
import io.kasa.server.terminal.ConnectionSettings;
import io.kasa.server.terminal.Connections;
import io.kasa.server.terminal.Providers;
import io.kasa.server.terminal.ValueDay;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Connections to terminal providers, and the provider catalog. */
@RestController
class ConnectionController {

    private static final int MAX_PARAMETERS = 50;

    private final Connections connections;

    ConnectionController(Connections connections) {
        this.connections = connections;
    }

    record ConnectionItem(UUID id, String name, String displayName, int endOfDayId, boolean isReporting,
                          boolean isAsyncPayment, boolean isSocketPayment, int brandId, int providerId, int regionId,
                          boolean isProd, boolean isConnected) {
    }

    record ConnectionDetail(UUID id, String name, String displayName, int brandId, int providerId, int regionId,
                            int endOfDayId, boolean isReporting, boolean isAsyncPayment, boolean isSocketPayment,
                            boolean isConnected, boolean isDelete, boolean isProd, Map<String, String> serviceParameters) {
    }

    record Created(boolean status, UUID connectionId) {
    }

    @AnswerShape.Answered(AnswerShape.BARE_RESULT)
    @GetMapping("/api/provider/list")
    PhysicalEnvelope providers() {
        return PhysicalEnvelope.success(Providers.catalog());
    }

    @AnswerShape.Answered(AnswerShape.BARE_RESULT)
    @GetMapping("/api/provider/{regionId}/list")
    PhysicalEnvelope providersInRegion(@PathVariable int regionId) {
        return PhysicalEnvelope.success(Providers.inRegion(regionId));
    }

    @PostMapping("/api/connection/list")
    PhysicalEnvelope list(MerchantId merchant, @RequestBody(required = false) Requests.PageQuery request) {
        Paging paging = request == null ? Paging.of(null, null) : Paging.of(request.pageIndex(), request.pageSize());
        return PhysicalEnvelope.success(connections.list(merchant, paging).map(ConnectionController::item));
    }

    @GetMapping("/api/connection/{id}/detail")
    PhysicalEnvelope detail(MerchantId merchant, @PathVariable UUID id) {
        Connection c = connections.get(merchant, id);
        Map<String, String> masked = new LinkedHashMap<>();
        c.serviceParameters().keySet().stream().sorted().forEach(key -> masked.put(key, "***"));
        return PhysicalEnvelope.success(new ConnectionDetail(c.id(), c.name(), c.displayName(), c.brandId(),
                c.providerId(), c.regionId(), c.endOfDayId(), c.isReporting(), c.isAsyncPayment(), c.isSocketPayment(),
                c.isConnected(), c.isDeleted(), c.isProd(), masked));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PostMapping("/api/connection")
    PhysicalEnvelope create(MerchantId merchant, @RequestBody Requests.ConnectionBody request) {
        return PhysicalEnvelope.success(new Created(true, connections.create(merchant, settings(request))));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PutMapping("/api/connection")
    PhysicalEnvelope update(MerchantId merchant, @RequestBody Requests.ConnectionBody request) {
        UUID id = Validation.required("Id", request.id());
        connections.update(merchant, id, settings(request));
        return PhysicalEnvelope.success(Status.OK);
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @DeleteMapping("/api/connection")
    PhysicalEnvelope delete(MerchantId merchant, @RequestBody Requests.IdRef request) {
        connections.delete(merchant, Validation.required("Id", request.id()));
        return PhysicalEnvelope.success(Status.OK);
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PutMapping("/api/connection/disconnect")
    PhysicalEnvelope disconnect(MerchantId merchant, @RequestBody Requests.IdRef request) {
        connections.disconnect(merchant, Validation.required("Id", request.id()));
        return PhysicalEnvelope.success(Status.OK);
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PutMapping("/api/connection/reconnect")
    PhysicalEnvelope reconnect(MerchantId merchant, @RequestBody Requests.IdRef request) {
        connections.reconnect(merchant, Validation.required("Id", request.id()));
        return PhysicalEnvelope.success(Status.OK);
    }

    private static ConnectionSettings settings(Requests.ConnectionBody request) {
        Map<String, String> parameters = request.serviceParameters() == null ? Map.of() : request.serviceParameters();
        if (parameters.size() > MAX_PARAMETERS) {
            throw Validation.invalid("ServiceParameters en fazla " + MAX_PARAMETERS + " anahtar içerebilir",
                    "ServiceParameters may hold at most " + MAX_PARAMETERS + " keys");
        }
        parameters.forEach((key, value) -> {
            Validation.optionalText("ServiceParameters." + key, value, 500);
            if (key.length() > 100) {
                throw new KasaException(KasaError.CONNECTION_SERVICE_PARAMETERS_INVALID,
                        new LocalizedText("ServiceParameters anahtarı çok uzun", "A ServiceParameters key is too long"));
            }
        });
        return new ConnectionSettings(
                Validation.text("Name", request.name(), 100),
                Validation.optionalText("DisplayName", request.displayName(), 25),
                Validation.required("BrandId", request.brandId()),
                Validation.required("ProviderId", request.providerId()),
                Validation.required("RegionId", request.regionId()),
                Validation.between("EndOfDayId", request.endOfDayId(), ValueDay.FIRST, ValueDay.LAST),
                Validation.required("IsProd", request.isProd()),
                Validation.required("IsReporting", request.isReporting()),
                Validation.required("IsAsyncPayment", request.isAsyncPayment()),
                Validation.required("IsSocketPayment", request.isSocketPayment()),
                parameters);
    }

    private static ConnectionItem item(Connection c) {
        return new ConnectionItem(c.id(), c.name(), c.displayName(), c.endOfDayId(), c.isReporting(),
                c.isAsyncPayment(), c.isSocketPayment(), c.brandId(), c.providerId(), c.regionId(), c.isProd(),
                c.isConnected());
    }
}
