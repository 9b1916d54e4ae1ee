package io.kasa.server.dashboard;

import io.kasa.server.shared.MerchantId;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Who is signed in to the dashboard, as kept in the HTTP session: a merchant (by id only) or
 * the operator. Never a key or a token: the session proves the sign-in happened, the
 * credentials themselves are forgotten at once.
 */
public record Viewer(Role role, MerchantId merchant, String csrfToken) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public enum Role {
        MERCHANT, OPERATOR
    }

    public Viewer {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(csrfToken, "csrfToken");
        if ((role == Role.MERCHANT) != (merchant != null)) {
            throw new IllegalArgumentException("a merchant viewer has a merchant id, the operator none");
        }
    }

    public static Viewer merchant(MerchantId merchant, String csrfToken) {
        return new Viewer(Role.MERCHANT, merchant, csrfToken);
    }

    public static Viewer operator(String csrfToken) {
        return new Viewer(Role.OPERATOR, null, csrfToken);
    }

    @Override
    public String toString() {
        return "Viewer[" + role + (merchant == null ? "" : ", " + merchant) + "]";
    }
}
