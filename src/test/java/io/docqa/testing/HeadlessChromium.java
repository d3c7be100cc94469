package io.docqa.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver (no browser download). Paths can be overridden with
 * DOCQA_CHROMIUM and DOCQA_CHROMEDRIVER. Screenshots go to target/screenshots/.
 */
public final class HeadlessChromium {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DOCQA_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("DOCQA_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    public static HeadlessChromium start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("docqa-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Waits up to 60 s. */
    public WebDriverWait waitFor() {
        return wait;
    }

    /** Signs in as the administrator through the login page and waits for the Ask view. */
    public void signInAsAdmin(URL root) {
        signIn(root, Api.ADMIN, Api.ADMIN_PASSWORD);
    }

    /** Opens {@code root}, is sent to the login page, signs in and waits for the Ask view. */
    public void signIn(URL root, String username, String password) {
        driver.get(root.toString());
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("input[name='username']"))).sendKeys(username);
        driver.findElement(By.cssSelector("input[name='password']"))
                .sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("ask-button")));
    }

    /** Clicks through JavaScript (Vaadin overlays can cover the element for WebDriver's own click). */
    public void click(WebElement element) {
        driver.executeScript("arguments[0].click();", element);
    }

    /** Saves what the browser shows to target/screenshots/{@code name}. */
    public Path screenshot(String name) throws IOException {
        return Files.write(SCREENSHOTS.resolve(name),
                driver.getScreenshotAs(OutputType.BYTES));
    }
}
