/**
 * Kasa's HTTP contract: the OpenAPI 3.1 document written design-first in
 * {@code src/main/resources/openapi} (one YAML fragment per API family, merged at start by
 * {@link io.kasa.server.reference.ApiContract}), served at {@code /openapi.json} and
 * {@code /openapi.yaml} and rendered at {@code /reference/} with the Swagger UI bundled in
 * the jar. Public: it holds no merchant's data.
 */
package io.kasa.server.reference;
