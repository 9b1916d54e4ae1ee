package io.kasa.server.reference;

import io.kasa.server.KasaServer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI document, merged once at start from the YAML fragments in
 * {@code classpath:openapi/}: {@value #BASE} holds the document's head and the shared
 * components; every other {@code *.yaml} there adds one family's {@code paths} and
 * {@code components} (and may add {@code tags}). A path, a component or a tag named by two
 * fragments, or a fragment with other top-level keys, stops the start: the merged document
 * has one definition of each name, and the local {@code $ref}s of every fragment resolve in it.
 */
@Component
public class ApiContract {

    static final String FOLDER = "openapi/";
    static final String BASE = "kasa.yaml";
    private static final Set<String> FRAGMENT_KEYS = Set.of("paths", "components", "tags");

    private final JsonNode document;
    private final byte[] json;
    private final byte[] yaml;

    public ApiContract() {
        this(fragments());
    }

    ApiContract(Map<String, String> fragments) {
        YAMLMapper reader = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        String base = fragments.get(BASE);
        if (base == null) {
            throw new IllegalStateException("the contract has no " + FOLDER + BASE);
        }
        ObjectNode merged = (ObjectNode) read(reader, BASE, base);
        String version = KasaServer.class.getPackage().getImplementationVersion();
        if (version != null) {
            ((ObjectNode) merged.get("info")).put("version", version);
        }
        fragments.entrySet().stream()
                .filter(fragment -> !fragment.getKey().equals(BASE))
                .sorted(Map.Entry.comparingByKey())
                .forEach(fragment -> add(merged, fragment.getKey(), read(reader, fragment.getKey(), fragment.getValue())));
        this.document = merged;
        this.json = JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
        this.yaml = YAMLMapper.builder().build().writeValueAsString(merged).getBytes(StandardCharsets.UTF_8);
    }

    /** The merged document. */
    JsonNode document() {
        return document;
    }

    public byte[] json() {
        return json.clone();
    }

    public byte[] yaml() {
        return yaml.clone();
    }

    private static void add(ObjectNode merged, String name, JsonNode fragment) {
        for (String key : fragment.propertyNames()) {
            if (!FRAGMENT_KEYS.contains(key)) {
                throw new IllegalStateException(FOLDER + name + ": a fragment holds only " + FRAGMENT_KEYS + ", not " + key);
            }
        }
        mergeNames(merged.withObjectProperty("paths"), fragment.path("paths"), name, "path");
        JsonNode components = fragment.path("components");
        for (String section : components.propertyNames()) {
            mergeNames(merged.withObjectProperty("components").withObjectProperty(section), components.get(section), name,
                    "components." + section);
        }
        Set<String> tags = new HashSet<>();
        merged.withArrayProperty("tags").forEach(tag -> tags.add(tag.path("name").asString()));
        for (JsonNode tag : fragment.path("tags")) {
            if (!tags.add(tag.path("name").asString())) {
                throw new IllegalStateException(FOLDER + name + ": tag " + tag.path("name").asString() + " is defined twice");
            }
            merged.withArrayProperty("tags").add(tag);
        }
    }

    private static void mergeNames(ObjectNode into, JsonNode from, String fragment, String what) {
        for (String key : from.propertyNames()) {
            if (into.has(key)) {
                throw new IllegalStateException(FOLDER + fragment + ": " + what + " " + key + " is defined twice");
            }
            into.set(key, from.get(key));
        }
    }

    private static JsonNode read(YAMLMapper reader, String name, String text) {
        JsonNode node = reader.readTree(text);
        if (node == null || !node.isObject()) {
            throw new IllegalStateException(FOLDER + name + " is not a YAML mapping");
        }
        return node;
    }

    /** Every {@code *.yaml} in the folder, by file name. */
    private static Map<String, String> fragments() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(ApiContract.class.getClassLoader())
                    .getResources("classpath*:" + FOLDER + "*.yaml");
            Map<String, String> fragments = new TreeMap<>();
            for (Resource resource : found) {
                if (fragments.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8)) != null) {
                    throw new IllegalStateException("two fragments named " + FOLDER + resource.getFilename() + " on the class path");
                }
            }
            return fragments;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the contract's fragments", e);
        }
    }

}
