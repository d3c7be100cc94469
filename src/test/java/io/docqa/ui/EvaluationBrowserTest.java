package io.docqa.ui;

import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import io.docqa.evaluate.GoldenDatasets;

/**
 * An administrator in Debian's Chromium opens Evaluation from the navigation, starts a run on the golden set,
 * with answers, waits for it to finish and sees the per-retriever table and bars, and the answer scores. Screenshot: target/screenshots/evaluation-view.png.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class EvaluationBrowserTest {

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void an_administrator_starts_an_evaluation_and_sees_its_metrics_per_retriever() throws Exception {
        Path dataset = GoldenDatasets.fixturesGolden();
        browser.signInAsAdmin(root);

        WebElement nav = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-side-nav-item[contains(., 'Evaluation')]")));
        assertTrue(nav.getAttribute("path").contains("admin/evaluation"), "administrators see Evaluation in the navigation");
        driver.get(root + "admin/evaluation");
        WebElement path = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#eval-dataset input")));
        path.sendKeys(dataset.toString());
        WebElement limit = driver.findElement(By.cssSelector("#eval-limit input"));
        limit.sendKeys("5");
        driver.findElement(By.id("eval-answers")).click();
        driver.findElement(By.id("eval-start")).click();

        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-grid-cell-content[normalize-space(.)='DONE']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".eval-bar")));
        String chart = driver.findElement(By.cssSelector(".eval-chart")).getText();
        assertTrue(chart.contains("nDCG@10") && chart.contains("bm25") && chart.contains("vector") && chart.contains("hybrid"),
                chart);
        assertTrue(chart.contains("Answers (extractive, 5 answerable") && chart.contains("citation hit")
                && chart.contains("abstention"), () -> "the answer scores are charted too: " + chart);
        browser.screenshot("evaluation-view.png");
    }
}
