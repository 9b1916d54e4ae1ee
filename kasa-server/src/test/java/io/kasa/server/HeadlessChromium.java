package io.kasa.server;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through its chromedriver with a fresh profile. CI
 * installs both; when they are missing the test fails saying so rather than skipping.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Chromium's windows are at least this wide (px), even headless. */
    public static final int NARROWEST_WINDOW = 500;

    private final WebDriver browser;
    private final WebDriverWait wait;
    private final Path profile;

    private HeadlessChromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    public static HeadlessChromium start(String windowSize) throws IOException {
        return start(windowSize, "en-GB");
    }

    /**
     * A browser whose window is {@code windowSize} ("width,height") and whose language
     * ({@code navigator.language}) is {@code language}, a BCP 47 tag such as "tr-TR". A width
     * below {@link #NARROWEST_WINDOW}, which Chromium's windows cannot go below, is a phone's:
     * its screen is emulated at that size, as a phone's browser lays the page out.
     */
    public static HeadlessChromium start(String windowSize, String language) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Chromium and chromedriver are needed at %s and %s: apt-get install -y chromium chromium-driver",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("kasa-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + windowSize, "--lang=" + language);
        String[] size = windowSize.split(",");
        int width = Integer.parseInt(size[0].strip());
        if (width < NARROWEST_WINDOW) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", Integer.parseInt(size[1].strip()), "pixelRatio", 1.0)));
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver browser() {
        return browser;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    /**
     * Clicks the element in the middle of the window (clear of the sticky header), finding it
     * again if the page's polling redrew it in between.
     */
    public void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class).until(driver -> {
            WebElement element = driver.findElement(by);
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
            return true;
        });
    }

    public Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
