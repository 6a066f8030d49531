package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public transparency page in a real browser (Debian's headless Chromium through chromedriver, which
 * {@code .ci/run} installs): it lists what the server recorded; the browser verifies the whole log
 * (signature by WebCrypto Ed25519, every leaf hash and the Merkle root) and, when a row of the log is
 * altered in the database behind the server's back, names exactly that entry; it is usable from the
 * keyboard; axe-core (from the npm registry) finds no WCAG 2.1 A/AA violation; and a screenshot is written to
 * {@code target/transparency-page.png} (and to {@code docs/transparency-page.png}, the README's picture, when
 * that is missing or {@code -Dpet.screenshot.update=true}). Waits are for the page's own work, with a generous
 * limit (a safety net, not a speed assertion).
 */
class TransparencyPageBrowserTest {

  private static final String TOKEN = "admin-token-for-browser-tests-0123";
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String AXE_VERSION = "4.10.2";

  @TempDir
  Path dataDirectory;

  private PetServer server;
  private int port;
  private WebDriver browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void browserInstalled() {
    assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)").exists();
    assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt-get install chromium-driver; .ci/run does)").exists();
  }

  @BeforeEach
  void start() throws Exception {
    server = new PetServer();
    port = server.start(new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20));
    admin("/v1/agreements", new JsonObject().put("parties", new JsonArray(List.of("Leeds City Council", "NHS Leeds")))
        .put("purpose", "count children known to both social care and A&E").put("legalBasis",
            "Children Act 2004 s.10; UK GDPR Art. 6(1)(e)").put("data", "linkage counts only"));
    admin("/v1/agreements", new JsonObject().put("parties", new JsonArray(List.of("HMRC", "DWP")))
        .put("purpose", "pool regional counts of flagged claims").put("legalBasis",
            "Digital Economy Act 2017 s.56").put("data", "aggregate counts by secure aggregation"));
    JsonObject dataset = admin("/v1/datasets", new JsonObject().put("name", "Benefit claims 2026").put("unitColumn",
        "claimant").put("csv", "claimant,age\na,34\nb,51\nc,28\nd,77\n").put("budget", new JsonObject()
            .put("epsilon", 2.0)));
    String id = dataset.getString("id", dataset.getString("dataset"));
    admin("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "count").put("epsilon", 0.5));
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1200,1600", "--user-data-dir=" + Files.createTempDirectory(dataDirectory, "chromium"));
    // A driver service per browser: quitting a browser stops its service.
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  private JsonObject admin(String path, JsonObject body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    return new JsonObject(response.body());
  }

  private String page() {
    return "http://127.0.0.1:" + port + "/";
  }

  private String awaitVerdict() {
    WebElement status = browser.findElement(By.id("verify-status"));
    new WebDriverWait(browser, PATIENCE).until(driver -> !status.getAttribute("class").contains("pending"));
    return status.getText();
  }

  @Test
  void thePageListsTheRecordAndTheBrowserVerifiesTheLog() throws Exception {
    browser.get(page());
    assertThat(browser.getTitle()).isEqualTo("Transparency log - pet");
    String text = browser.findElement(By.tagName("main")).getText();
    assertThat(text).contains("Leeds City Council, NHS Leeds", "count children known to both social care and A&E",
        "Digital Economy Act 2017 s.56", "Benefit claims 2026", "epsilon 0.5 of 2 spent (25%)",
        "A count query on dataset");
    assertThat(browser.findElements(By.cssSelector(".agreements tbody tr"))).hasSize(2);
    assertThat(browser.findElement(By.cssSelector(".agreements tbody tr")).getText()).contains("HMRC"); // newest first
    long size = Long.parseLong(browser.findElement(By.id("verify-status")).getAttribute("data-tree-size"));
    assertThat(size).isEqualTo(4); // two agreements, a dataset, a query
    assertThat(awaitVerdict()).contains("Verified up to entry " + (size - 1) + ": all " + size + " entries match");
    assertThat(browser.findElement(By.id("verify-status")).getAttribute("class")).contains("verified");

    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    assertThat(png.length).isGreaterThan(10_000);
    Files.write(Path.of("target", "transparency-page.png"), png);
    // docs/transparency-page.png (the README's picture) is written when missing, or with -Dpet.screenshot.update
    Path docs = Path.of("..", "docs", "transparency-page.png");
    if (Files.isDirectory(docs.getParent()) && (!Files.exists(docs) || Boolean.getBoolean("pet.screenshot.update"))) {
      Path temporary = Files.createTempFile(dataDirectory, "page", ".png");
      Files.write(temporary, png);
      Files.move(temporary, docs, StandardCopyOption.REPLACE_EXISTING);
      docs.toFile().setReadable(true, false);
    }
  }

  @Test
  void anEmptyLogVerifiesToo() throws Exception {
    server.close();
    server = new PetServer();
    port = server.start(new PetServerConfig(0, null, TOKEN, dataDirectory.resolve("empty"), 1 << 20));
    browser.get(page());
    assertThat(awaitVerdict()).contains("Verified: the log is empty");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("No agreements have been recorded yet.",
        "No datasets have been registered.");
  }

  @Test
  void anEntryAlteredInTheDatabaseIsNamed() throws Exception {
    try (Connection connection = DriverManager.getConnection(new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20)
        .effectiveDatabaseUrl(), "sa", "");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE transparency_log SET payload = REPLACE(payload, 'pool regional', 'sell regional') "
                + "WHERE entry_index = 1")) {
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    browser.get(page());
    assertThat(awaitVerdict()).contains("Verification failed: entry 1 does not match the signed log");
    assertThat(browser.findElement(By.id("entry-1")).getAttribute("class")).contains("altered");
    assertThat(browser.findElement(By.id("entry-1")).getText()).contains("changed after it was signed");
    assertThat(browser.findElement(By.id("entry-0")).getAttribute("class")).doesNotContain("altered");
  }

  @Test
  void theKeyboardReachesEverythingAndSearchWorksWithoutTheMouse() {
    browser.get(page());
    awaitVerdict();
    WebElement body = browser.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    WebElement skip = browser.switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to main content");
    assertThat(skip.isDisplayed()).isTrue(); // visible once focused
    new Actions(browser).sendKeys(Keys.TAB).perform(); // the "check again" button, then the search box
    WebElement focused = browser.switchTo().activeElement();
    while (!"q".equals(focused.getAttribute("id"))) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      focused = browser.switchTo().activeElement();
    }
    focused.sendKeys("Children Act", Keys.ENTER);
    new WebDriverWait(browser, PATIENCE).until(driver -> driver.getCurrentUrl().contains("q=Children"));
    List<WebElement> rows = browser.findElements(By.cssSelector(".agreements tbody tr"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains("Leeds City Council");
  }

  @Test
  void axeFindsNoWcagAOrAaViolation() throws Exception {
    String axe = Files.readString(AxeCore.script(AXE_VERSION));
    browser.get(page());
    awaitVerdict();
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(axe);
    browser.manage().timeouts().scriptTimeout(PATIENCE);
    @SuppressWarnings("unchecked")
    Map<String, Object> results = (Map<String, Object>) js.executeAsyncScript("const done = arguments[0];"
        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        + ".then(r => done({violations: r.violations.map(v => v.id + ': ' + v.help + ' ' "
        + "+ v.nodes.map(n => n.target.join(' ')).join(', ')), passes: r.passes.length}))"
        + ".catch(e => done({error: String(e)}));");
    assertThat(results.get("error")).isNull();
    assertThat((List<?>) results.get("violations")).isEmpty();
    assertThat(((Number) results.get("passes")).intValue()).isGreaterThan(10);
  }
}
