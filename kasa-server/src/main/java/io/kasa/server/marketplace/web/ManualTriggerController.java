package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.PayoutJob;
import io.kasa.server.marketplace.PayoutJobs;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** The manual trigger of Paywall's marketplace API (seed 004 and its companions); GET inputs come as headers. */
@RestController
class ManualTriggerController {

    private final PayoutJobs jobs;

    ManualTriggerController(PayoutJobs jobs) {
        this.jobs = jobs;
    }

    record StartRequest(Integer currencyId, String dateFrom, String dateTo, Boolean testMode, Boolean skipExistsControl) {
    }

    record JobRef(UUID jobId) {
    }

    record PendingView(LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, long count) {
    }

    record StartedView(UUID jobId, LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, int count) {
    }

    record InquiryView(UUID jobId, LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, int count,
                       boolean anySuccess, List<ResultView> results) {
    }

    record ResultView(boolean result, String resultMessage) {
    }

    @GetMapping("/api/paywall/marketplace/manual/trigger/pending")
    MarketplaceEnvelope pending(MerchantId merchant, @RequestHeader(value = "datefrom", required = false) String dateFrom,
                                @RequestHeader(value = "dateto", required = false) String dateTo,
                                @RequestHeader(value = "currencyid", required = false) String currencyId) {
        PayoutJobs.Pending pending = jobs.pending(merchant, currency(currencyId),
                Validation.required("datefrom", Validation.day("datefrom", dateFrom)),
                Validation.required("dateto", Validation.day("dateto", dateTo)));
        return MarketplaceEnvelope.success(new PendingView(pending.dateFrom().atStartOfDay(), pending.dateTo().atStartOfDay(),
                pending.earning(), pending.count()));
    }

    @PostMapping("/api/paywall/marketplace/manual/trigger/start")
    MarketplaceEnvelope start(MerchantId merchant, @RequestBody StartRequest request) {
        PayoutJob job = jobs.start(merchant, PayoutJobs.Start.of(request.currencyId(), request.dateFrom(),
                request.dateTo(), request.testMode(), request.skipExistsControl()));
        return MarketplaceEnvelope.success(started(job));
    }

    @GetMapping("/api/paywall/marketplace/manual/trigger/inquiry")
    MarketplaceEnvelope inquiry(MerchantId merchant, @RequestHeader(value = "jobid", required = false) String jobId) {
        PayoutJob job = jobs.get(merchant, uuid("jobid", jobId));
        return MarketplaceEnvelope.success(new InquiryView(job.id(), job.dateFrom().atStartOfDay(), job.dateTo().atStartOfDay(),
                job.earning(), job.count(), job.anySuccess(),
                job.results().stream().map(r -> new ResultView(r.result(), r.resultMessage())).toList()));
    }

    @PostMapping("/api/paywall/marketplace/manual/trigger/restart")
    MarketplaceEnvelope restart(MerchantId merchant, @RequestBody JobRef request) {
        return MarketplaceEnvelope.success(started(jobs.restart(merchant, Validation.required("JobId", request.jobId()))));
    }

    private static StartedView started(PayoutJob job) {
        return new StartedView(job.id(), job.dateFrom().atStartOfDay(), job.dateTo().atStartOfDay(), job.earning(), job.count());
    }

    static int currency(String header) {
        String text = Validation.required("currencyid", header).strip();
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            id = 0;
        }
        return PayoutJobs.knownCurrency("currencyid", id);
    }

    static UUID uuid(String field, String header) {
        String text = Validation.required(field, header).strip();
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw Validation.invalid(field + " bir GUID olmalıdır", field + " must be a GUID");
        }
    }

}
