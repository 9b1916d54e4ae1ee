package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.client.SaleResult;
import io.kasa.server.HeadlessChromium;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment page's cancel and withdraw, the export link and the overview's outcome charts
 * in a real headless Chromium, against a real terminal agent: each action is offered only
 * when the API would accept it, asks first, and a refusal shows the API's message.
 */
class DashboardPaymentsBrowserIT extends KasaServerIT {

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        chromium = HeadlessChromium.start("1280,900");
        browser = chromium.browser();
        wait = chromium.waiting();
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSuccessfulSaleIsCancelledAfterTheMerchantConfirmsIt() throws Exception {
        Shop shop = shop("Browser cancel", Behaviour.approve());
        String code = "cancel-" + UUID.randomUUID();
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), code), Duration.ofSeconds(20));
        signIn(shop);

        browser.get(baseUri + "/#/payments/" + sale.paymentRequestId());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Successful"));
        assertThat(browser.findElements(By.id("withdraw-payment"))).as("the device took the sale").isEmpty();
        chromium.click(By.id("cancel-payment"));
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-action")));
        assertThat(dialog.getText()).contains("Cancel this sale?").contains(code).contains("22");
        chromium.screenshot("payment-cancel-confirm");
        chromium.click(By.id("confirm-keep"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-action")));
        assertThat(shop.client().payments().inquiry(sale.paymentRequestId()).paymentTypeId()).as("kept").isEqualTo(1);

        chromium.click(By.id("cancel-payment"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-action")));
        chromium.click(By.id("confirm-go"));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-payments"), "Cancel order sent to the terminal."));
        wait.until(driver -> driver.findElement(By.id("timeline")).getText().contains("Cancel")
                && driver.findElement(By.id("payment-status")).getText().contains("Successful")
                && driver.findElements(By.id("cancel-payment")).isEmpty());
        var inquiry = shop.client().payments().inquiry(sale.paymentRequestId());
        assertThat(inquiry.paymentTypeId()).isEqualTo(2);
        assertThat(inquiry.paymentStatusId()).isEqualTo(4);
        chromium.screenshot("payment-cancelled");
    }

    @Test
    void aRefusedCancelShowsTheApisMessage() throws Exception {
        Shop shop = shop("Browser refused cancel", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()),
                Duration.ofSeconds(20));
        signIn(shop);
        browser.get(baseUri + "/#/payments/" + sale.paymentRequestId());
        chromium.click(By.id("cancel-payment"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-action")));

        shop.client().payments().asyncCancel(sale.paymentRequestId());
        chromium.click(By.id("confirm-go"));

        WebElement alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#page-payments [role=alert]")));
        assertThat(alert.getText()).isEqualTo("The payment already has a refund or cancel");
    }

    @Test
    void anOrderTheDeviceHasNotTakenIsWithdrawnOnceOffered() throws Exception {
        Shop shop = shop("Browser withdraw", Behaviour.ignore());
        String code = "withdraw-" + UUID.randomUUID();
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code));
        signIn(shop);

        browser.get(baseUri + "/#/payments/" + sale.paymentRequestId());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("withdraw-payment")));
        assertThat(browser.findElements(By.id("cancel-payment"))).as("nothing to cancel yet").isEmpty();
        chromium.click(By.id("withdraw-payment"));
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-action")));
        assertThat(dialog.getText()).contains("Withdraw this order?").contains(code).contains("22");
        chromium.click(By.id("confirm-go"));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Withdrawn"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-payments"), "Order withdrawn."));
        assertThat(browser.findElements(By.id("withdraw-payment"))).isEmpty();
        assertThat(eventually(Duration.ofSeconds(10), () -> shop.agent().withdrawals().size() == 1)).isTrue();
        assertThat(shop.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(12);
    }

    @Test
    void theOverviewDrawsTheOutcomeChartsAndThePaymentsPageExportsItsFilter() throws Exception {
        Shop shop = shop("Browser charts", Behaviour.approve());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 2; i++) {
            shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), "chart-" + i + "-" + tag),
                    Duration.ofSeconds(20));
        }
        shop.agent().behave(Behaviour.decline());
        shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), "other-" + tag), Duration.ofSeconds(20));
        signIn(shop);

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#outcome-charts svg[role=img]"), 4));
        WebElement hourly = browser.findElement(By.cssSelector("#outcome-charts .chart-hours-count"));
        assertThat(hourly.findElement(By.tagName("figcaption")).getText()).isEqualTo("Payments per hour, last 24 hours");
        String description = (String) script("return arguments[0].querySelector('svg desc').textContent;", hourly);
        assertThat(description).isEqualTo("3 payments in the last 24 hours, 2 successful, 1 failed.");
        assertThat(hourly.findElements(By.cssSelector("rect[data-series=Successful]"))).isNotEmpty();
        assertThat(hourly.findElements(By.cssSelector("rect[data-series=Failed]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".chart-days-amount rect[data-series=Successful]"))).isNotEmpty();
        script("document.getElementById('outcome-charts').scrollIntoView();");
        chromium.screenshot("overview-outcomes");

        browser.manage().window().setSize(new Dimension(390, 844));
        Long overflow = (Long) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("the charts fit a phone's width").isLessThanOrEqualTo(0L);
        script("document.getElementById('outcome-charts').scrollIntoView();");
        chromium.screenshot("overview-outcomes-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        browser.get(baseUri + "/#/payments");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#payment-list tr[data-payment-id]"), 3));
        browser.findElement(By.cssSelector("#payment-filters input[name=merchantUniqueCode]")).sendKeys("chart-");
        chromium.click(By.cssSelector("#payment-filters button[type=submit]"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#payment-list tr[data-payment-id]"), 2));
        String href = browser.findElement(By.id("payment-export")).getAttribute("href");
        assertThat(href).endsWith("/dashboard/api/payments/export?merchantUniqueCode=chart-");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
        String[] lines = csv.split("\r?\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("PaymentRequestId,");
        assertThat(csv).contains("chart-0-" + tag, "chart-1-" + tag).doesNotContain("other-" + tag);
    }

    private void signIn(Shop shop) {
        IssuedKey key = shop.merchant().created().privateKey();
        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
        browser.findElement(By.id("api-client-private")).sendKeys(key.client());
        browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
        browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
