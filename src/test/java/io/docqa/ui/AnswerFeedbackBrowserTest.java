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

/** A user in Chromium asks a question and marks the answer helpful; administrators then find the rating. */
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
        long collection = Api.createCollection("browser feedback");
        long doc = asAdmin().multiPart("file", "leave.txt", ("Leave policy. Employees receive twenty-five vacation"
                + " days per year.").getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(doc).get("status"));

        browser.signInAsAdmin(root);
        driver.get(root.toString());
        WebElement question = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("vaadin-text-area textarea")));
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
}
