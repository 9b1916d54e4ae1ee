package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.HeadlessChromium;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pictures of docs/dashboard.md: every dashboard page, and the browser terminal, on a
 * desktop (1280 px) and a phone (375 px), each the visible part of the page, drawn by a real
 * server and headless Chromium from a merchant with a day of sales. Not part of any suite
 * (its name is not an IT's); it runs on demand, writing the PNGs into the folder the
 * {@code kasa.screenshots} property names:
 * <pre>
 * ./mvnw -q -B -pl kasa-server -am verify -Dtest='NoSuchTest*' -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DashboardScreenshots -Dkasa.screenshots=../docs/images
 * </pre>
 */
@EnabledIfSystemProperty(named = "kasa.screenshots", matches = ".+")
class DashboardScreenshots extends KasaServerIT {

    /** Large enough to hold one screen, small enough to keep the repository light. */
    private static final long MOST_BYTES = 300 * 1024;

    @Test
    void everyPageOnADesktopAndAPhone() throws Exception {
        Path folder = Path.of(System.getProperty("kasa.screenshots"));
        Files.createDirectories(folder);
        Shop shop = shop("Kasa Café", Behaviour.approve());
        Devices.register(shop.client(), "Counter 2");
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            for (int i = 0; i < 4; i++) {
                shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(),
                        receiver.uri("/orders")), Duration.ofSeconds(20));
            }
            shop.agent().behave(Behaviour.decline());
            shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()),
                    Duration.ofSeconds(20));
            shop.agent().behave(Behaviour.approve());
            SaleResult detailed = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(),
                    UUID.randomUUID().toString(), receiver.uri("/orders")), Duration.ofSeconds(20));
            admin.setMarketplace(shop.merchant().created().merchantId(),
                    new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Kasa Café"));
            long member = MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
            shop.client().payments().syncSaleJson(MarketplaceIT.twoProducts(shop.terminalId(), member), Duration.ofSeconds(20));
            assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(detailed.paymentRequestId()).size() >= 2))
                    .as("the sale shown in detail has its callbacks").isTrue();

            capture(folder, shop, "desktop", "1280,800", detailed.paymentRequestId());
            capture(folder, shop, "phone", "375,812", detailed.paymentRequestId());
        }
    }

    private void capture(Path folder, Shop shop, String device, String size, UUID detailed) throws Exception {
        UUID till = Devices.register(shop.client(), "Browser till (" + device + ")");
        IssuedKey key = shop.merchant().created().privateKey();
        try (HeadlessChromium chromium = HeadlessChromium.start(size, "en-GB")) {
            WebDriver browser = chromium.browser();
            WebDriverWait wait = chromium.waiting();
            Pictures pictures = new Pictures(folder, device, browser);

            browser.get(baseUri + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
            pictures.take("sign-in");
            browser.findElement(By.id("api-client-private")).sendKeys(key.client());
            browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
            browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#per-minute svg")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-totals"), "Successful"));
            pictures.take("overview");

            browser.get(baseUri + "/#/terminals");
            By row = By.cssSelector("#terminal-list tr[data-terminal-id='" + till + "']");
            wait.until(ExpectedConditions.presenceOfElementLocated(row));
            chromium.click(By.cssSelector("#terminal-list tr[data-terminal-id='" + till + "'] button.pair-button"));
            String code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code"))).getText().strip();
            wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "const img = document.querySelector('#pair-panel img.qr'); return img && img.complete && img.naturalWidth > 0;"));
            top(browser);
            pictures.take("terminals");
            String dashboard = browser.getWindowHandle();

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(baseUri + "/terminal/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code"))).sendKeys(code);
            browser.findElement(By.id("pair-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Online"));
            SaleResult waiting = shop.client().payments().asyncSaleJson(
                    Seeds.asyncSale(till, UUID.randomUUID().toString()));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("li.order[data-payment-request-id='" + waiting.paymentRequestId() + "']"), "Kişisel Bakım"));
            top(browser);
            pictures.take("terminal");
            browser.switchTo().window(dashboard);

            browser.get(baseUri + "/#/payments");
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#payment-list tr[data-payment-id='" + waiting.paymentRequestId() + "']")));
            pictures.take("payments");

            browser.get(baseUri + "/#/payments/" + detailed);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Successful"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-callback-id]")));
            pictures.take("payment-detail");

            browser.get(baseUri + "/#/marketplace");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#approvals tr[data-product-id]"), 2));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pool"), "Pooled"));
            pictures.take("marketplace");

            browser.get(baseUri + "/#/payments");
            chromium.click(By.cssSelector("#languages button[data-language='tr']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-list"), "Başarılı"));
            top(browser);
            pictures.take("payments-turkish");
            chromium.click(By.cssSelector("#languages button[data-language='en']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-list"), "Successful"));

            chromium.click(By.id("sign-out"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-sign-in")));
            browser.findElement(By.id("admin-token")).sendKeys(ADMIN_TOKEN);
            browser.findElement(By.cssSelector("#operator-sign-in button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("merchant-list"), "Kasa Café"));
            pictures.take("operator");
        }
    }

    private static void top(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
    }

    /** Writes dashboard-{page}-{device}.png: the visible part of the window, as a reader sees it first. */
    private record Pictures(Path folder, String device, WebDriver browser) {
        void take(String page) throws IOException {
            Path file = folder.resolve("dashboard-" + page + "-" + device + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(file)).as("%s stays small", file).isLessThan(MOST_BYTES);
        }
    }
}
