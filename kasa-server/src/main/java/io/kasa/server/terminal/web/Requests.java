package io.kasa.server.terminal.web;

import java.util.Map;
import java.util.UUID;

/** The request bodies of the terminal endpoints, exactly as the wire names them. */
final class Requests {

    private Requests() {
    }

    record PageQuery(Integer pageIndex, Integer pageSize) {
    }

    record TerminalQuery(UUID terminalId, String terminalTagCode) {
    }

    record RegisterTerminal(String name, String serialNo, String model, UUID connectionId, String tagCode) {
    }

    record ConnectionRef(UUID connectionId) {
    }

    record TagQuery(Integer pageIndex, Integer pageSize, UUID terminalId) {
    }

    record AddTag(UUID terminalId, String name, String code) {
    }

    record UpdateTag(UUID terminalTagId, String name, String code, Boolean isActive) {
    }

    record TagRef(UUID terminalTagId) {
    }

    record ConnectionBody(UUID id, Integer brandId, Integer providerId, Integer regionId, Integer endOfDayId,
                          String displayName, Boolean isProd, Boolean isReporting, Boolean isAsyncPayment,
                          Boolean isSocketPayment, Map<String, String> serviceParameters, String name) {
    }

    record IdRef(UUID id) {
    }

    record PairRequestRef(UUID pairRequestId) {
    }

    record PairAsyncRequestRef(UUID pairAsyncRequestId) {
    }
}
