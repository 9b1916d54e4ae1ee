package io.kasa.server.virtualterminal;

import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.PairAsyncRequest;
import io.kasa.client.PairAsyncRequestStatus;
import io.kasa.client.PairAsyncStatus;
import io.kasa.client.PairRequest;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual terminal at {@code /terminal/} in a real headless Chromium, at a phone's width,
 * acting as a device through the documented protocol only: pair with a code, go online,
 * approve and decline sales, and lose an order the merchant withdraws.
 */
class VirtualTerminalBrowserIT extends KasaServerIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Path profile;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The browser tests need Chromium at " + CHROMIUM + " and its driver at "
                    + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)");
        }
        profile = Files.createTempDirectory("kasa-vt-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--user-data-dir=" + profile);
        // A phone: headless Chromium keeps windows at least 500 px wide, so emulate the screen.
        options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", 360, "height", 760, "pixelRatio", 1.0, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aCashierPairsTheBrowserAndApprovesDeclinesAndLosesWithdrawnOrders() throws IOException {
        KasaClient merchant = newMerchant("virtual terminal").client();
        UUID terminalId = Devices.register(merchant, "Browser till");
        PairRequest code = merchant.pairing().request(TerminalRef.id(terminalId));

        browser.get(baseUri.resolve("/terminal/").toString());
        WebElement codeInput = waitFor(By.id("pair-code"));
        assertThat(codeInput.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(browser.findElement(By.id("serial-no")).getDomProperty("value")).startsWith("VT-");
        codeInput.sendKeys(wrongCode(code.pairCode()));
        browser.findElement(By.id("pair-button")).click();
        assertThat(waitFor(By.id("pair-error")).getText()).isNotBlank();
        codeInput.clear();
        codeInput.sendKeys(code.pairCode());
        screenshot("pair-screen");
        browser.findElement(By.id("pair-button")).click();

        awaitConnectionState("Online");
        assertThat(eventually(WAIT, () ->
                merchant.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected())).isTrue();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("terminal-name"), "· Browser till"));
        assertThat(browser.findElement(By.id("no-history")).getText()).startsWith("None yet");

        SaleResult approved = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        WebElement order = awaitOrderOf(approved);
        assertThat(order.findElement(By.className("display-code")).getText()).isEqualTo("Kişisel Bakım");
        assertThat(order.findElement(By.className("amount")).getText()).isEqualTo("22.00 TRY");
        assertThat(order.findElement(By.className("products")).getText()).contains("Saç Tıraşı × 1");
        assertThat(order.findElement(By.className("customer")).getText()).contains("eda seda meda");
        screenshot("online-with-order");
        order.findElement(By.className("approve")).click();
        assertThat(eventually(WAIT, () -> status(merchant, approved) == 4))
                .as("the approved sale ends Successful").isTrue();
        // the result screen: the outcome, then the history of this terminal in this browser
        waitFor(By.id("result-screen"));
        assertThat(browser.findElement(By.id("result-outcome")).getText()).isEqualTo("Sale approved");
        assertThat(browser.findElement(By.id("result-amount")).getText()).isEqualTo("22.00 TRY");
        assertThat(browser.findElement(By.id("result-detail")).getText()).contains("Kişisel Bakım").contains("card 4111 11**");
        assertThat(browser.findElement(By.id("pending-screen")).isDisplayed()).isFalse();
        assertThat(historyRows()).hasSize(1);
        assertThat(historyRows().getFirst().getText()).contains("22.00 TRY").contains("Kişisel Bakım").contains("Approved");
        String zone = (String) ((JavascriptExecutor) browser).executeScript(
                "return new Intl.DateTimeFormat(undefined, {timeZoneName: 'short'}).formatToParts(new Date())"
                        + ".find(part => part.type === 'timeZoneName').value");
        assertThat(historyRows().getFirst().findElement(By.className("time")).getText()).as("a time with its zone")
                .matches(".*\\d{2}:\\d{2}:\\d{2}.*").endsWith(" " + zone);
        screenshot("result-approved");
        browser.findElement(By.id("result-done")).click();
        waitFor(By.id("pending-screen"));
        awaitNoOrderOf(approved);

        // Decline asks first; keeping the order sends nothing
        SaleResult declined = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        awaitOrderOf(declined).findElement(By.className("decline")).click();
        WebElement confirm = waitFor(By.cssSelector(orderSelector(declined) + " .confirm-decline"));
        assertThat(confirm.getText()).contains("Decline this sale of 22.00 TRY? The customer is not charged.");
        screenshot("decline-confirmation");
        confirm.findElement(By.className("decline-kept")).click();
        WebElement kept = waitFor(By.cssSelector(orderSelector(declined) + " .approve"));
        assertThat(kept.isEnabled()).as("no decision was made").isTrue();
        assertThat(browser.findElement(By.cssSelector(orderSelector(declined) + " .confirm-decline")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector(orderSelector(declined) + " .decline")).click();
        waitFor(By.cssSelector(orderSelector(declined) + " .decline-confirmed")).click();
        assertThat(eventually(WAIT, () -> status(merchant, declined) == 5))
                .as("the declined sale ends Failed").isTrue();
        waitFor(By.id("result-screen"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("result-outcome"), "Sale declined"));
        assertThat(historyRows()).hasSize(2);
        assertThat(historyRows().getFirst().getText()).as("newest first").contains("Declined");
        assertThat(historyRows().get(1).getText()).contains("Approved");
        browser.findElement(By.id("result-done")).click();
        awaitNoOrderOf(declined);

        SaleResult withdrawn = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        awaitOrderOf(withdrawn);
        // The merchant may withdraw an order only once it is five seconds old.
        assertThat(eventually(Duration.ofSeconds(15), () -> rolledBack(merchant, withdrawn))).isTrue();
        awaitNoOrderOf(withdrawn);
        assertThat(browser.findElement(By.id("notice")).getText()).contains("withdrawn");
        assertThat(browser.findElement(By.id("connection-state")).getText()).isEqualTo("Online");

        browser.findElement(By.id("unpair-button")).click();
        waitFor(By.id("pair-code"));
        assertThat(eventually(WAIT, () ->
                !merchant.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected())).isTrue();
    }

    /** With an async code the browser says it waits for the merchant's confirmation, and goes online once confirmed. */
    @Test
    void theBrowserWaitsForTheMerchantsConfirmationOfAnAsyncCode() throws IOException {
        KasaClient merchant = newMerchant("virtual terminal async").client();
        UUID terminalId = Devices.register(merchant, "Browser async till");
        PairAsyncRequest code = merchant.asyncPairing().request(TerminalRef.id(terminalId));

        browser.get(baseUri.resolve("/terminal/").toString());
        WebElement codeInput = waitFor(By.id("pair-code"));
        String serial = browser.findElement(By.id("serial-no")).getDomProperty("value");
        codeInput.sendKeys(code.pairCode());
        browser.findElement(By.id("pair-button")).click();

        assertThat(waitFor(By.id("pair-waiting")).getText()).contains("Waiting for confirmation");
        screenshot("waiting-for-confirmation");
        PairAsyncRequestStatus claimed = merchant.asyncPairing().status(code.pairAsyncRequestId());
        assertThat(claimed.status()).isEqualTo(PairAsyncStatus.WAITING_FOR_CONFIRMATION);
        assertThat(claimed.serialNo()).isEqualTo(serial);
        assertThat(claimed.model()).isEqualTo("Browser");
        assertThat(browser.findElement(By.id("connection-state")).getText()).isEqualTo("Offline");

        merchant.asyncPairing().confirm(code.pairAsyncRequestId());

        awaitConnectionState("Online");
        assertThat(eventually(WAIT, () ->
                merchant.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected())).isTrue();
    }

    private static String wrongCode(String code) {
        return String.valueOf((Character.getNumericValue(code.charAt(0)) + 1) % 10) + code.substring(1);
    }

    private static int status(KasaClient merchant, SaleResult sale) {
        return merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId();
    }

    private static boolean rolledBack(KasaClient merchant, SaleResult sale) {
        try {
            merchant.payments().rollbackSale(sale.paymentRequestId());
            return true;
        } catch (KasaException tooEarly) {
            sleep(Duration.ofMillis(500));
            return false;
        }
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void awaitConnectionState(String state) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("connection-state"), state));
    }

    private WebElement awaitOrderOf(SaleResult sale) {
        return waitFor(orderOf(sale));
    }

    private void awaitNoOrderOf(SaleResult sale) {
        new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(orderOf(sale)).isEmpty());
    }

    private static By orderOf(SaleResult sale) {
        return By.cssSelector(orderSelector(sale));
    }

    private static String orderSelector(SaleResult sale) {
        return "li.order[data-order-id][data-payment-request-id='" + sale.paymentRequestId() + "']";
    }

    private List<WebElement> historyRows() {
        return browser.findElements(By.cssSelector("#history tbody tr"));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve("virtual-terminal-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
