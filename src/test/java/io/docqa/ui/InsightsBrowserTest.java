package io.docqa.ui;

import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.LlmAnswerTest;
import io.docqa.testing.Api;
import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import io.docqa.testing.ScriptedOpenAiServer.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
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
 * The administrators' Insights view in Chromium: its figures (with the share of unsupported sentences) and charts
 * over answers really given, the answer rated down listed, made into a dataset, and an evaluation run on it started
 * from the page, whose result appears there.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
@TestProfile(LlmAnswerTest.WithOpenAiCompatibleServer.class)
class InsightsBrowserTest {

    private static final String QUESTION = "How much notice ends the Agreement for convenience?";

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void an_administrator_sees_insights_and_runs_an_evaluation_on_the_answers_users_rated_down() throws Exception {
        long collection = Api.createCollection("Insights in the browser");
        long id = Api.upload(collection, "service-agreement.pdf").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(id).get("status"));
        LlmAnswerTest.SERVER.reset();
        LlmAnswerTest.SERVER.enqueue(Reply.of("Either party may terminate this Agreement for convenience by giving"
                + " ninety (90) days prior written notice to the other party [1]. Globex also receives exclusive"
                + " ownership of every Acme patent worldwide [1]."));
        JsonPath answer = Api.ask(QUESTION, List.of(collection)).then().statusCode(200).extract().jsonPath();
        long chunk = answer.getLong("citations[0].chunkId");
        asAdmin().contentType(ContentType.JSON).body(Map.of("rating", "down", "reason", "incomplete", "comment",
                "It should not mention patents", "correctChunkIds", List.of(chunk)))
                .post("/api/answers/" + answer.getLong("answerId") + "/feedback").then().statusCode(201);

        browser.signInAsAdmin(root);
        driver.get(root.toString() + "admin/insights");
        WebElement unsupported = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#insights-tiles .tile-unsupported .insights-tile-value")));
        assertTrue(unsupported.getText().matches("\\d+\\.\\d % of \\d+"), unsupported.getText());
        assertTrue(driver.findElements(By.cssSelector("#insights-charts .chart-days svg rect.bar-total")).size() >= 1,
                "the day's questions are drawn");
        assertEquals(3, driver.findElements(By.cssSelector("#insights-charts .chart-rates svg rect.bar")).size());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid[@id='insights-ratings']"
                + "/vaadin-grid-cell-content[contains(., '" + QUESTION + "')]")));
        browser.screenshot("insights.png");

        // select every answer rated down (the select-all box), make a dataset of them and run the evaluation
        WebElement selectAll = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#insights-ratings vaadin-checkbox")));
        browser.click(selectAll);
        WebElement create = driver.findElement(By.id("dataset-create"));
        wait.until(d -> create.getDomAttribute("disabled") == null);
        driver.findElement(By.cssSelector("#dataset-name input")).clear();
        driver.findElement(By.cssSelector("#dataset-name input")).sendKeys("browser-insights", org.openqa.selenium.Keys.TAB);
        browser.click(create);
        wait.until(ExpectedConditions.textMatches(By.id("dataset-status"),
                java.util.regex.Pattern.compile("Dataset browser-insights: \\d+ cases? ")));
        WebElement run = driver.findElement(By.id("evaluation-start"));
        wait.until(d -> run.getDomAttribute("disabled") == null);
        browser.click(run);
        new WebDriverWait(driver, Duration.ofMinutes(4)).until(d -> {
            String s = d.findElement(By.id("evaluation-status")).getDomAttribute("data-status");
            return "DONE".equals(s) || "FAILED".equals(s);
        });
        WebElement runStatus = driver.findElement(By.id("evaluation-status"));
        assertEquals("DONE", runStatus.getDomAttribute("data-status"), runStatus.getText());
        WebElement results = driver.findElement(By.id("evaluation-results"));
        wait.until(d -> d.findElements(By.xpath("//vaadin-grid[@id='evaluation-results']"
                + "/vaadin-grid-cell-content[normalize-space(.)='hybrid']")).size() == 1);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", results);
        browser.screenshot("insights-evaluation.png");
    }
}
