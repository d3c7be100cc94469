package io.docqa.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.HeadlessChromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A signed-in user who opens an address that is no page sees the app's own "Page not found" with a way back. */
@QuarkusTest
class NotFoundBrowserTest {

    @TestHTTPResource("/")
    URL root;

    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
        driver = browser.driver();
        wait = browser.waitFor();
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void an_unknown_address_shows_page_not_found_inside_the_app_with_a_link_back() throws Exception {
        browser.signInAsAdmin(root);
        driver.get(root + "no-such-page");
        String text = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found"))).getText();
        assertTrue(text.contains("Page not found") && text.contains("/no-such-page"), text);
        assertFalse(driver.getPageSource().contains("Could not navigate to"), "not the framework's raw message");
        browser.screenshot("not-found-view.png");
        driver.findElement(By.linkText("Go to Ask")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("no-such-page")));
    }
}
