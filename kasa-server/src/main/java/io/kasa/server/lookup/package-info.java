/**
 * The lookup tables of Paywall's Physical "system data" pages, served read-only under
 * {@code /api/lookup/...} (a Kasa extension). Each table is owned by the feature that uses
 * it (payment statuses by {@code payment}, brands by {@code terminal}, …); the tables no
 * feature of Kasa uses (provider transaction reporting, card data) live here.
 */
package io.kasa.server.lookup;
