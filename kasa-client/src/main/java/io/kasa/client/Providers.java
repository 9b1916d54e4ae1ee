package io.kasa.client;

/** Provider catalog endpoints ({@code /api/provider/**}). Thread-safe; obtain from {@link KasaClient#providers()}. */
public final class Providers {

    private final KasaClient client;

    Providers(KasaClient client) {
        this.client = client;
    }

    /** GET {@code /api/provider/list}: every provider, brand and region (answered without the envelope, as in Paywall). */
    public ProviderCatalog list() {
        return client.getBare("/api/provider/list", ProviderCatalog.class);
    }

    /** GET {@code /api/provider/{regionId}/list}: the same, for one region. */
    public ProviderCatalog listByRegion(int regionId) {
        return client.getBare("/api/provider/" + regionId + "/list", ProviderCatalog.class);
    }
}
