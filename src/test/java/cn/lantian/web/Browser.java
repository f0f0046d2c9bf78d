package cn.lantian.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium per test class, driven through Debian's chromedriver (never a downloaded
 * browser), with a fresh profile. A failed test leaves a screenshot in target/screenshots/. Without
 * Chromium every test is skipped, saying why. {@code -Dlantian.chromium} and {@code -Dlantian.chromedriver} point
 * elsewhere than /usr/bin.
 */
public class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {
    static final String SKIPPED = "browser tests skipped: Chromium not installed";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ChromeDriverService service;
    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        File chromium = new File(System.getProperty("lantian.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("lantian.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            System.out.println(SKIPPED + " (" + chromium + ", " + chromedriver + ")");
            return;
        }
        profile = Files.createTempDirectory("lantian-chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN", "--window-size=1280,1000");
        driver = new ChromeDriver(service, options);
    }

    /** Each test is reported skipped, with the reason, rather than silently missing from the count. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(driver != null, SKIPPED);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
    }

    /** Saves the page as target/screenshots/{name}.png (full height of the page). */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            long height = (Long) js("return Math.max(document.body.scrollHeight, window.innerHeight);");
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 120, 6000)));
            Path shot = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(size);
            return shot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url, int width) {
        driver.manage().window().setSize(new Dimension(width, 1000));
        driver.get(url);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the condition holds; {@code what} names it when it never does. */
    public void until(String what, java.util.function.Function<ChromeDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(d -> condition.apply(driver));
    }

    public WebElement visible(String css) {
        until(css + " visible", d -> d.findElements(By.cssSelector(css)).stream().anyMatch(WebElement::isDisplayed));
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The input or select of a record field, by its JSON path. */
    public WebElement field(String path) {
        return visible("[data-field=\"" + path + "\"]");
    }

    public void type(String path, Object value) {
        WebElement e = field(path);
        e.clear();
        e.sendKeys(String.valueOf(value));
    }

    public void choose(String path, String value) {
        new Select(field(path)).selectByValue(value);
    }

    public void choose(WebElement select, String value) {
        new Select(select).selectByValue(value);
    }

    /**
     * Sets a time field to an instant, written as the browser's own local time (what an inspector in the
     * machine's zone would type): the test says the instant, whatever zone the machine runs in.
     */
    public void time(String path, String instant) {
        js("const d = new Date(arguments[1]); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
                + "arguments[0].value = d.toISOString().slice(0, 16);"
                + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", field(path), instant);
    }

    /** Whether the page fits the window's width: nothing to scroll sideways. */
    public boolean fitsWidth() {
        return (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;");
    }
}
