package io.kasa.server.dashboard.web;

import io.kasa.server.dashboard.Viewer;
import io.kasa.server.merchant.AuthenticatedPair;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.merchant.MerchantKeys;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.merchant.ServerSecrets;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.Tokens;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Signing in and out of the dashboard. A merchant signs in with its private pair, the
 * operator with the admin token; the session then holds only who signed in (for a merchant,
 * with the id of the pair it used) and the CSRF token, under a fresh session id. The view of a
 * session names the business time zone, in which every date-time of the dashboard's API is
 * written, so that the pages can show each time with its zone.
 */
@RestController
class SessionController {

    private final MerchantKeys keys;
    private final Merchants merchants;
    private final ServerSecrets secrets;
    private final SecureRandom random;
    private final BusinessTime time;

    SessionController(MerchantKeys keys, Merchants merchants, ServerSecrets secrets, SecureRandom random,
                      BusinessTime time) {
        this.keys = keys;
        this.merchants = merchants;
        this.secrets = secrets;
        this.random = random;
        this.time = time;
    }

    record SignIn(String apiClientPrivate, String apiKeyPrivate, String adminToken) {
        @Override
        public String toString() {
            return "SignIn[" + apiClientPrivate + "]";
        }
    }

    /** {@code TimeZone}: the IANA name of the business time zone. */
    record SessionView(String role, UUID merchantId, String merchantName, String csrfToken, String timeZone) {
    }

    @GetMapping(DashboardGuard.SESSION)
    PhysicalEnvelope current(HttpServletRequest request) {
        Viewer viewer = DashboardGuard.viewer(request);
        if (viewer == null) {
            throw new KasaException(KasaError.AUTH_ERROR);
        }
        return PhysicalEnvelope.success(view(viewer));
    }

    @PostMapping(DashboardGuard.SESSION)
    PhysicalEnvelope signIn(HttpServletRequest request, @RequestBody SignIn body) {
        Viewer viewer;
        String csrf = Tokens.random(random, 32);
        if (body.adminToken() != null && !body.adminToken().isEmpty()) {
            if (!secrets.isAdminToken(body.adminToken())) {
                throw new KasaException(KasaError.AUTH_ERROR);
            }
            viewer = Viewer.operator(csrf);
        } else {
            AuthenticatedPair pair = keys.authenticatePair(KeyKind.PRIVATE, body.apiClientPrivate(), body.apiKeyPrivate())
                    .orElseThrow(() -> new KasaException(KasaError.AUTH_ERROR));
            viewer = Viewer.merchant(pair.merchant(), pair.keyId(), csrf);
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(DashboardGuard.VIEWER, viewer);
        return PhysicalEnvelope.success(view(viewer));
    }

    @DeleteMapping(DashboardGuard.SESSION)
    PhysicalEnvelope signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return PhysicalEnvelope.success(Status.OK);
    }

    private SessionView view(Viewer viewer) {
        if (viewer.role() == Viewer.Role.OPERATOR) {
            return new SessionView("Operator", null, null, viewer.csrfToken(), time.zone().getId());
        }
        return new SessionView("Merchant", viewer.merchant().value(), merchants.get(viewer.merchant()).name(),
                viewer.csrfToken(), time.zone().getId());
    }
}
