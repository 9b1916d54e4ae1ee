package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.client.SaleResult;
import io.kasa.client.Terminal;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.HeadlessChromium;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-minute walkthrough in a real browser: sign in to the dashboard, register a
 * terminal and pair the browser terminal with the code shown, send a sale through the API,
 * approve it at the browser terminal, watch it turn successful on the dashboard without a
 * reload, and re-send its callback.
 */
class DashboardEndToEndIT extends KasaServerIT {

    @Test
    void aSaleApprovedAtTheBrowserTerminalTurnsSuccessfulOnTheDashboard() throws Exception {
        var merchant = newMerchant("walkthrough");
        IssuedKey key = merchant.created().privateKey();
        try (CallbackReceiver receiver = CallbackReceiver.start();
             HeadlessChromium chromium = HeadlessChromium.start("1280,900")) {
            WebDriver browser = chromium.browser();
            var wait = chromium.waiting();

            browser.get(baseUri.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
            browser.findElement(By.id("api-client-private")).sendKeys(key.client());
            browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
            browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#per-minute svg")));

            browser.get(baseUri.resolve("/#/terminals").toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("terminal-name"))).sendKeys("Browser till");
            browser.findElement(By.id("terminal-serial")).sendKeys("BROWSER-TILL-1");
            browser.findElement(By.cssSelector("#register-terminal button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-list"), "Browser till"));
            chromium.click(By.xpath("//tr[contains(., 'Browser till')]//button[contains(@class, 'pair-button')]"));
            String code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code"))).getText().strip();
            assertThat(code).matches("[0-9]{6}");
            chromium.screenshot("walkthrough-pair-code");
            String dashboard = browser.getWindowHandle();

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(baseUri.resolve("/terminal/").toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code"))).sendKeys(code);
            browser.findElement(By.id("pair-button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "Online"));
            String terminalTab = browser.getWindowHandle();

            browser.switchTo().window(dashboard);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.xpath("//tr[contains(., 'Browser till')]"), "Online"));
            UUID terminalId = merchant.client().terminals().list(0, 10).items().stream()
                    .filter(terminal -> "Browser till".equals(terminal.name())).map(Terminal::id).findFirst().orElseThrow();

            SaleResult sale = merchant.client().payments().asyncSaleJson(
                    Seeds.asyncSale(terminalId, UUID.randomUUID().toString(), receiver.uri("/walkthrough")));
            browser.get(baseUri.resolve("/#/payments").toString());
            By row = By.cssSelector("#payment-list tr[data-payment-id='" + sale.paymentRequestId() + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row));

            browser.switchTo().window(terminalTab);
            By order = By.cssSelector("li.order[data-payment-request-id='" + sale.paymentRequestId() + "']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(order, "Kişisel Bakım"));
            chromium.screenshot("virtual-terminal");
            chromium.click(By.cssSelector("li.order[data-payment-request-id='" + sale.paymentRequestId() + "'] .approve"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(order));

            browser.switchTo().window(dashboard);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#payment-list tr[data-payment-id='" + sale.paymentRequestId() + "'] .status"), "Successful"));
            chromium.screenshot("dashboard-payments");
            assertThat(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(4);

            assertThat(eventually(java.time.Duration.ofSeconds(20),
                    () -> receiver.forPayment(sale.paymentRequestId()).size() == 4)).isTrue();
            chromium.click(By.cssSelector("#payment-list tr[data-payment-id='" + sale.paymentRequestId() + "'] a"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Successful"));
            chromium.screenshot("dashboard-payment-detail");
            chromium.click(By.cssSelector(".resend-button"));
            assertThat(eventually(java.time.Duration.ofSeconds(20),
                    () -> receiver.forPayment(sale.paymentRequestId()).size() == 5)).as("the callback was sent again").isTrue();
        }
    }
}
