package io.kasa.server.hostile;

import io.kasa.server.shared.web.AnswerShape;

import java.lang.reflect.Type;
import java.util.List;

/**
 * One endpoint of the running server as its handler declares it: the method, the path
 * pattern, who may call it, the inputs it reads (path variables, headers, query parameters
 * and the body, each with its declared Java type) and the shape of its answers.
 */
record Endpoint(String method, String pattern, Family family, List<Input> pathVariables, List<Input> headers,
                List<Input> queryParameters, Input body, AnswerShape shape) {

    /** An input of the handler: its wire name, declared type and whether Spring requires it. */
    record Input(String name, Type type, boolean required) {
    }

    /** Who calls an endpoint, read from its path as docs/api.md "Keys" defines it. */
    enum Family {
        PHYSICAL, MARKETPLACE, DEVICE, OPERATOR, DASHBOARD_SESSION, DASHBOARD_MERCHANT, DASHBOARD_OPERATOR;

        static Family of(String path) {
            if (path.startsWith("/api/paywall/")) {
                return MARKETPLACE;
            }
            if (path.startsWith("/api/device/")) {
                return DEVICE;
            }
            if (path.startsWith("/api/")) {
                return PHYSICAL;
            }
            if (path.startsWith("/admin/")) {
                return OPERATOR;
            }
            if (path.equals("/dashboard/api/session")) {
                return DASHBOARD_SESSION;
            }
            if (path.startsWith("/dashboard/api/operator/")) {
                return DASHBOARD_OPERATOR;
            }
            if (path.startsWith("/dashboard/api/")) {
                return DASHBOARD_MERCHANT;
            }
            throw new IllegalStateException("no caller family for " + path + ": teach Endpoint.Family about it");
        }

        /** Whether answers come in the marketplace envelope rather than the Physical one. */
        boolean marketplaceEnvelope() {
            return this == MARKETPLACE;
        }

        /** Whether the family's data belongs to one merchant, so that another merchant must not reach it. */
        boolean merchantScoped() {
            return this == PHYSICAL || this == MARKETPLACE || this == DASHBOARD_MERCHANT;
        }
    }

    boolean hasBody() {
        return body != null;
    }

    /** {@code POST /api/terminal/list}, as failure messages name it. */
    String key() {
        return method + " " + pattern;
    }

    @Override
    public String toString() {
        return key();
    }
}
