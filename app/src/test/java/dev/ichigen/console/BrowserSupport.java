package dev.ichigen.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.AssertionFailedError;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A headless Chromium for console browser tests, one fresh browser (own profile, no cookies) per test.
 * Register it in a test class annotated with {@code @IchigenIntegrationTest}:
 *
 * <pre>{@code
 * @IchigenIntegrationTest
 * class ProductBrowserTests {
 *     @RegisterExtension
 *     final BrowserSupport browser = new BrowserSupport();
 *
 *     @Test
 *     void ...() {
 *         browser.loginAsAdmin();
 *         browser.open("/products");
 *         browser.waitFor(By.id("..."));
 *     }
 * }
 * }</pre>
 *
 * It finds the app's random port through the Spring test context. Uses Debian's {@code /usr/bin/chromium}
 * and {@code /usr/bin/chromedriver} (override with {@code -Dichigen.chromium=…}, {@code -Dichigen.chromedriver=…});
 * when they are missing the test fails with the install command — browser tests are never silently
 * skipped ({@code .ci/run} installs them). On failure a screenshot goes to
 * {@code app/target/screenshots/<TestClass>.<test>.png}.
 */
public class BrowserSupport implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * Selenium warns on every start that it has no DevTools (CDP) classes for this Chromium version;
     * the tests use WebDriver only, so that warning is noise. Kept in a field: JUL holds loggers weakly.
     */
    private static final java.util.logging.Logger CDP_VERSION_LOGGER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_LOGGER.setLevel(java.util.logging.Level.SEVERE);
    }

    private final String chromium = System.getProperty("ichigen.chromium", "/usr/bin/chromium");
    private final String chromedriver = System.getProperty("ichigen.chromedriver", "/usr/bin/chromedriver");

    private WebDriver driver;
    private Path profile;
    private String baseUrl;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        for (String executable : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new AssertionFailedError("Browser tests need " + executable + " (Chromium and ChromeDriver). "
                        + "Install them with: apt-get install chromium chromium-driver fonts-noto-cjk "
                        + "(.ci/run does this), or point -Dichigen.chromium / -Dichigen.chromedriver at them.");
            }
        }
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("BrowserSupport needs a running server: annotate the test with @IchigenIntegrationTest");
        }
        baseUrl = "http://127.0.0.1:" + port;
        profile = Files.createTempDirectory("ichigen-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,1000", "--lang=ja", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            try {
                screenshot(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                System.err.println("could not take a failure screenshot: " + e);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a path of the app, e.g. {@code /settings/users}. */
    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The path (without query) of the page shown now. */
    public String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Logs in through the login page and waits for the dashboard's navbar. */
    public void login(String username, String password) {
        submitLogin(username, password);
        waitFor(By.id("logout"));
    }

    public void loginAsAdmin() {
        login("admin", dev.ichigen.support.IchigenIntegrationTest.ADMIN_PASSWORD);
    }

    /** Fills and submits the login form without waiting for success (for wrong-password tests). */
    public void submitLogin(String username, String password) {
        open("/login");
        WebElement user = waitFor(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    public void logout() {
        waitFor(By.id("logout")).click();
        waitFor(By.id("logged-out"));
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void waitForText(By locator, String text) {
        new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Scrolls the element to the middle of the window (clear of the navbar and the page's end), then clicks it. */
    public void click(By locator) {
        WebElement element = waitFor(locator);
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** Types into a field after clearing it. */
    public void type(By locator, String text) {
        WebElement field = waitFor(locator);
        field.clear();
        field.sendKeys(text);
    }

    public boolean isPresent(By locator) {
        return !driver.findElements(locator).isEmpty();
    }

    /** Accepts the confirm() dialog that is expected now. */
    public void acceptConfirm() {
        Alert alert = new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.alertIsPresent());
        alert.accept();
    }

    /** True if a JavaScript alert/confirm is open (e.g. after an injected script ran). */
    public boolean alertIsOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Saves a screenshot of the page to {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
