package io.kasa.server.hostile;

import io.kasa.server.shared.web.AnswerShape;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of the running server, read from Spring's handler mapping rather than
 * listed by hand, so that an endpoint added later is fuzzed and probed without anyone
 * remembering to. Only Kasa's own controllers count; the container's {@code /error} page
 * is no endpoint.
 */
final class Endpoints {

    private Endpoints() {
    }

    static List<Endpoint> of(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("io.kasa.server")) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(endpoint(method.name(), pattern, handler));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return List.copyOf(endpoints);
    }

    private static Endpoint endpoint(String method, String pattern, HandlerMethod handler) {
        List<Endpoint.Input> pathVariables = new ArrayList<>();
        List<Endpoint.Input> headers = new ArrayList<>();
        List<Endpoint.Input> query = new ArrayList<>();
        Endpoint.Input body = null;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            var type = parameter.getGenericParameterType();
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                PathVariable annotation = parameter.getParameterAnnotation(PathVariable.class);
                pathVariables.add(new Endpoint.Input(name(annotation.name(), parameter), type, annotation.required()));
            } else if (parameter.hasParameterAnnotation(RequestHeader.class)) {
                RequestHeader annotation = parameter.getParameterAnnotation(RequestHeader.class);
                headers.add(new Endpoint.Input(name(annotation.name(), parameter), type, annotation.required()));
            } else if (parameter.hasParameterAnnotation(RequestParam.class)) {
                RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
                query.add(new Endpoint.Input(name(annotation.name(), parameter), type, annotation.required()));
            } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                body = new Endpoint.Input("body", type, parameter.getParameterAnnotation(RequestBody.class).required());
            }
        }
        return new Endpoint(method, pattern, Endpoint.Family.of(pattern), List.copyOf(pathVariables),
                List.copyOf(headers), List.copyOf(query), body, AnswerShape.of(handler.getMethod()));
    }

    private static String name(String declared, MethodParameter parameter) {
        return declared.isEmpty() ? parameter.getParameterName() : declared;
    }
}
