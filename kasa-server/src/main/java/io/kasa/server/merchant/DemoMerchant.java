package io.kasa.server.merchant;

import io.kasa.server.database.DataDirectory;
import io.kasa.server.database.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The merchant a fresh server starts with, so that Kasa can be tried at once. On the first
 * start (by default only with the embedded database) it is created and its credentials are
 * written to {@code demo-merchant.json} in the data directory and printed. Later starts
 * print only where that file is: secrets printed at every start end up in every log that
 * keeps the server's output.
 */
@Component
class DemoMerchant {

    private static final Logger log = LoggerFactory.getLogger(DemoMerchant.class);
    static final String FILE = "demo-merchant.json";

    private final Merchants merchants;
    private final ServerSecrets secrets;
    private final boolean enabled;
    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();

    DemoMerchant(Merchants merchants, ServerSecrets secrets, DatabaseSettings database,
                 @Value("${kasa.demo.enabled:}") String enabled, @Value("${kasa.data-dir:kasa-data}") String dataDir) {
        this.merchants = merchants;
        this.secrets = secrets;
        this.enabled = enabled.isBlank() ? database.embedded() : Boolean.parseBoolean(enabled);
        this.file = DatabaseSettings.dataDir(dataDir).resolve(FILE);
    }

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        if (!enabled || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        String baseAddress = "http://localhost:" + event.getWebServer().getPort();
        Optional<ObjectNode> existing = existing();
        ObjectNode demo = existing.orElseGet(this::create);
        demo.put("baseAddress", baseAddress);
        demo.put("adminToken", secrets.adminToken());
        write(demo);
        if (existing.isPresent()) {
            printWhere(System.out, demo);
        } else {
            print(System.out, demo);
        }
    }

    private Optional<ObjectNode> existing() {
        if (merchants.demo().isEmpty() || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) json.readTree(file.toFile()));
        } catch (RuntimeException e) {
            log.warn("{} is unreadable; creating a new demo merchant", file);
            return Optional.empty();
        }
    }

    private ObjectNode create() {
        CreatedMerchant created = merchants.create("Demo Merchant", true);
        ObjectNode demo = json.createObjectNode();
        demo.put("merchantId", created.merchant().id().toString());
        demo.put("apiclientprivate", created.key(KeyKind.PRIVATE).client());
        demo.put("apikeyprivate", created.key(KeyKind.PRIVATE).secret());
        demo.put("apiclientpublic", created.key(KeyKind.PUBLIC).client());
        demo.put("apikeypublic", created.key(KeyKind.PUBLIC).secret());
        demo.put("webhookHashKey", created.key(KeyKind.WEBHOOK).secret());
        log.info("Created the demo merchant {}", created.merchant().id());
        return demo;
    }

    private void write(ObjectNode demo) {
        try {
            DataDirectory.writable(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "demo", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: rely on the directory's permissions
            }
            Files.writeString(temp, json.writerWithDefaultPrettyPrinter().writeValueAsString(demo));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void print(PrintStream out, ObjectNode demo) {
        out.println();
        out.println("  Kasa is running at " + demo.get("baseAddress").asString());
        out.println();
        out.println("  Demo merchant " + demo.get("merchantId").asString());
        out.println("    apiclientprivate  " + demo.get("apiclientprivate").asString());
        out.println("    apikeyprivate     " + demo.get("apikeyprivate").asString());
        out.println("    apiclientpublic   " + demo.get("apiclientpublic").asString());
        out.println("    apikeypublic      " + demo.get("apikeypublic").asString());
        out.println("    webhookHashKey    " + demo.get("webhookHashKey").asString());
        out.println("  Admin token         " + demo.get("adminToken").asString());
        out.println();
        out.println("  The same values are in " + file);
        out.println();
        out.flush();
    }

    private void printWhere(PrintStream out, ObjectNode demo) {
        out.println();
        out.println("  Kasa is running at " + demo.get("baseAddress").asString());
        out.println("  The demo merchant's keys and the admin token are in " + file);
        out.println();
        out.flush();
    }
}
