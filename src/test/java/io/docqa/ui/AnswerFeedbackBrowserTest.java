package io.docqa.ui;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.testing.Api;
import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user in Chromium asks a question and marks the answer helpful; administrators then find the rating. An earlier
 * answer of a conversation, shown in its history, can be rated too.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class AnswerFeedbackBrowserTest {

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void a_user_marks_an_answer_helpful_in_the_ask_view() throws Exception {
        long collection = collectionWith("browser feedback", "leave.txt", "Leave policy. Employees receive "
                + "twenty-five vacation days per year.");
        WebElement question = askViewAsAdmin();
        question.sendKeys("How many vacation days do employees receive?");
        driver.findElement(By.id("ask-button")).click();
        browser.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer .feedback-up"))));
        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#answer .feedback-status")));
        assertEquals("Thanks: marked helpful.", status.getText());
        browser.screenshot("answer-feedback.png");

        List<Map<String, Object>> rows = asAdmin().queryParam("collectionId", collection).get("/api/feedback").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("up", rows.get(0).get("rating"));
        assertEquals("ui", rows.get(0).get("channel"));
        assertEquals("How many vacation days do employees receive?", rows.get(0).get("question"));
    }

    @Test
    void an_earlier_answer_in_the_conversation_history_can_be_rated() throws Exception {
        long collection = collectionWith("browser history feedback", "parking.txt", "Parking policy. Each employee "
                + "may park one car in the garage. Bicycles are parked in the courtyard racks.");
        WebElement question = askViewAsAdmin();
        question.sendKeys("Where may employees park their cars?");
        driver.findElement(By.id("ask-button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#answer .answer-feedback"), 1));
        question.clear();
        question.sendKeys("Where are bicycles parked?");
        driver.findElement(By.id("ask-button")).click();
        // the history shows the first turn with its own thumbs, then the new answer with its thumbs
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#answer .answer-feedback"), 2));
        browser.click(driver.findElements(By.cssSelector("#answer .answer-feedback .feedback-up")).get(0));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#answer .answer-feedback"),
                "Thanks: marked helpful."));

        List<Map<String, Object>> rows = asAdmin().queryParam("collectionId", collection).get("/api/feedback").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("Where may employees park their cars?", rows.get(0).get("question"), "the earlier answer is rated");
    }

    /** A new collection holding one ready text document. */
    private static long collectionWith(String name, String file, String text) {
        long collection = Api.createCollection(name);
        long doc = asAdmin().multiPart("file", file, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(doc).get("status"));
        return collection;
    }

    /** Signs in as the administrator and returns the Ask view's question field. */
    private WebElement askViewAsAdmin() {
        browser.signInAsAdmin(root);
        driver.get(root.toString());
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-text-area textarea")));
    }
}
