package io.clarion.standalone.browser;

import java.util.function.Function;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its own chromedriver ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; {@code .ci/run} installs both), with a fresh profile in a temporary directory
 * that {@link #close()} deletes, and no network access of the browser's own (updates, sync, component downloads).
 * Selenium Manager is never asked to download anything: both paths are given.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static HeadlessChromium start(Dimension window) {
        Path profile;
        try {
            profile = Files.createTempDirectory("clarion-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary("CLARION_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--no-first-run",
                        "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                        "--window-size=" + window.getWidth() + "," + window.getHeight(), "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(binary("CLARION_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(window);
        return new HeadlessChromium(profile, driver);
    }

    private static String binary(String variable, String fallback) {
        String configured = System.getenv(variable);
        return configured == null || configured.isBlank() ? fallback : configured;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Waits up to {@code timeout} for {@code condition} to be non-null and not false, as WebDriverWait does; an element
     * that went stale meanwhile (a live page re-rendered it) just means "look again".
     */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Saves what the browser shows now, the whole page height, as a PNG under {@code target/}. */
    public Path screenshot(String name) {
        Object height = driver.executeScript("return document.documentElement.scrollHeight");
        Dimension window = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(),
                ((Number) height).intValue() + 200)));
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
