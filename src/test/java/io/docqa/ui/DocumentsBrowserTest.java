package io.docqa.ui;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.docqa.testing.Api;
import io.docqa.testing.Sql;
import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
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
 * The Documents view in Debian's Chromium: a ZIP with one damaged member ends Ready with a visible warning badge that
 * names the skipped member, and the pipeline dialog switches the collection to another pipeline after a confirmation,
 * re-processing its documents; work uploaded elsewhere (the ingest command) shows its progress and time left; a new
 * collection is checked by the same rules as in the REST API.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class DocumentsBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void a_warning_badge_shows_what_was_skipped_and_the_pipeline_dialog_reprocesses_the_collection() throws Exception {
        String name = "Browser mixed " + System.nanoTime();
        openNewCollectionDialog(name);
        driver.findElement(By.id("create-collection")).click();

        WebElement upload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload")));
        WebElement fileInput = (WebElement) ((JavascriptExecutor) driver).executeScript(
                "const u = arguments[0]; return u.querySelector('input[type=file]') || u.shadowRoot.querySelector('input[type=file]');",
                upload);
        fileInput.sendKeys(Api.FIXTURES.resolve("formats/partly-corrupt.zip").toAbsolutePath().toString());

        // Ready, and a badge under the status that names the member that could not be read
        WebElement badge = new WebDriverWait(driver, Duration.ofSeconds(180)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".doc-warning")));
        assertTrue(badge.getText().contains("statement.pdf"), "the badge names the skipped member: " + badge.getText());
        assertTrue(driver.findElement(By.xpath("//vaadin-grid-cell-content[.//span[normalize-space(.)='Ready']]")).isDisplayed());
        screenshot("documents-warning-badge.png");

        long collection = collectionId(name);
        JsonPath before = asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, before.getList("").size(), before.prettify());
        long oldId = before.getLong("[0].id");
        assertTrue(before.getList("[0].warnings").size() >= 1, "REST shows the same warning: " + before.prettify());

        // the pipeline dialog: choose "contracts", confirm, and the collection is re-processed with it
        WebElement pipelineButton = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change-pipeline")));
        assertTrue(pipelineButton.getText().contains("default"), pipelineButton.getText());
        click(pipelineButton);
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-pipeline"))));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-select-item[starts-with(normalize-space(.), 'contracts')]"))));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("apply-pipeline"))));
        WebElement confirm = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-button[@slot='confirm-button' and contains(., 'Re-process')]")));
        screenshot("documents-pipeline-confirm.png");
        assertEquals("default", asAdmin().get("/api/collections/" + collection).then().extract().path("pipeline"),
                "nothing changes before the confirmation");
        click(confirm);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("change-pipeline"), "contracts"));
        assertEquals("contracts", asAdmin().get("/api/collections/" + collection).then().extract().path("pipeline"));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonPath after;
        do {
            Thread.sleep(300);
            after = asAdmin().get("/api/collections/" + collection + "/documents").then().statusCode(200).extract().jsonPath();
        } while (System.nanoTime() < deadline
                && !(after.getList("").size() == 1 && "READY".equals(after.getString("[0].status"))
                        && after.getLong("[0].id") != oldId));
        assertEquals(1, after.getList("").size(), after.prettify());
        assertNotEquals(oldId, after.getLong("[0].id"), "the document was re-processed as a new version: " + after.prettify());
        assertEquals("READY", after.getString("[0].status"));
        // the view follows by itself: one row again, Ready, with its badge, and the batch line says done
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-status"), "done"));
        WebElement grid = driver.findElement(By.id("documents-grid"));
        wait.until(d -> Long.valueOf(1).equals(((JavascriptExecutor) d).executeScript("return arguments[0].size;", grid)));
        assertTrue(driver.findElement(By.cssSelector(".doc-warning")).getText().contains("statement.pdf"));
        assertTrue(driver.findElement(By.id("batch-status")).getText().contains("1 file ·"),
                driver.findElement(By.id("batch-status")).getText());
        screenshot("documents-after-pipeline-change.png");
    }

    @Test
    void a_new_collection_the_api_would_refuse_is_refused_in_the_view_with_the_same_message() throws Exception {
        String name = "Browser zero weights " + System.nanoTime();
        openNewCollectionDialog(name);
        driver.findElement(By.cssSelector("#collection-bm25-weight input")).sendKeys("0");
        driver.findElement(By.cssSelector("#collection-vector-weight input")).sendKeys("0");
        driver.findElement(By.id("create-collection")).click();

        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//vaadin-notification-card[contains(., 'cannot both be 0')]")));
        assertTrue(refusal.getText().contains("bm25Weight and vectorWeight cannot both be 0"), refusal.getText());
        screenshot("documents-collection-refused.png");
        List<Map<String, Object>> all = asAdmin().get("/api/collections").then().statusCode(200).extract().jsonPath().getList("");
        assertTrue(all.stream().noneMatch(c -> name.equals(c.get("name"))), "nothing was created: " + all);
    }

    @Test
    void work_uploaded_elsewhere_shows_its_progress_and_time_left_in_the_collection_line() throws Exception {
        String name = "Browser elsewhere " + System.nanoTime();
        long collection = Api.createCollection(name);
        // an upload from the ingest command, half done: one file ready, one processing for the last 30 s at 50 %
        // (the processing one is held by another live instance: its lease runs for ten more minutes)
        Sql.run(dataSource, "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress, progress_stage, "
                + "batch_id, started_at, owner, lease_until) VALUES "
                + "(" + collection + ", 'a.html', 1, repeat('a', 64), 'READY', 1, 'DONE', 'cli-run', now() - interval '30 seconds', "
                + "null, null), "
                + "(" + collection + ", 'b.html', 1, repeat('b', 64), 'PROCESSING', 0.5, 'EMBEDDING', 'cli-run', now() - interval '20 seconds', "
                + "'instance-elsewhere', now() + interval '10 minutes')");
        try {
            browser.signInAsAdmin(root);
            driver.get(root + "documents");
            chooseCollection(name);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collection-activity"),
                    "Ingesting in this collection: 2 files · 1 ready · 0 failed · 1 in progress · about"));
            String line = driver.findElement(By.id("collection-activity")).getText();
            assertTrue(line.matches(".* about \\d+ s left"), "1.5 of 2 files done in about 30 s: " + line);
            assertTrue(driver.findElements(By.id("batch-status")).stream().noneMatch(WebElement::isDisplayed),
                    "no upload from this view, no upload line");
            // the file in flight: its bar and its whole stage text fit the progress column (nothing cut off)
            WebElement progress = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//vaadin-grid-cell-content[.//vaadin-progress-bar and contains(., 'embedding 50%')]")));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                    "return arguments[0].scrollWidth <= arguments[0].clientWidth;", progress),
                    "the progress cell shows all of its content");
            screenshot("documents-work-elsewhere.png");

            // a bulk load in this collection: its search graph waits for the end of the load
            Sql.run(dataSource, "UPDATE collections SET vector_index = 'DEFERRED' WHERE id = " + collection);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vector-index-status"),
                    "search graph is built when the load is done"));
            screenshot("documents-bulk-load.png");

            Sql.run(dataSource, "UPDATE documents SET status = 'READY', progress = 1 WHERE collection_id = " + collection);
            Sql.run(dataSource, "UPDATE collections SET vector_index = 'READY' WHERE id = " + collection);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("collection-activity")));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("vector-index-status")));
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id = " + collection);
        }
    }

    @Test
    void a_large_collection_is_paged_sorted_by_name_and_shows_the_state_of_rows_far_down() throws Exception {
        String name = "Browser large " + System.nanoTime();
        long collection = Api.createCollection(name);
        // 2,000 ready documents named doc-0000 … doc-1999, and doc-1999 failed with a reason
        Sql.run(dataSource, "INSERT INTO documents (collection_id, name, size_bytes, sha256, status, progress) "
                + "SELECT " + collection + ", 'doc-' || lpad(g::text, 4, '0') || '.txt', 1, repeat('c', 64), 'READY', 1 "
                + "FROM generate_series(0, 1999) g",
                "UPDATE documents SET status = 'FAILED', error = 'The file is empty (0 bytes).', "
                + "error_code = 'EMPTY_FILE' WHERE collection_id = " + collection + " AND name = 'doc-1999.txt'");
        try {
            browser.signInAsAdmin(root);
            driver.get(root + "documents");
            chooseCollection(name);
            WebElement grid = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("documents-grid")));
            wait.until(d -> Long.valueOf(2000).equals(((JavascriptExecutor) d).executeScript("return arguments[0].size;", grid)));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='doc-0000.txt']")));

            // sorting by name descending is done by the database: the last document comes first, with its failure
            click(driver.findElement(By.cssSelector("vaadin-grid-sorter")));
            click(driver.findElement(By.cssSelector("vaadin-grid-sorter")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='doc-1999.txt']")));
            WebElement failure = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//vaadin-grid-cell-content[contains(., 'Failed: The file is empty (0 bytes).')]")));
            assertTrue(failure.isDisplayed());
            screenshot("documents-large-sorted.png");
        } finally {
            Sql.run(dataSource, "DELETE FROM documents WHERE collection_id = " + collection);
        }
    }


    /** Signs in as the administrator and opens the "New collection" dialog of the Documents view with this name typed. */
    private void openNewCollectionDialog(String name) {
        browser.signInAsAdmin(root);
        driver.get(root + "documents");
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-button[contains(., 'New collection')]"))));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#collection-name input"))).sendKeys(name);
    }

    /** Types the collection's name into the chooser and clicks the matching item once the list shows it. */
    private void chooseCollection(String name) {
        WebElement combo = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-combo-box input")));
        combo.sendKeys(Keys.chord(Keys.CONTROL, "a"), name);
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-combo-box-item[normalize-space(.)='" + name + "']"))));
        wait.until(d -> name.equals(d.findElement(By.cssSelector("vaadin-combo-box input")).getAttribute("value")));
    }

    private static long collectionId(String name) {
        List<Map<String, Object>> all = asAdmin().get("/api/collections").then().statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(c -> name.equals(c.get("name"))).map(c -> ((Number) c.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("collection " + name + " not listed: " + all));
    }

    private void click(WebElement element) {
        browser.click(element);
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }
}
