package io.docqa.ui;

import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
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
 * A user in Debian's Chromium: signs in, creates a collection, uploads a PDF, waits for it to be ready, asks a
 * question and opens a citation in its context. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class AskFlowBrowserTest {

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void a_user_signs_in_uploads_a_document_asks_and_opens_a_citation() throws Exception {
        browser.signInAsAdmin(root);

        driver.get(root + "documents");
        browser.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-button[contains(., 'New collection')]"))));
        WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#collection-name input")));
        name.sendKeys("Browser contracts");
        driver.findElement(By.id("create-collection")).click();

        WebElement upload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload")));
        WebElement fileInput = (WebElement) ((JavascriptExecutor) driver).executeScript(
                "const u = arguments[0]; return u.querySelector('input[type=file]') || u.shadowRoot.querySelector('input[type=file]');",
                upload);
        fileInput.sendKeys(Api.FIXTURES.resolve("service-agreement.pdf").toAbsolutePath().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-grid-cell-content[contains(., 'service-agreement.pdf')]")));
        new WebDriverWait(driver, Duration.ofSeconds(180)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-grid-cell-content[.//span[normalize-space(.)='Ready']]")));
        browser.screenshot("documents-view.png");

        driver.get(root.toString());
        WebElement question = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-text-area textarea")));
        question.sendKeys("How much notice is needed to terminate for convenience?");
        driver.findElement(By.id("ask-button")).click();
        WebElement citation = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer .citation-ref")));
        String answer = driver.findElement(By.cssSelector("#answer .answer-text")).getText();
        assertTrue(answer.contains("ninety (90) days"), answer);
        String sources = driver.findElement(By.cssSelector("#answer")).getText();
        assertTrue(sources.contains("service-agreement.pdf") && sources.contains("page 2"), sources);
        browser.screenshot("ask-view.png");

        browser.click(citation);
        WebElement mark = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-dialog-overlay mark, .context-text mark")));
        assertTrue(mark.getText().contains("ninety (90) days"), mark.getText());
        browser.screenshot("citation-context.png");

        // the audit trail says through which adapter each action came
        Api.createCollection("Through the API");
        List<Map<String, Object>> created = Api.asAdmin().queryParam("action", "CREATE_COLLECTION").get("/api/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals("ui", channelOf(created, "Browser contracts"), created.toString());
        assertEquals("api", channelOf(created, "Through the API"), created.toString());
    }

    private static Object channelOf(List<Map<String, Object>> entries, String mentioning) {
        return entries.stream().filter(e -> e.toString().contains(mentioning)).map(e -> e.get("channel")).findFirst()
                .orElse("no entry mentions " + mentioning);
    }

}
