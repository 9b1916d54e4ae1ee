/**
 * A typed Java client for Kasa's merchant API ({@link io.kasa.client.KasaClient}) and
 * operator API ({@link io.kasa.client.KasaAdminClient}), on the JDK HTTP client and Jackson.
 *
 * <pre>{@code
 * KasaAdminClient admin = KasaAdminClient.create(URI.create("http://127.0.0.1:8080"), adminToken);
 * CreatedMerchant merchant = admin.createMerchant("Çiçek Pazarı");
 *
 * KasaClient kasa = KasaClient.builder()
 *         .baseUri(URI.create("http://127.0.0.1:8080"))
 *         .privateKeys(merchant.privateKey())
 *         .publicKeys(merchant.publicKey())
 *         .locale("en")
 *         .build();
 * UUID terminal = kasa.terminals().register(TerminalRegistration.of("Kasa 1", "PAV960000015").withTagCode("kasa_1"));
 * PairRequest pair = kasa.pairing().request(TerminalRef.tag("kasa_1"));
 * try {
 *     kasa.pairing().cancel(pair.pairRequestId());
 * } catch (ConflictException refused) {
 *     if (refused.is(ClientMessages.PAIR_SYNC_REQUEST_NOT_PENDING)) { ... }
 * }
 *
 * SaleOrder order = SaleOrder.builder()
 *         .terminalTag("kasa_1").merchantUniqueCode("ord-1001")
 *         .amount("22.00").currency(Currency.TRY)
 *         .product(Product.builder().name("Saç Tıraşı").amount("22.00").taxGroup(TaxGroup.VAT_10).unit(UnitCode.PIECE).build())
 *         .displayCode("Kişisel Bakım")
 *         .build();
 * SaleResult sale = kasa.payments().syncSale(order, Duration.ofSeconds(60));
 * if (!sale.status().isFinal()) {
 *     Inquiry later = kasa.payments().inquiry(sale.paymentRequestId());
 * }
 * }</pre>
 *
 * <p>Failures are {@link io.kasa.client.KasaException} subclasses; calls that are safe to repeat
 * are retried by the client first (see {@link io.kasa.client.KasaClient}). The guide is
 * {@code docs/sdk.md}.
 *
 * <p>Requests and responses are records whose camelCase components map to the wire's
 * PascalCase names; responses are read case-insensitively and unknown fields are ignored.
 * Dates are {@link java.time.LocalDateTime}s in the server's business time zone.
 *
 * <p>A merchant's callback receiver needs no client: {@link io.kasa.client.CallbackVerifier}
 * checks a received callback's signature and {@code Hash} and reads it into a
 * {@link io.kasa.client.Callback}; {@link io.kasa.client.KasaClient#callbacks()} reads the
 * delivery log and re-sends.
 */
package io.kasa.client;
