package io.docqa.ui;

import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.LlmAnswerTest;
import io.docqa.testing.Api;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium, with a (scripted, slowly streaming) language model: the first words of the answer appear before
 * the model has finished (server push), then the verified answer replaces them with its unsupported sentence
 * marked, and the question is kept in a conversation.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
@TestProfile(LlmAnswerTest.WithOpenAiCompatibleServer.class)
class AskStreamingBrowserTest {

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void tokens_appear_while_the_model_writes_then_the_verified_answer_marks_the_unsupported_sentence() throws Exception {
        long collection = Api.createCollection("Streaming UI");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        LlmAnswerTest.SERVER.enqueue(Reply.streamedSlowly("Either party may terminate this Agreement for convenience"
                + " by giving ninety (90) days prior written notice [1]. Globex also receives exclusive ownership of"
                + " every Acme patent worldwide [1].", Duration.ofMillis(150)));

        browser.signInAsAdmin(root);
        WebElement question = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-text-area textarea")));
        question.sendKeys("What notice is required to terminate the Agreement for convenience?");
        driver.findElement(By.id("ask-button")).click();

        // part of the reply is on screen while the model is still writing (about 4 s for the whole reply)
        WebElement live = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer .answer-text.streaming")));
        wait.until(d -> live.getText().startsWith("Either party"));
        String partial = live.getText();
        assertFalse(partial.contains("worldwide"), "seen before the model finished: " + partial);
        browser.screenshot("streaming.png");

        WebElement flagged = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#answer .answer-sentence.unsupported")));
        assertTrue(flagged.getText().contains("exclusive ownership"), flagged.getText());
        assertTrue(flagged.getAttribute("title").startsWith("Not verified"), flagged.getAttribute("title"));
        assertTrue(driver.findElements(By.cssSelector("#answer .answer-text.streaming")).isEmpty(),
                "the verified answer replaced the streamed text");
        assertTrue(driver.findElement(By.cssSelector("#answer .mode-badge")).getText().equalsIgnoreCase("Not fully verified"));
        browser.screenshot("verified-answer.png");

        List<Object> conversations = Api.asAdmin().get("/api/conversations").then().statusCode(200).extract()
                .jsonPath().getList("title");
        assertTrue(conversations.contains("What notice is required to terminate the Agreement for convenience?"),
                conversations.toString());
    }
}
