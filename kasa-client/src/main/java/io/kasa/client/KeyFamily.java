package io.kasa.client;

/**
 * Which credentials a path takes, per the key table of {@code docs/api.md}. Matching is on
 * whole path segments of the path without its query.
 */
enum KeyFamily {

    /** {@code /api/**} apart from the two below: {@code apiclientprivate} and {@code apikeyprivate}. */
    PHYSICAL,
    /** {@code /api/paywall/**}: {@code apiclientpublic} and {@code apikeypublic}, marketplace envelope. */
    MARKETPLACE,
    /** {@code /api/device/**}: no merchant keys. */
    DEVICE,
    /** {@code /admin/**}: {@code Authorization: Bearer}. */
    OPERATOR,
    /** Anything else (health, metrics): no credentials. */
    NONE;

    static KeyFamily of(String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (under(bare, "/api/paywall")) {
            return MARKETPLACE;
        }
        if (under(bare, "/api/device")) {
            return DEVICE;
        }
        if (under(bare, "/api")) {
            return PHYSICAL;
        }
        if (under(bare, "/admin")) {
            return OPERATOR;
        }
        return NONE;
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
