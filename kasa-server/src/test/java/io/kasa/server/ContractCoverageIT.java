package io.kasa.server;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served contract names exactly the running server's public operations: every
 * (method, path) Spring maps to one of Kasa's controllers is in the document, and every
 * operation of the document is mapped. A new controller method without a contract entry
 * fails here, and so does an entry whose endpoint is gone.
 *
 * <p>Not in the contract, by rule ({@link OpenApiContract#isContracted}): the dashboard's pages and its
 * session-authenticated JSON ({@code /dashboard/**}) and the container's {@code /error}.
 * The actuator ({@code /manage/**}), static files, the device's WebSocket and the contract's
 * own document and reference page are not handler methods of Kasa's controllers, so they
 * never appear here.
 */
class ContractCoverageIT extends KasaServerIT {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void theContractNamesExactlyTheServersPublicOperations() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("io.kasa.server")) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (OpenApiContract.isContracted(pattern)) {
                    assertThat(methods).as("methods of " + entry.getValue()).isNotEmpty();
                    methods.forEach(method -> mapped.add(method.name() + " " + pattern));
                }
            }
        }
        Set<String> documented = new TreeSet<>(OpenApiContract.of(baseUri).operationKeys());

        assertThat(mapped).as("the server's public operations").contains("POST /api/payment/sync/sale", "GET /admin/merchants");
        Set<String> undocumented = new TreeSet<>(mapped);
        undocumented.removeAll(documented);
        Set<String> unmapped = new TreeSet<>(documented);
        unmapped.removeAll(mapped);
        assertThat(undocumented).as("operations the server answers that the contract does not name").isEmpty();
        assertThat(unmapped).as("operations the contract names that the server does not answer").isEmpty();
    }
}
