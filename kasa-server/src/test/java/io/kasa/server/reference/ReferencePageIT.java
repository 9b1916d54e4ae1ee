package io.kasa.server.reference;

import io.kasa.server.HeadlessChromium;
import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract is public and cacheable at /openapi.json and /openapi.yaml, and the reference
 * page renders it in a real browser from files the server itself serves (no CDN), under a
 * content security policy that runs no script but the server's own files.
 */
class ReferencePageIT extends KasaServerIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theContractIsServedWithoutKeysAsJsonAndYaml() throws Exception {
        HttpResponse<String> json = get("/openapi.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("public"));
        JsonNode document = JsonMapper.builder().build().readTree(json.body());
        assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");

        HttpResponse<String> yaml = get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(YAMLMapper.builder().build().readTree(yaml.body())).as("the YAML is the same document").isEqualTo(document);
    }

    @Test
    void theReferencePageRendersTheContractFromTheServersOwnFilesUnderAStrictContentSecurityPolicy() throws Exception {
        assertThat(get("/reference").statusCode()).as("/reference redirects to the page").isEqualTo(302);
        HttpResponse<String> page = get("/reference/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'").doesNotContain("script-src").doesNotContain("unsafe-eval"));
        assertThat(page.body()).as("no inline script").doesNotContainPattern("<script>\\s*\\S");
        try (HeadlessChromium chromium = HeadlessChromium.start("1280,900")) {
            WebDriver browser = chromium.browser();
            browser.get(baseUri + "/reference/");
            chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".opblock-summary-path[data-path='/api/payment/sync/sale']")));
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("Kasa");
            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) ((JavascriptExecutor) browser)
                    .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(loaded).as("what the page loaded").anyMatch(url -> url.contains("swagger-ui-bundle.js"))
                    .allMatch(url -> url.startsWith(baseUri.toString()));
            chromium.screenshot("reference");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(baseUri.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
