package io.kasa.server.dashboard;

import io.kasa.server.shared.MerchantId;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is signed in to the dashboard, as kept in the HTTP session: a merchant (by id, and the
 * id of the key pair it signed in with) or the operator. Never a key's secret or a token: the
 * session proves the sign-in happened, the credentials themselves are forgotten at once. The
 * key's id is remembered so that the session ends when that key stops working.
 */
public record Viewer(Role role, MerchantId merchant, UUID keyId, String csrfToken) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    public enum Role {
        MERCHANT, OPERATOR
    }

    public Viewer {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(csrfToken, "csrfToken");
        if ((role == Role.MERCHANT) != (merchant != null) || (merchant == null) != (keyId == null)) {
            throw new IllegalArgumentException("a merchant viewer has a merchant id and a key id, the operator neither");
        }
    }

    public static Viewer merchant(MerchantId merchant, UUID keyId, String csrfToken) {
        return new Viewer(Role.MERCHANT, merchant, keyId, csrfToken);
    }

    public static Viewer operator(String csrfToken) {
        return new Viewer(Role.OPERATOR, null, null, csrfToken);
    }

    @Override
    public String toString() {
        return "Viewer[" + role + (merchant == null ? "" : ", " + merchant) + "]";
    }
}
