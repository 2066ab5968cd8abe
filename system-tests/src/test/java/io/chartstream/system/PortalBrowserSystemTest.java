package io.chartstream.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by
 * {@code ./chartstream test} when missing) signs in to the portal through Keycloak as alice and
 * finds her lab value on the page, then sees who can see her record and changes her sharing choices.
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
        signedInAt("/record");
        wait(By.id("observations"));
        String observations = browser.findElement(By.id("observations")).getText();
        assertTrue(observations.contains("132") && observations.contains("mg/dL"), observations);
        assertTrue(browser.getPageSource().contains("Anderson"), "alice's name is on her record page");
    }

    /**
     * Rule 7 of "who may see a record": the demo's relationships with their basis, dr.novak's
     * break-the-glass session and alice's block of northside-pediatrics; then she withholds a
     * category, the exchange enforces it (its Consent says so), and she takes it back.
     */
    @Test
    void aliceSeesWhoCanSeeHerRecordAndChangesHerChoices() {
        signedInAt("/sharing");
        wait(By.id("relationships"));
        assertEquals("identifier", row("relationships", "riverside-clinic").getAttribute("data-basis"));
        assertEquals("identifier", row("relationships", "st-marys-hospital").getAttribute("data-basis"));
        assertTrue(row("relationships", "st-marys-hospital").getText().contains("SMH-778812"));
        WebElement glass = row("emergency-access", "northside-pediatrics");
        assertTrue(glass.getText().contains("dr.novak") && glass.getText().contains("unconscious"), glass.getText());
        assertTrue(browser.findElement(By.id("block-northside-pediatrics")).isSelected(), "alice blocked northside");
        assertFalse(browser.findElement(By.id("withhold-SEX")).isSelected());

        save(By.id("withhold-SEX"));
        assertTrue(browser.findElement(By.id("withhold-SEX")).isSelected(), "the page reads the choice back");
        assertTrue(browser.findElement(By.id("block-northside-pediatrics")).isSelected(), "the block is kept");
        String consent = exchangeConsentOfAlice();
        assertTrue(consent.contains("\"SEX\"") && consent.contains("Organization/northside-pediatrics"), consent);

        save(By.id("withhold-SEX"));
        assertFalse(browser.findElement(By.id("withhold-SEX")).isSelected());
        assertFalse(exchangeConsentOfAlice().contains("\"SEX\""));
    }

    /**
     * Issue 9's accounting of disclosures: dr.chen's read of alice's record, dr.novak's
     * break-the-glass, and alice's own views in the portal.
     */
    @Test
    void aliceSeesWhoSawHerRecordWithBreakTheGlassMarked() {
        given().auth()
                .oauth2(Tokens.user("dr.chen"))
                .get(RunningExchange.GATEWAY + "/fhir/Patient/" + RunningExchange.alicePersonId() + "/$everything")
                .then()
                .statusCode(200);
        signedInAt("/disclosures");
        wait(By.id("disclosures"));
        WebElement glass = browser.findElement(By.cssSelector(
                "#disclosures tr[data-organization='northside-pediatrics'][data-kind='break-the-glass']"));
        assertEquals("true", glass.getAttribute("data-break-the-glass"));
        assertTrue(
                glass.getText().contains("dr.novak") && glass.getText().contains("Emergency access"), glass.getText());
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector(
                                    "#disclosures tr[data-organization='st-marys-hospital'][data-kind='operation']"))
                            .isEmpty()
                    && !d.findElements(By.cssSelector("#disclosures tr[data-kind='portal-view']"))
                            .isEmpty();
        });
        WebElement read = browser.findElement(
                By.cssSelector("#disclosures tr[data-organization='st-marys-hospital'][data-kind='operation']"));
        assertTrue(
                read.getText().contains("dr.chen") && read.getText().contains("Opened your whole record"),
                read.getText());
        WebElement ownView = browser.findElement(By.cssSelector("#disclosures tr[data-kind='portal-view']"));
        assertTrue(ownView.getText().contains("You looked at"), ownView.getText());
    }

    /** Opens a portal page, signing in through Keycloak as alice when the browser has no session yet. */
    private static void signedInAt(String path) {
        browser.get(RunningExchange.PORTAL + path);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(RunningExchange.PORTAL + path)
                        || !d.findElements(By.id("username")).isEmpty());
        if (!browser.findElements(By.id("username")).isEmpty()) {
            assertTrue(
                    browser.getCurrentUrl().startsWith(RunningExchange.KEYCLOAK + "/realms/chartstream/"),
                    "the portal sent the browser to Keycloak: " + browser.getCurrentUrl());
            browser.findElement(By.id("username")).sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.id("kc-login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.urlContains(RunningExchange.PORTAL + path));
        }
    }

    /** Toggles a checkbox and saves: the portal answers 303 to the page read after the choice took effect. */
    private static void save(By checkbox) {
        browser.findElement(checkbox).click();
        WebElement before = browser.findElement(By.id("consent-form"));
        browser.findElement(By.id("save-choices")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> gone(before));
        wait(By.id("saved"));
    }

    /**
     * Whether the page that held this element was replaced. Chrome reports a replaced node either
     * as a stale element or, while the new page loads, as "Node with given id does not belong to
     * the document" (a plain WebDriverException that ExpectedConditions.stalenessOf lets through).
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    private static String exchangeConsentOfAlice() {
        return given().auth()
                .oauth2(Tokens.user("dr.chen"))
                .get(RunningExchange.GATEWAY + "/fhir/Consent?patient=" + RunningExchange.alicePersonId())
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static WebElement row(String table, String organization) {
        return browser.findElement(By.cssSelector("#" + table + " tr[data-organization='" + organization + "']"));
    }

    private static void wait(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }
}
