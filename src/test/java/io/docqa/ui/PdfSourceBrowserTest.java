package io.docqa.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import io.docqa.testing.LeasePdf;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user reopens a conversation (its collection comes back selected), asks about a PDF, opens the citation and
 * sees the rendered page with a box over the cited words. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class PdfSourceBrowserTest {

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void a_reopened_conversation_asks_its_collection_and_the_citation_is_boxed_on_the_pdf_page() throws Exception {
        long collection = Api.createCollection("Browser leases");
        Path file = LeasePdf.write(Files.createTempDirectory("lease").resolve("browser-lease.pdf"));
        long pdf = Api.asAdmin().multiPart("file", file.toFile()).post("/api/collections/" + collection + "/documents")
                .then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(pdf).get("status"));
        long conversation = Api.asAdmin().contentType(ContentType.JSON).body(Map.of("title", "Lease questions"))
                .post("/api/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("question", "When is the rent due?",
                "collections", List.of(collection), "conversationId", conversation)).post("/api/ask")
                .then().statusCode(200);

        browser.signInAsAdmin(root);

        // reopen the conversation: its collection is selected again
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conversation"))));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-select-item[contains(., 'Lease questions')]"))));
        wait.until(d -> selectedCollections().contains("Browser leases"));

        WebElement question = driver.findElement(By.cssSelector("vaadin-text-area textarea"));
        question.sendKeys("How much monthly rent does the tenant pay?");
        click(driver.findElement(By.id("ask-button")));
        wait.until(d -> d.findElements(By.cssSelector("#answer .answer-card")).size() >= 2);
        WebElement card = driver.findElements(By.cssSelector("#answer .answer-card")).getLast();
        assertTrue(card.getText().contains("two thousand dollars"), card.getText());
        List<WebElement> refs = card.findElements(By.xpath(".//span[contains(@class,'answer-sentence')]"
                + "[contains(., 'two thousand dollars')]//span[contains(@class,'citation-ref')]"));
        click(refs.isEmpty() ? card.findElement(By.cssSelector(".citation-ref")) : refs.getFirst());

        WebElement image = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pdf-page-image")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", image));
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pdf-highlight")));
        Thread.sleep(500); // let the dialog finish scrolling the box into view before the screenshot
        Path shot = screenshot("pdf-citation.png");

        // the box sits over the rent sentence: measured against the rendered image in the browser
        double imgTop = image.getRect().getY();
        double imgLeft = image.getRect().getX();
        double imgWidth = image.getRect().getWidth();
        double imgHeight = image.getRect().getHeight();
        double boxMiddle = (box.getRect().getY() + box.getRect().getHeight() / 2.0 - imgTop) / imgHeight;
        double boxLeft = (box.getRect().getX() - imgLeft) / imgWidth;
        double rentBaseline = LeasePdf.baseline(LeasePdf.RENT_Y);
        assertEquals(rentBaseline, boxMiddle, 0.02, "the box is on the rent line");
        assertTrue(boxLeft >= LeasePdf.LEFT / LeasePdf.PAGE.getWidth() - 0.01, "the box starts in the text");
        assertTrue(Files.size(shot) > 0);
        // the text view stays below the page
        WebElement mark = driver.findElement(By.cssSelector(".context-text mark"));
        assertTrue(mark.getText().contains("two thousand dollars"), mark.getText());
    }

    private String selectedCollections() {
        Object labels = ((JavascriptExecutor) driver).executeScript(
                "const c = document.getElementById('collections'); return c ? JSON.stringify(c.selectedItems || []) : '';");
        return String.valueOf(labels);
    }

    private void click(WebElement element) {
        browser.click(element);
    }

    private Path screenshot(String name) throws IOException {
        return browser.screenshot(name);
    }
}
