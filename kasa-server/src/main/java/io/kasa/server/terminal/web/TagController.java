package io.kasa.server.terminal.web;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.AnswerShape;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import io.kasa.server.terminal.TerminalTag;
import io.kasa.server.terminal.TerminalTags;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.UUID;

/** Terminal tags: codes that stand in for a terminal id. */
@RestController
class TagController {

    private final TerminalTags tags;
    private final BusinessTime time;

    TagController(TerminalTags tags, BusinessTime time) {
        this.tags = tags;
        this.time = time;
    }

    record TagItem(UUID id, UUID terminalId, String name, String code, boolean isActive, LocalDateTime createdDate,
                   LocalDateTime updateDate) {
    }

    record Added(boolean status, UUID terminalTagId) {
    }

    @PostMapping("/api/terminal/tag/list")
    PhysicalEnvelope list(MerchantId merchant, @RequestBody(required = false) Requests.TagQuery request) {
        Paging paging = request == null ? Paging.of(null, null) : Paging.of(request.pageIndex(), request.pageSize());
        UUID terminalId = request == null ? null : request.terminalId();
        return PhysicalEnvelope.success(tags.list(merchant, terminalId, paging).map(this::item));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PostMapping("/api/terminal/tag")
    PhysicalEnvelope add(MerchantId merchant, @RequestBody Requests.AddTag request) {
        UUID terminalId = Validation.required("TerminalId", request.terminalId());
        String name = Validation.text("Name", request.name(), TerminalTags.MAX_NAME_LENGTH);
        String code = code(request.code());
        return PhysicalEnvelope.success(new Added(true, tags.add(merchant, terminalId, name, code)));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PutMapping("/api/terminal/tag")
    PhysicalEnvelope update(MerchantId merchant, @RequestBody Requests.UpdateTag request) {
        UUID tagId = Validation.required("TerminalTagId", request.terminalTagId());
        String name = Validation.text("Name", request.name(), TerminalTags.MAX_NAME_LENGTH);
        String code = code(request.code());
        boolean active = Validation.required("IsActive", request.isActive());
        tags.update(merchant, tagId, name, code, active);
        return PhysicalEnvelope.success(Status.OK);
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @DeleteMapping("/api/terminal/tag")
    PhysicalEnvelope delete(MerchantId merchant, @RequestBody Requests.TagRef request) {
        tags.delete(merchant, Validation.required("TerminalTagId", request.terminalTagId()));
        return PhysicalEnvelope.success(Status.OK);
    }

    private static String code(String value) {
        String code = Validation.text("Code", value, TerminalTags.MAX_CODE_LENGTH);
        return Validation.matching("Code", code, TerminalTags.CODE,
                "yalnızca harf, rakam, _, - ve . içerebilir", "may hold only letters, digits, _, - and .");
    }

    private TagItem item(TerminalTag tag) {
        return new TagItem(tag.id(), tag.terminalId(), tag.name(), tag.code(), tag.isActive(),
                time.local(tag.createdAt()), time.local(tag.updatedAt()));
    }
}
