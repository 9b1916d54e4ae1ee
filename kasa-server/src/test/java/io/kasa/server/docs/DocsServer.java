package io.kasa.server.docs;

import io.kasa.server.ServerJars;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh Kasa as a reader runs it for the docs: the built jar started with an empty data
 * directory (so its own embedded PostgreSQL and its own demo merchant, whose
 * {@code demo-merchant.json} is in that directory), listening on a free loopback port, with
 * the defaults a reader has except for {@link #RECEIPT_WAIT}, a simulated bank that refuses
 * the first transfer to {@link #FAILING_ONCE_IBAN} and every one to {@link #FAILING_IBAN}, as
 * docs/marketplace.md says, and the settings a document asks its reader to start Kasa with.
 * {@link #close} stops it with SIGTERM, as an operator would, so no PostgreSQL is left behind
 * ({@link ServerJars} runs it).
 */
final class DocsServer implements AutoCloseable {

    /**
     * The async sale's wait for the device's receipt. It ends when the receipt arrives, so it
     * changes no answer on a quiet machine; on a busy one (the tests share it) the default 2 s
     * could pass before the agent's receipt, and the documented status 2 would be a 1.
     */
    private static final String RECEIPT_WAIT = "15s";
    /**
     * The platform account of docs/marketplace.md whose first transfer the bank refuses, to
     * show a payout order refused and its restart going through.
     */
    private static final String FAILING_ONCE_IBAN = "TR180006200119000006672315";
    /**
     * The member account of docs/marketplace.md the bank always refuses, to show automatic
     * payouts failing and retried once the member's account is corrected.
     */
    private static final String FAILING_IBAN = "TR900001000201999999999901";

    private final ServerJars jars;
    private final URI base;
    private final Path dataDir;
    private final Path log;

    private DocsServer(ServerJars jars, URI base, Path dataDir, Path log) {
        this.jars = jars;
        this.base = base;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the jar with these settings ({@code --name=value}) besides the defaults above, and
     * returns once it is healthy and has written its demo merchant.
     */
    static DocsServer start(List<String> settings) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("kasa-docs-data-");
        int port = ServerJars.freePort();
        List<String> arguments = new ArrayList<>(List.of("--kasa.payment.receipt-wait=" + RECEIPT_WAIT,
                "--kasa.payout.simulated.failing-once-accounts=" + FAILING_ONCE_IBAN,
                "--kasa.payout.simulated.failing-accounts=" + FAILING_IBAN));
        arguments.addAll(settings);
        ServerJars jars = new ServerJars();
        jars.start(dataDir, port, arguments.toArray(String[]::new));
        try {
            ServerJars.awaitDemoMerchant(dataDir, port);
        } catch (RuntimeException e) {
            jars.close();
            throw e;
        }
        return new DocsServer(jars, URI.create("http://127.0.0.1:" + port), dataDir, ServerJars.log(dataDir, port));
    }

    URI base() {
        return base;
    }

    Path demoMerchant() {
        return dataDir.resolve("demo-merchant.json");
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        jars.close();
    }
}
