package io.kasa.server.dashboard;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.IssuedKey;
import io.kasa.server.Devices;
import io.kasa.server.HeadlessChromium;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.PairResult;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver, which CI
 * installs): signing in as a merchant and as the operator, every page, a screenshot of each
 * in {@code target/screenshots}. Missing browsers fail the test rather than skip it.
 */
class DashboardBrowserIT extends KasaServerIT {

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
    void aMerchantSignsInAndSeesEveryPage() throws Exception {
        Shop shop = shop("Browser shop", Behaviour.approve());
        for (int i = 0; i < 3; i++) {
            shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()),
                    Duration.ofSeconds(20));
        }
        IssuedKey key = shop.merchant().created().privateKey();

        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
        screenshot("sign-in");
        browser.findElement(By.id("api-client-private")).sendKeys(key.client());
        browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
        browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#per-minute svg")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-totals"), "Successful"));
        screenshot("overview");

        browser.get(baseUri + "/#/terminals");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-list"), "Online"));
        browser.findElement(By.id("terminal-name")).sendKeys("Counter 2");
        browser.findElement(By.id("terminal-serial")).sendKeys("BROWSER-2");
        browser.findElement(By.cssSelector("#register-terminal button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-list"), "Counter 2"));
        click(By.xpath("//tr[contains(., 'Counter 2')]//button[contains(@class, 'pair-button')]"));
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code")));
        assertThat(code.getText()).matches("\\d{6}");
        wait.until(driver -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const img = document.querySelector('#pair-panel img.qr'); return img && img.complete && img.naturalWidth > 0;"));
        screenshot("terminals");

        browser.get(baseUri + "/#/payments");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#payment-list tr[data-payment-id]"), 3));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#payment-list tr[data-payment-id] .status"), "Successful"));
        screenshot("payments");
        click(By.cssSelector("#payment-list tr[data-payment-id] a"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Successful"));
        screenshot("payment-detail");

        admin.setMarketplace(shop.merchant().created().merchantId(), new io.kasa.client.Marketplace.Settings(true, true,
                io.kasa.server.marketplace.MarketplaceIT.PLATFORM_IBAN, "Platform"));
        long member = io.kasa.server.marketplace.MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        shop.client().payments().syncSaleJson(io.kasa.server.marketplace.MarketplaceIT.twoProducts(shop.terminalId(), member),
                Duration.ofSeconds(20));
        browser.get(baseUri + "/#/marketplace");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pool"), "Pooled"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#approvals tr[data-product-id]"), 2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("debts"), "No debts."));
        screenshot("marketplace");
        click(By.cssSelector("#approvals tr[data-product-id] button.approve"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#approvals tr[data-product-id]"), 1));
        click(By.cssSelector("#approvals tr[data-product-id] button.reject"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals"), "Nothing waits for approval."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("earnings"), "Rejected"));
        assertThat(browser.findElement(By.id("earnings")).getText()).contains("Scheduled", "Pooled");
        screenshot("marketplace-decided");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(baseUri + "/#/payments");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#payment-list tr[data-payment-id]"), 4));
        Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("the page fits a phone's width; wide tables scroll inside their box").isLessThanOrEqualTo(0L);
        screenshot("payments-phone");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
        assertThat(browser.getPageSource()).doesNotContain(key.secret());
    }

    /**
     * Async pairing from the terminals page: the merchant asks for an async code, a device
     * enters it, the page shows the terminal waiting for confirmation with the device's serial
     * number and model, and the Confirm button pairs it.
     */
    @Test
    void aMerchantConfirmsTheDeviceThatClaimedAnAsyncCode() throws Exception {
        MerchantFixture merchant = newMerchant("Async browser shop");
        UUID terminalId = Devices.register(merchant.client(), "Async till");
        IssuedKey key = merchant.created().privateKey();
        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
        browser.findElement(By.id("api-client-private")).sendKeys(key.client());
        browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
        browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));

        browser.get(baseUri + "/#/terminals");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-list"), "Async till"));
        click(By.xpath("//tr[contains(., 'Async till')]//button[contains(@class, 'async-pair-button')]"));
        String code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pair-code"))).getText();
        assertThat(code).matches("\\d{6}");

        TerminalAgent device = track(TerminalAgent.builder().server(baseUri).store(DeviceStore.inMemory())
                .serialNo("SN-DASHBOARD").model("A910").appVersion("test")
                .confirmPollInterval(Duration.ofMillis(200)).build());
        CompletableFuture<PairResult> pairing = CompletableFuture.supplyAsync(() -> {
            try {
                return device.pair(code);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });

        By row = By.xpath("//tr[contains(., 'Async till')]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Waiting for confirmation"));
        assertThat(browser.findElement(row).getText()).contains("SN-DASHBOARD").contains("A910");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pair-panel"), "SN-DASHBOARD"));
        assertThat(pairing).isNotDone();
        screenshot("terminals-waiting-for-confirmation");

        click(By.xpath("//tr[contains(., 'Async till')]//button[contains(@class, 'confirm-button')]"));

        PairResult paired = pairing.get(30, TimeUnit.SECONDS);
        assertThat(paired.terminalId()).isEqualTo(terminalId.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pair-panel"), "is paired"));
        wait.until(driver -> !driver.findElement(row).getText().contains("Waiting for confirmation"));
        assertThat(browser.findElement(row).getText()).contains("Yes");
    }

    @Test
    void theOperatorSignsInCreatesAMerchantAndSeesItsKeys() throws Exception {
        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-sign-in")));
        browser.findElement(By.id("admin-token")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#operator-sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-list")));

        browser.findElement(By.id("merchant-name")).sendKeys("Browser operator shop");
        browser.findElement(By.cssSelector("#create-merchant button[type=submit]")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-secret")));
        assertThat(secret.getText()).contains("Private secret");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("merchant-list"), "Browser operator shop"));
        screenshot("operator-merchants");

        click(By.xpath("//div[@id='merchant-list']//a[. = 'Browser operator shop']"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 3));
        assertThat(browser.findElements(By.id("issued-secret"))).as("a secret is not shown again").isEmpty();
        screenshot("operator-keys");
    }

    /**
     * A phone (375 px wide) whose browser speaks Turkish: the dashboard follows the browser's
     * language, every page fits the width (nothing scrolls sideways), every list is cards whose
     * status, amount, terminal and actions are shown inside the screen, the names of statuses,
     * units and tax rates are the human ones, times carry their zone, and the language picked
     * with the switch is remembered over a reload.
     */
    @Test
    void onAPhoneInTurkishEveryPageFitsAndListsAreCards() throws Exception {
        chromium.close();
        chromium = HeadlessChromium.start("375,812", "tr-TR");
        browser = chromium.browser();
        wait = chromium.waiting();

        Shop shop = shop("Telefon dükkanı", Behaviour.approve());
        for (int i = 0; i < 2; i++) {
            shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()),
                    Duration.ofSeconds(20));
        }
        admin.setMarketplace(shop.merchant().created().merchantId(), new io.kasa.client.Marketplace.Settings(true, true,
                io.kasa.server.marketplace.MarketplaceIT.PLATFORM_IBAN, "Platform"));
        long member = io.kasa.server.marketplace.MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        shop.client().payments().syncSaleJson(io.kasa.server.marketplace.MarketplaceIT.twoProducts(shop.terminalId(), member),
                Duration.ofSeconds(20));
        IssuedKey key = shop.merchant().created().privateKey();

        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-sign-in")));
        assertThat(script("return window.innerWidth;")).as("the window is a phone's width").isEqualTo(375L);
        assertThat(script("return document.documentElement.lang;")).isEqualTo("tr");
        assertThat(browser.findElement(By.cssSelector(".sign-in h1")).getText()).isEqualTo("Kasa paneli");
        fitsThePhone("sign-in");
        browser.findElement(By.id("api-client-private")).sendKeys(key.client());
        browser.findElement(By.id("api-key-private")).sendKeys(key.secret());
        browser.findElement(By.cssSelector("#merchant-sign-in button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#per-minute svg")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-totals"), "Başarılı"));
        assertThat(browser.findElement(By.id("nav")).getText()).contains("Genel bakış", "Ödemeler", "Pazaryeri");
        fitsThePhone("overview");

        browser.get(baseUri + "/#/terminals");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-list"), "Çevrim içi"));
        fitsThePhone("terminals");
        shown(By.cssSelector("#terminal-list tr[data-terminal-id] td[data-label='Terminal']"));
        shown(By.cssSelector("#terminal-list tr[data-terminal-id] td.online"));
        shown(By.cssSelector("#terminal-list tr[data-terminal-id] td.actions button.pair-button"));

        browser.get(baseUri + "/#/payments");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#payment-list tr[data-payment-id]"), 3));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#payment-list tr[data-payment-id] .status"), "Başarılı"));
        fitsThePhone("payments");
        By firstPayment = By.cssSelector("#payment-list tr[data-payment-id]:first-child");
        shown(new ByChained(firstPayment, By.cssSelector("td.status .badge")));
        shown(new ByChained(firstPayment, By.cssSelector("td.amount")));
        shown(new ByChained(firstPayment, By.cssSelector("td[data-label='Terminal']")));
        shown(new ByChained(firstPayment, By.cssSelector("td a")));
        assertThat(browser.findElement(firstPayment).findElement(By.cssSelector("td[data-label='Terminal']")).getText())
                .contains("Telefon dükkanı till");
        assertThat(browser.findElement(firstPayment).findElement(By.cssSelector("td[data-label='Tür']")).getText())
                .contains("Satış");
        assertThat(browser.findElement(firstPayment).findElement(By.cssSelector("td a")).getText())
                .as("a time carries its zone").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT\\+3");

        click(new ByChained(firstPayment, By.cssSelector("td a")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("payment-status"), "Başarılı"));
        fitsThePhone("payment detail");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("GMT+3", "Satış");
        By product = By.xpath("//h2[. = 'Ürünler']/following-sibling::div[1]//tbody/tr[1]");
        assertThat(browser.findElement(product).findElement(By.cssSelector("td[data-label='KDV']")).getText())
                .isEqualTo("%10");
        shown(new ByChained(product, By.cssSelector("td.amount")));

        browser.get(baseUri + "/#/marketplace");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#approvals tr[data-product-id]"), 2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pool"), "Havuzda"));
        fitsThePhone("marketplace");
        shown(By.cssSelector("#approvals tr[data-product-id] td.amount"));
        shown(By.cssSelector("#approvals tr[data-product-id] button.approve"));
        shown(By.cssSelector("#approvals tr[data-product-id] button.reject"));
        click(By.cssSelector("#approvals tr[data-product-id] button.approve"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#approvals tr[data-product-id]"), 1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("earnings"), "Planlandı"));
        shown(By.cssSelector("#earnings tr[data-earning-id] td.earning-status .badge"));
        fitsThePhone("marketplace, decided");

        click(By.cssSelector("#languages button[data-language='en']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "Payments"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("earnings"), "Scheduled"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("earnings"), "Scheduled"));
        assertThat(script("return document.documentElement.lang;")).as("the language picked is remembered").isEqualTo("en");
        click(By.cssSelector("#languages button[data-language='tr']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav"), "Ödemeler"));

        click(By.id("sign-out"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-sign-in")));
        browser.findElement(By.id("admin-token")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#operator-sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#merchant-list tr[data-merchant-id]")));
        fitsThePhone("operator's merchants");
        shown(By.cssSelector("#merchant-list tr[data-merchant-id] a"));
        browser.get(baseUri + "/#/operator/" + shop.merchant().created().merchantId());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 3));
        fitsThePhone("operator's keys");
        shown(By.cssSelector("tr[data-key-id] td[data-label='Durum'] .badge"));
        shown(By.cssSelector("tr[data-key-id] td.actions button"));
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            String row = driver.findElement(By.cssSelector("tr[data-key-id]")).getText();
            return row.contains("Etkin") && row.contains("GMT+3");
        });
    }

    /** Nothing on the page is wider than the window, so nothing scrolls sideways. */
    private void fitsThePhone(String page) {
        Long overflow = (Long) script("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as("%s fits a 375 px phone without scrolling sideways", page).isLessThanOrEqualTo(0L);
    }

    /**
     * Every element found is displayed and lies within the window's width; found again when
     * the page's polling redraws it in between.
     */
    private void shown(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> elements = driver.findElements(by);
            assertThat(elements).as("%s is on the page", by).isNotEmpty();
            for (WebElement element : elements) {
                assertThat(element.isDisplayed()).as("%s is displayed", by).isTrue();
                assertThat((Boolean) script("const box = arguments[0].getBoundingClientRect();"
                        + " return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth;", element))
                        .as("%s lies within the phone's width", by).isTrue();
            }
            return true;
        });
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    @Test
    void theOperatorRotatesAKeyWithATypedGracePeriodAndSeesWhenTheOldOneStops() throws Exception {
        CreatedMerchant merchant = admin.createMerchant("Rotating florist");
        UUID privateKey = merchant.privateKey().keyId();
        UUID publicKey = merchant.publicKey().keyId();
        signInAsOperator();
        browser.get(baseUri + "/#/operator/" + merchant.merchantId());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 3));

        click(rotateButton(privateKey));
        WebElement amount = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grace-amount")));
        Select unit = new Select(browser.findElement(By.id("grace-unit")));
        assertThat(amount.getDomProperty("value")).as("a day by default").isEqualTo("24");
        assertThat(unit.getFirstSelectedOption().getText()).isEqualTo("hours");

        // the page's bounds: more than 7 days, and a zero typed by mistake, are refused before anything is sent
        for (String typed : new String[]{"8", "0", "1.5"}) {
            amount.clear();
            amount.sendKeys(typed);
            unit.selectByValue("days");
            click(By.cssSelector("#rotate-key button[type=submit]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rotate-key"),
                    "Grace period must be a whole number from 1 to 7 days"));
            assertThat(browser.findElements(By.id("rotation-confirm"))).as(typed).isEmpty();
        }
        // the server is the authority: past the page's bounds, it refuses naming the field
        ((JavascriptExecutor) browser).executeScript("document.getElementById('grace-amount').removeAttribute('max')");
        amount.clear();
        amount.sendKeys("8");
        click(By.cssSelector("#rotate-key button[type=submit]"));
        click(By.id("rotation-confirmed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"), "GraceSeconds"));
        assertThat(keyState(privateKey)).isEqualTo("active");

        // two hours: the confirmation names the merchant and the end, with its time zone; going back changes nothing
        click(rotateButton(privateKey));
        amount = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grace-amount")));
        amount.clear();
        amount.sendKeys("2");
        click(By.cssSelector("#rotate-key button[type=submit]"));
        WebElement confirmation = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotation-confirm")));
        String zone = (String) ((JavascriptExecutor) browser).executeScript(
                "return new Intl.DateTimeFormat(undefined, {timeZoneName: 'short'}).formatToParts(new Date())"
                        + ".find(part => part.type === 'timeZoneName').value");
        assertThat(confirmation.getText())
                .contains("The current Private key pair of Rotating florist stops working at ")
                .contains(zone + "; integrations must switch to the new keys before then.");
        screenshot("operator-rotate-confirm");
        click(By.xpath("//div[@id='rotation-confirm']//button[. = 'Go back']"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.id("rotation-confirm"), 0));
        assertThat(keyState(privateKey)).isEqualTo("active");

        Instant before = Instant.now();
        click(By.cssSelector("#rotate-key button[type=submit]"));
        click(By.id("rotation-confirmed"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-secret"))).getText())
                .contains("Private key rotated").contains("Private secret");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-key-id]"), 4));
        Instant expires = jdbc.sql("select expires_at from merchant_key where id = :id").param("id", privateKey)
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(expires).isBetween(before.plus(Duration.ofHours(2)), Instant.now().plus(Duration.ofHours(2)));
        assertThat(keyState(privateKey)).as("it works until its grace ends").isEqualTo("active");

        // stopping the old key at once is a choice of its own, with its own warning
        click(rotateButton(publicKey));
        click(By.id("grace-mode-now"));
        assertThat(browser.findElement(By.id("grace-amount")).isEnabled()).isFalse();
        click(By.cssSelector("#rotate-key button[type=submit]"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rotation-confirm"))).getText())
                .contains("The current Public key pair of Rotating florist stops working at once");
        click(By.id("rotation-confirmed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("issued-secret"), "Public key rotated"));
        assertThat(keyState(publicKey)).isEqualTo("revoked");
    }

    private By rotateButton(UUID keyId) {
        return By.xpath("//tr[@data-key-id='" + keyId + "']//button[. = 'Rotate']");
    }

    /** What the server holds of a key: revoked, ending (a grace set) or active. */
    private String keyState(UUID keyId) {
        return jdbc.sql("""
                        select case when revoked_at is not null then 'revoked' when expires_at <= now() then 'ended'
                                    else 'active' end from merchant_key where id = :id""")
                .param("id", keyId).query(String.class).single();
    }

    private void signInAsOperator() {
        browser.get(baseUri + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("operator-sign-in")));
        browser.findElement(By.id("admin-token")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#operator-sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("merchant-list")));
    }

    private void click(By by) {
        chromium.click(by);
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
