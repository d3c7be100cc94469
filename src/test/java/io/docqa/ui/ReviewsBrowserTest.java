package io.docqa.ui;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.app.reviews.CellQuery;
import io.docqa.app.reviews.ReviewCellView;
import io.docqa.app.reviews.ReviewRow;
import io.docqa.app.reviews.ReviewService;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.testing.Api;
import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Reviews view in Debian's Chromium: an editor creates a review of three contracts from the "Commercial
 * contract" template and watches it complete; the table keeps the document column frozen and colours each cell by
 * status; a cell opens in the side panel with its quote highlighted in the document; an override and a verification
 * show in the table and its counts; both exports download; a reader of the collection sees the table without the
 * editing and run actions. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class ReviewsBrowserTest {

    private static final String READER_PASSWORD = "review-reader-password";

    private static final Caller ADMIN = new Caller(Api.ADMIN, Role.ADMIN);

    @TestHTTPResource("/")
    URL root;

    @Inject
    ReviewService reviews;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void a_review_from_a_template_completes_and_a_cell_is_opened_overridden_verified_and_exported() throws Exception {
        String collectionName = "Browser review contracts " + System.nanoTime();
        long collection = Api.createCollection(collectionName);
        List<Long> ids = Api.upload(collection, "service-agreement.pdf", "supply-contract.pdf", "licence-agreement.txt")
                .then().statusCode(202).extract().jsonPath().getList("documents.id", Long.class);
        for (long id : ids) {
            assertEquals("READY", Api.awaitFinal(id).get("status"));
        }

        browser.signInAsAdmin(root);
        driver.get(root + "reviews");
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-review"))));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-name input"))).sendKeys("Data room");
        WebElement combo = driver.findElement(By.cssSelector("#review-collection input"));
        combo.sendKeys(Keys.chord(Keys.CONTROL, "a"), collectionName);
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-combo-box-item[normalize-space(.)='" + collectionName + "']"))));
        click(driver.findElement(By.id("review-template")));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-select-item[starts-with(normalize-space(.), 'Commercial contract')]"))));
        // the template's columns fill the editor, each with a name, a question and one of the eight types
        wait.until(d -> d.findElements(By.cssSelector("#review-columns .column-row")).size() >= 15);
        int columns = driver.findElements(By.cssSelector("#review-columns .column-row")).size();
        browser.screenshot("reviews-new-from-template.png");
        click(driver.findElement(By.id("create-review")));

        // the review page: progress follows live until every cell is done
        wait.until(ExpectedConditions.urlMatches(".*/reviews/\\d+$"));
        long review = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/reviews/", ""));
        int cells = 3 * columns;
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("review-progress"), cells + " of " + cells + " cells"));
        WebElement grid = driver.findElement(By.id("review-grid"));
        wait.until(d -> Long.valueOf(3).equals(js("return arguments[0].size;", grid)));
        wait.until(d -> count(grid, "rc-pending") == 0 && count(grid, "rc-supported") > 0);
        assertEquals(Boolean.TRUE, js("return arguments[0].querySelector('vaadin-grid-column').frozen;", grid),
                "the document column is frozen");
        assertTrue(count(grid, "rc-not_found") > 0, "a clause the contracts do not have is shown as not found");
        browser.screenshot("reviews-table-done.png");

        // open a supported cell: its value, status and the quote marked in the document
        click(cellContent(grid, "rc-supported"));
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cell-status")));
        assertEquals("SUPPORTED", status.getText().toUpperCase());
        WebElement mark = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cell-passage .context-text mark")));
        assertFalse(mark.getText().isBlank(), "the quote is highlighted in its document");
        Thread.sleep(500); // the panel scrolls the quote into view
        browser.screenshot("reviews-cell-quote.png");

        // override and verify: the table shows the new value, italic and blue, and the column counts one verified
        WebElement override = driver.findElement(By.cssSelector("#cell-override input"));
        override.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Reviewed by counsel", Keys.TAB);
        click(driver.findElement(By.id("cell-override-save")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cell-value"), "Reviewed by counsel"));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-button[@id='cell-verify' and contains(., 'Mark verified')]"))));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-button[@id='cell-verify' and contains(., 'Unverify')]")));
        wait.until(d -> count(grid, "rc-verified") == 1 && count(grid, "rc-overridden") == 1);
        wait.until(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[contains(., '✓ 1 ·')]")).size() == 1);
        assertTrue(driver.findElements(By.xpath("//vaadin-grid-cell-content[contains(., 'Reviewed by counsel')]")).size() == 1);
        browser.screenshot("reviews-overridden-verified.png");
        ReviewCellView cell = overriddenCell(review);
        assertTrue(cell.verified() && Api.ADMIN.equals(cell.overriddenBy()), String.valueOf(cell));
        assertTrue(cell.computedValue() == null || !cell.computedValue().equals(cell.value()), "the computed value is kept");

        // filter by value: only the overridden row is left
        driver.findElement(By.cssSelector("#review-filter-text input")).sendKeys("Reviewed by counsel", Keys.ENTER);
        wait.until(d -> Long.valueOf(1).equals(js("return arguments[0].size;", grid)));
        driver.findElement(By.cssSelector("#review-filter-text input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(d -> Long.valueOf(3).equals(js("return arguments[0].size;", grid)));

        // exports: an XLSX workbook (a ZIP) and a CSV with the override
        assertEquals("PK", download("review-export-xlsx", true));
        String csv = download("review-export-csv", false);
        assertTrue(csv.contains("Reviewed by counsel") && csv.contains("service-agreement.pdf"), csv);

        // a reader of the collection sees the table but neither the run nor the editing actions
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "reviewreader", "password", READER_PASSWORD,
                "role", "READER")).post("/api/users").then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + collection + "/members/reviewreader").then().statusCode(204);
        driver.manage().deleteAllCookies(); // a new session: the sign-in page again
        browser.signIn(root, "reviewreader", READER_PASSWORD);
        driver.get(root + "reviews");
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-grid-cell-content[normalize-space(.)='Data room']"))));
        WebElement readerGrid = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-grid")));
        wait.until(d -> Long.valueOf(3).equals(js("return arguments[0].size;", readerGrid)));
        assertTrue(driver.findElements(By.id("review-add-column")).isEmpty() && driver.findElements(By.id("review-rerun-failed")).isEmpty(),
                "no run actions for a reader");
        click(cellContent(readerGrid, "rc-supported"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cell-status")));
        assertTrue(driver.findElements(By.id("cell-verify")).isEmpty(), "no reviewer actions for a reader");
        driver.get(root + "reviews");
        assertTrue(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reviews-grid"))).isDisplayed());
        assertTrue(driver.findElements(By.id("new-review")).isEmpty(), "no New review for a reader");
    }

    /** The overridden cell of the review, as the review service keeps it. */
    private ReviewCellView overriddenCell(long review) {
        List<ReviewRow> rows = reviews.rows(ADMIN, review, new CellQuery(0, 10, null, null, null)).rows();
        return rows.stream().flatMap(r -> r.cells().stream()).filter(ReviewCellView::overridden).findFirst()
                .orElseThrow(() -> new AssertionError("no overridden cell: " + rows));
    }

    /** How many body cells of the grid carry the CSS part {@code part}. */
    private long count(WebElement grid, String part) {
        return (Long) js("return arguments[0].shadowRoot.querySelectorAll('tbody td[part~=\"' + arguments[1] + '\"]').length;",
                grid, part);
    }

    /** The light-DOM content of the first body cell with the CSS part {@code part} (what a user clicks). */
    private WebElement cellContent(WebElement grid, String part) {
        return (WebElement) js("const td = arguments[0].shadowRoot.querySelector('tbody td[part~=\"' + arguments[1] + '\"]');"
                + " const slot = td.querySelector('slot').name;"
                + " return arguments[0].querySelector('vaadin-grid-cell-content[slot=\"' + slot + '\"]');", grid, part);
    }

    /** Follows the export link in the page's session: "PK" for a binary (its first bytes), else the text. */
    private String download(String linkId, boolean binary) {
        WebElement link = driver.findElement(By.id(linkId));
        return (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0].href).then(r => arguments[1] ? r.arrayBuffer().then(b => String.fromCharCode(...new Uint8Array(b).slice(0, 2)))"
                + " : r.text()).then(done, e => done('failed: ' + e));", link, binary);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void click(WebElement element) {
        browser.click(element);
    }
}
