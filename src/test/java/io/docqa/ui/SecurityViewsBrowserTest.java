package io.docqa.ui;

import io.docqa.testing.BrowserExtension;
import io.docqa.testing.HeadlessChromium;
import static io.docqa.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
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
 * The UI side of the attack suite in Debian's Chromium: every view needs sign-in; a reader cannot open the
 * editor and admin views by URL; her answers never draw on a collection she is not a member of.
 */
@QuarkusTest
@ExtendWith(BrowserExtension.class)
class SecurityViewsBrowserTest {

    private static final String PASSWORD = "ui-reader-password";

    @TestHTTPResource("/")
    URL root;

    // set before each test by BrowserExtension
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Test
    void views_need_sign_in_and_a_reader_sees_neither_admin_views_nor_foreign_collections() throws Exception {
        for (String view : List.of("", "documents", "admin/users", "admin/audit", "account/tokens")) {
            driver.get(root + view);
            wait.until(ExpectedConditions.urlContains("/login"));
            assertFalse(driver.getPageSource().contains("users-grid"), view);
        }

        long mine = Api.createCollection("UI reader contracts");
        long foreign = Api.createCollection("UI foreign HR");
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "uireader", "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + mine + "/members/uireader").then().statusCode(204);
        long agreement = Api.upload(mine, "service-agreement.pdf").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        long handbook = Api.upload(foreign, "employee-handbook.docx").then().statusCode(202).extract().jsonPath().getLong("documents[0].id");
        assertEquals("READY", Api.awaitFinal(agreement).get("status"));
        assertEquals("READY", Api.awaitFinal(handbook).get("status"));

        browser.signIn(root, "uireader", PASSWORD);
        WebElement question = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-text-area textarea")));
        question.sendKeys("How many vacation days do full-time employees receive?");
        browser.click(driver.findElement(By.id("ask-button")));
        String answer = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer .answer-card"))).getText();
        assertFalse(answer.contains("twenty-five"), answer);
        assertFalse(answer.contains("employee-handbook"), answer);

        // a forbidden view answers like a view that does not exist
        for (String view : List.of("documents", "admin/users", "admin/audit", "admin/no-such-view")) {
            driver.get(root + view);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "There is no page at /" + view + "."));
            String page = driver.getPageSource();
            assertFalse(page.contains("users-grid") || page.contains("audit-grid") || page.contains("documents-grid")
                    || page.contains("UI foreign HR"), view + " was shown to a reader");
        }
        driver.get(root + "account/tokens");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tokens-grid")));
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

    @Test
    void a_demoted_administrators_open_users_view_cannot_create_an_admin() throws Exception {
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", "uiadmin2", "password", PASSWORD, "role", "ADMIN"))
                .post("/api/users").then().statusCode(201);
        browser.signIn(root, "uiadmin2", PASSWORD);
        driver.get(root + "admin/users");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("users-grid")));

        // the tab stays open while another administrator demotes its user
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "EDITOR")).patch("/api/users/uiadmin2")
                .then().statusCode(200);

        driver.findElement(By.cssSelector("#new-username input")).sendKeys("uisneaky");
        driver.findElement(By.cssSelector("#new-password input")).sendKeys("sneaky-password");
        browser.click(driver.findElement(By.id("new-role")));
        browser.click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-select-item[normalize-space(.)='ADMIN']"))));
        browser.click(driver.findElement(By.id("create-user")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("vaadin-notification-card"),
                "not allowed"));
        asAdmin().get("/api/users/uisneaky").then().statusCode(404);
    }
}
