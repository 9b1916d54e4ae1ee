package io.kasa.server.hostile;

import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.MarketplaceIT;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A valid request to every endpoint, for one merchant's {@link World}: its credentials, a
 * value of that merchant for every path variable, header and query parameter, and a body.
 * The fuzzer spoils one part of it at a time. Bodies come from the seed documents where the
 * seeds have one and from the API documentation otherwise; an endpoint nobody wrote a body
 * for gets one built from its request record, so a new endpoint is still exercised.
 */
final class ValidRequests {

    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final String DAY_FROM = "2024-05-01";
    private static final String DAY_TO = "2024-05-20";

    private final World world;
    private final World.Session operator;

    ValidRequests(World world, World.Session operator) {
        this.world = world;
        this.operator = operator;
    }

    World world() {
        return world;
    }

    /** The headers that authenticate a call of this merchant (or the operator) to the endpoint. */
    List<Map.Entry<String, String>> credentials(Endpoint endpoint) {
        return switch (endpoint.family()) {
            case PHYSICAL -> List.of(Map.entry("apiclientprivate", world.privateKey().client()),
                    Map.entry("apikeyprivate", world.privateKey().secret()));
            case MARKETPLACE -> List.of(Map.entry("apiclientpublic", world.publicKey().client()),
                    Map.entry("apikeypublic", world.publicKey().secret()));
            case OPERATOR -> List.of(Map.entry("Authorization", "Bearer " + KasaServerIT.ADMIN_TOKEN));
            case DEVICE -> List.of();
            case DASHBOARD_SESSION, DASHBOARD_MERCHANT -> session(world.session());
            case DASHBOARD_OPERATOR -> session(operator);
        };
    }

    private static List<Map.Entry<String, String>> session(World.Session session) {
        return List.of(Map.entry("Cookie", session.cookie()), Map.entry("X-CSRF-Token", session.csrfToken()));
    }

    String pathVariable(Endpoint endpoint, String name) {
        return switch (name) {
            case "connectionId", "id" -> world.connectionId().toString();
            case "regionId" -> "1";
            case "pairRequestId" -> world.pairRequestId().toString();
            case "pairAsyncRequestId" -> world.pairAsyncRequestId().toString();
            case "paymentRequestId", "paymentId" -> world.paymentId().toString();
            case "merchantId" -> world.merchantId().toString();
            // the webhook key: rotating it never locks the merchant's own calls out
            case "keyId" -> world.webhookKey().keyId().toString();
            case "terminalId" -> world.terminalId().toString();
            case "callbackId" -> world.callbackId().toString();
            case "jobId" -> world.jobId().toString();
            case "earningId" -> Long.toString(world.earningId());
            default -> throw new IllegalStateException("no valid value for path variable " + name + " of " + endpoint
                    + ": add one to ValidRequests");
        };
    }

    /** A header or a query parameter the handler reads. */
    String parameter(Endpoint endpoint, String name) {
        return switch (name) {
            case "X-Kasa-Wait" -> "5";
            case "memberid" -> Long.toString(world.memberId());
            case "paymentid" -> Long.toString(world.marketplacePaymentId());
            case "productid" -> Long.toString(world.productId());
            case "earningid" -> Long.toString(world.earningId());
            case "jobid" -> world.jobId().toString();
            case "start", "pageIndex" -> "0";
            case "length", "pageSize" -> "10";
            case "sortvalue" -> "desc";
            case "sortcolumn" -> "Id";
            case "datefrom", "dateFrom", "startDate" -> DAY_FROM;
            case "dateto", "dateTo", "endDate" -> DAY_TO;
            case "currencyid", "currencyId" -> "1";
            case "hours" -> "3";
            case "code" -> "123456";
            case "terminalId" -> world.terminalId().toString();
            case "statusId" -> "4";
            case "merchantUniqueCode" -> "fuzz-filter";
            case "memberexternalid" -> "fuzz-member";
            case "membername" -> "Berber Ali";
            case "memberemail" -> "ali@example.com";
            case "memberphone" -> "+905551112233";
            case "memberidentitynumber" -> "10000000146";
            default -> throw new IllegalStateException("no valid value for parameter " + name + " of " + endpoint
                    + ": add one to ValidRequests");
        };
    }

    /** The body of a valid request; null when the endpoint reads none. */
    ObjectNode body(Endpoint endpoint) {
        if (!endpoint.hasBody()) {
            return null;
        }
        String written = written(endpoint);
        JsonNode body = written != null ? JSON.readTree(written) : synthesised(endpoint.body().type(), 0);
        if (!(body instanceof ObjectNode object)) {
            throw new IllegalStateException("no valid body for " + endpoint + ": add one to ValidRequests");
        }
        return object;
    }

    private String written(Endpoint endpoint) {
        UUID terminal = world.terminalId();
        String page = "{\"pageIndex\":0,\"pageSize\":10}";
        String connection = """
                {"BrandId":100,"ProviderId":100,"RegionId":1,"EndOfDayId":1,"DisplayName":"Fuzz","IsProd":true,
                 "IsReporting":false,"IsAsyncPayment":true,"IsSocketPayment":true,"ServiceParameters":{},"Name":"Fuzz connection\"""";
        String member = """
                {"IsSubMerchant":true,"MemberType":1,"MemberExternalId":"fuzz-member","MemberName":"Berber Ali",
                 "MemberTitle":"Ali Yılmaz","MemberIdentityNumber":"10000000146","MemberEmail":"ali@example.com",
                 "MemberPhone":"+905551112233","MemberAddress":"Kadıköy, İstanbul","ContactName":"Ali","ContactLastname":"Yılmaz",
                 "BankAccounts":[{"CurrencyId":1,"Title":"Ali Yılmaz","Iban":"%s"}],
                 "ValueDate":{"CalculationType":1,"CalculationValue":7,"Commission":12.5}""".formatted(MarketplaceIT.MEMBER_IBAN);
        String marketplace = "{\"MarketplaceEnabled\":true,\"ManualTrigger\":true,\"PlatformIban\":\""
                + MarketplaceIT.PLATFORM_IBAN + "\",\"PlatformAccountTitle\":\"Platform\"}";
        String yesterday = LocalDate.now().minusDays(2).toString();
        // a weekday two to four days ahead: a reflection date Paywall's rules accept
        LocalDate ahead = LocalDate.now().plusDays(2);
        while (ahead.getDayOfWeek().getValue() > 5) {
            ahead = ahead.plusDays(1);
        }
        String weekday = ahead.toString();
        return switch (endpoint.key()) {
            case "POST /api/terminal" -> "{\"Name\":\"Fuzz till\",\"SerialNo\":\"FUZZ-1\",\"Model\":\"A910\",\"ConnectionId\":\""
                    + world.connectionId() + "\",\"TagCode\":\"fuzz-1\"}";
            case "POST /api/terminal/list", "POST /api/terminal/{connectionId}/list", "POST /api/connection/list" -> page;
            case "POST /api/terminal/connectivity/check" -> "{\"TerminalId\":\"" + terminal + "\"}";
            case "POST /api/terminal/sync" -> "{\"ConnectionId\":\"" + world.connectionId() + "\"}";
            case "POST /api/terminal/tag/list" -> "{\"pageIndex\":0,\"pageSize\":10,\"TerminalId\":\"" + terminal + "\"}";
            case "POST /api/terminal/tag" -> "{\"TerminalId\":\"" + terminal + "\",\"Name\":\"Fuzz tag\",\"Code\":\"fuzz-tag\"}";
            case "PUT /api/terminal/tag" -> "{\"TerminalTagId\":\"" + world.tagId() + "\",\"Name\":\"Fuzz tag\",\"Code\":\""
                    + world.tagCode() + "\",\"IsActive\":true}";
            case "DELETE /api/terminal/tag" -> "{\"TerminalTagId\":\"" + world.tagId() + "\"}";
            case "POST /api/connection" -> connection + "}";
            case "PUT /api/connection" -> connection + ",\"Id\":\"" + world.connectionId() + "\"}";
            case "DELETE /api/connection", "PUT /api/connection/disconnect", "PUT /api/connection/reconnect" ->
                    "{\"Id\":\"" + world.connectionId() + "\"}";
            case "POST /api/pair/sync/request" -> Seeds.text("000-pair-request.json").replace("dükkan_1", world.tagCode());
            case "DELETE /api/pair/sync/request/delete" -> "{\"PairRequestId\":\"" + world.pairRequestId() + "\"}";
            case "DELETE /api/pair/sync/unpair" -> "{\"TerminalId\":\"" + terminal + "\"}";
            case "POST /api/pair/async/request" -> "{\"TerminalTagCode\":\"" + world.tagCode() + "\"}";
            case "PUT /api/pair/async/confirm", "DELETE /api/pair/async/request/delete" ->
                    "{\"PairAsyncRequestId\":\"" + world.pairAsyncRequestId() + "\"}";
            case "DELETE /api/pair/async/unpair" -> "{\"TerminalId\":\"" + terminal + "\"}";
            case "POST /api/payment/async/sale" -> Seeds.asyncSale(terminal, "fuzz-" + UUID.randomUUID());
            case "POST /api/payment/sync/sale" -> Seeds.syncSale(terminal, "fuzz-" + UUID.randomUUID());
            case "POST /api/payment/async/cancel", "POST /api/payment/sync/sale/rollback",
                 "POST /api/payment/sync/cancel/rollback" -> "{\"PaymentRequestId\":\"" + world.paymentId() + "\"}";
            case "POST /api/payment/sync/cancel" -> "{\"PaymentRequestId\":\"" + world.paymentId()
                    + "\",\"SendNotificationDeviceDisconnected\":false}";
            case "POST /api/payment/list" -> "{\"pageIndex\":0,\"pageSize\":10,\"startDate\":\"" + DAY_FROM
                    + "\",\"endDate\":\"" + DAY_TO + "\",\"TerminalId\":\"" + terminal
                    + "\",\"PaymentStatusId\":4,\"MerchantUniqueCode\":\"fuzz-filter\"}";
            case "POST /api/payment/activities", "POST /api/payment/products" ->
                    "{\"pageIndex\":0,\"pageSize\":10,\"PaymentRequestId\":\"" + world.paymentId() + "\"}";
            case "POST /api/payment/callbacks/resend" -> "{\"CallbackId\":\"" + world.callbackId() + "\"}";
            case "POST /api/paywall/member" -> member + "}";
            case "PUT /api/paywall/member" -> member + ",\"Id\":" + world.memberId() + "}";
            case "DELETE /api/paywall/member" -> "{\"Id\":" + world.memberId() + "}";
            case "POST /api/paywall/member/bankaccount" -> "{\"MemberId\":" + world.memberId()
                    + ",\"CurrencyId\":2,\"Title\":\"Fuzz\",\"Iban\":\"" + MarketplaceIT.MEMBER_IBAN + "\"}";
            case "PUT /api/paywall/member/bankaccount" -> "{\"Id\":" + world.bankAccountId()
                    + ",\"CurrencyId\":1,\"Title\":\"Fuzz\",\"Iban\":\"" + MarketplaceIT.MEMBER_IBAN + "\"}";
            case "DELETE /api/paywall/member/bankaccount" -> "{\"Id\":" + world.bankAccountId() + "}";
            case "POST /api/paywall/member/valuedate" -> "{\"MemberId\":" + world.memberId()
                    + ",\"CalculationType\":1,\"CalculationValue\":7,\"Commission\":10.5}";
            case "PUT /api/paywall/marketplace/settings", "PUT /admin/merchants/{merchantId}/marketplace" -> marketplace;
            case "POST /api/paywall/marketplace/manual/trigger/start" -> "{\"CurrencyId\":1,\"DateFrom\":\"" + yesterday
                    + "\",\"DateTo\":\"" + yesterday + "\",\"TestMode\":false,\"SkipExistsControl\":false}";
            case "POST /api/paywall/marketplace/manual/trigger/restart" -> "{\"JobId\":\"" + world.jobId() + "\"}";
            case "PUT /api/paywall/marketplace/earning/postpone/product" ->
                    "{\"ProductId\":" + world.productId() + ",\"Day\":1,\"ApplyAll\":true}";
            case "PUT /api/paywall/marketplace/earning/increase/product", "PUT /api/paywall/marketplace/earning/decrease/product" ->
                    "{\"ProductId\":" + world.productId() + ",\"Earning\":1.25,\"ApplyAll\":false}";
            case "PUT /api/paywall/marketplace/earning/reflection/product" ->
                    "{\"ProductId\":" + world.productId() + ",\"ReflectionDate\":\"" + weekday + "\",\"ApplyAll\":true}";
            case "PUT /api/paywall/marketplace/earning/put/retry/product" -> "{\"ProductId\":" + world.productId()
                    + ",\"ChangeReflectionDate\":true,\"ReflectionDate\":\"" + weekday + "\",\"ApplyAll\":true}";
            case "PUT /api/paywall/marketplace/earning/put/retry/payment" -> "{\"PaymentId\":" + world.marketplacePaymentId()
                    + ",\"ChangeReflectionDate\":true,\"ReflectionDate\":\"" + weekday + "\"}";
            case "PUT /api/paywall/marketplace/earning/postpone/id" -> "{\"Id\":" + world.earningId() + ",\"Day\":1}";
            case "PUT /api/paywall/marketplace/earning/increase/id", "PUT /api/paywall/marketplace/earning/decrease/id" ->
                    "{\"Id\":" + world.earningId() + ",\"Earning\":1.25}";
            case "PUT /api/paywall/marketplace/earning/reflection/id" ->
                    "{\"Id\":" + world.earningId() + ",\"ReflectionDate\":\"" + weekday + "\"}";
            case "PUT /api/paywall/marketplace/earning/put/retry/id" -> "{\"Id\":" + world.earningId()
                    + ",\"ChangeReflectionDate\":true,\"ReflectionDate\":\"" + weekday + "\"}";
            case "POST /api/paywall/marketplace/approve/pw/payment", "POST /api/paywall/marketplace/approve/self/payment" ->
                    "{\"PaymentId\":" + world.marketplacePaymentId()
                            + ",\"Payout\":{\"DescriptionApply\":true,\"Description\":\"Fuzz\"},\"SameReflectionDateWithMember\":true}";
            case "POST /api/paywall/marketplace/reject/payment" -> "{\"PaymentId\":" + world.marketplacePaymentId() + "}";
            case "POST /dashboard/api/marketplace/approvals" -> "{\"PaymentId\":" + world.marketplacePaymentId()
                    + ",\"ProductIds\":[1],\"Calculator\":\"Kasa\",\"Description\":\"Fuzz\"}";
            case "PUT /api/paywall/marketplace/debt/increase/id", "PUT /api/paywall/marketplace/debt/decrease/id" ->
                    "{\"Id\":" + world.debtId() + ",\"Debt\":1}";
            case "DELETE /api/paywall/marketplace/debt/delete/id" -> "{\"Id\":" + world.debtId() + "}";
            case "POST /api/device/pair/status" -> "{\"DeviceToken\":\"" + world.deviceToken() + "\"}";
            case "POST /api/device/pair" -> "{\"PairCode\":\"000000\",\"SerialNo\":\"FUZZ-DEVICE\",\"Model\":\"A910\",\"AppVersion\":\"1.0.0\"}";
            case "POST /admin/merchants", "POST /dashboard/api/operator/merchants" -> "{\"Name\":\"Fuzz merchant\"}";
            case "POST /admin/merchants/{merchantId}/keys", "POST /dashboard/api/operator/merchants/{merchantId}/keys" ->
                    "{\"Kind\":\"Webhook\"}";
            case "POST /admin/merchants/{merchantId}/keys/{keyId}/rotate",
                 "POST /dashboard/api/operator/merchants/{merchantId}/keys/{keyId}/rotate" -> "{\"GraceSeconds\":60}";
            case "PUT /admin/merchants/{merchantId}/settings" -> "{\"OrderTtlSeconds\":300}";
            case "POST /dashboard/api/session" -> "{\"ApiClientPrivate\":\"" + world.privateKey().client()
                    + "\",\"ApiKeyPrivate\":\"" + world.privateKey().secret() + "\"}";
            case "POST /dashboard/api/terminals" -> "{\"Name\":\"Fuzz till\",\"SerialNo\":\"FUZZ-2\",\"Model\":\"A910\",\"TagCode\":\"fuzz-2\"}";
            case "POST /dashboard/api/marketplace/jobs" -> "{\"CurrencyId\":1,\"DateFrom\":\"" + yesterday + "\",\"DateTo\":\""
                    + yesterday + "\",\"TestMode\":false,\"SkipExistsControl\":false}";
            default -> null;
        };
    }

    /** A body built from the request record's components, for an endpoint nobody wrote one for. */
    private static JsonNode synthesised(Type type, int depth) {
        Class<?> raw = Shape.raw(type);
        if (raw != null && raw.isRecord() && depth < 4) {
            ObjectNode node = JSON.createObjectNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                String name = Character.toUpperCase(component.getName().charAt(0)) + component.getName().substring(1);
                node.set(name, synthesised(component.getGenericType(), depth + 1));
            }
            return node;
        }
        Shape shape = Shape.of(type, null);
        return switch (shape) {
            case ID -> JSON.getNodeFactory().stringNode(UUID.randomUUID().toString());
            case DAY -> JSON.getNodeFactory().stringNode(DAY_FROM);
            case INTEGER -> JSON.getNodeFactory().numberNode(1);
            case DECIMAL -> JSON.getNodeFactory().numberNode(BigDecimal.ONE);
            case FLAG -> JSON.getNodeFactory().booleanNode(true);
            case TEXT -> JSON.getNodeFactory().stringNode("fuzz");
            case LIST -> JSON.createArrayNode().add(synthesised(Shape.element(type), depth + 1));
            case OBJECT -> JSON.createObjectNode();
        };
    }
}
