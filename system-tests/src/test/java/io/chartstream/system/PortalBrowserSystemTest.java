package io.chartstream.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by
 * {@code ./chartstream test} when missing) signs in to the portal through Keycloak as alice and
 * finds her lab value on the page.
 */
class PortalBrowserSystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void browser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(
                    "Chromium and ChromeDriver are missing: run ./chartstream test, which installs "
                            + "Debian's chromium and chromium-driver packages, or apt-get install chromium chromium-driver");
        }
        RunningExchange.ensureUp();
        profile = Files.createTempDirectory("chartstream-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aliceSignsInAndSeesHerGlucoseResult() {
        browser.get(RunningExchange.PORTAL + "/record");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertTrue(
                browser.getCurrentUrl().startsWith(RunningExchange.KEYCLOAK + "/realms/chartstream/"),
                "the portal sent the browser to Keycloak: " + browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlContains(RunningExchange.PORTAL + "/record"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("observations")));
        String observations = browser.findElement(By.id("observations")).getText();
        assertTrue(observations.contains("132") && observations.contains("mg/dL"), observations);
        assertTrue(browser.getPageSource().contains("Anderson"), "alice's name is on her record page");
    }
}
