package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer of the provider list: which brand/provider/region combinations a connection
 * can use, what each needs as service parameters, and the brand and region names. Lists
 * are never null.
 */
public record ProviderCatalog(List<Provider> providers, List<Brand> brands, List<Region> regions) {

    public ProviderCatalog {
        providers = providers == null ? List.of() : List.copyOf(providers);
        brands = brands == null ? List.of() : List.copyOf(brands);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /** One connectable combination; its ids go into {@link ConnectionSettings}. */
    public record Provider(int brand, int provider, int region, boolean isActive, String name,
                           boolean isReporting, boolean isAsyncPayment, boolean isSocketPayment,
                           List<ServiceParameter> serviceParameters) {

        public Provider {
            serviceParameters = serviceParameters == null ? List.of() : List.copyOf(serviceParameters);
        }
    }

    /**
     * One credential a provider needs; {@code name} is the key in a connection's
     * {@code ServiceParameters}. {@code length} is a string on the wire. Paywall spells the
     * description {@code Desciption}; both spellings are read.
     */
    public record ServiceParameter(String name, String type, int groupType,
                                   @JsonProperty("Desciption") @JsonAlias("Description") String description,
                                   String length, boolean isRequired, String value) {
    }

    public record Brand(int id, int brand, String name, boolean isActive) {
    }

    public record Region(int id, int region, String name, boolean isActive) {
    }
}
