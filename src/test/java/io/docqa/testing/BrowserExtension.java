package io.docqa.testing;

import java.lang.reflect.Field;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one set-up of every browser test ({@code @ExtendWith(BrowserExtension.class)} next to {@code @QuarkusTest}):
 * starts Debian's headless Chromium before each test and sets the test's fields of type {@link HeadlessChromium},
 * {@link ChromeDriver} and {@link WebDriverWait}; after the test it saves a screenshot when the test failed
 * (target/screenshots/{@code Class-method-failed.png}) and stops the browser. Tests sign in with
 * {@link HeadlessChromium#signInAsAdmin} or {@link HeadlessChromium#signIn} and save checkpoints with
 * {@link HeadlessChromium#screenshot}.
 */
public class BrowserExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HeadlessChromium browser = HeadlessChromium.start();
        context.getStore(NAMESPACE).put(HeadlessChromium.class, browser);
        Object test = context.getRequiredTestInstance();
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Object value = field.getType() == HeadlessChromium.class ? browser
                        : field.getType() == ChromeDriver.class ? browser.driver()
                        : field.getType() == WebDriverWait.class ? browser.waitFor() : null;
                if (value != null) {
                    field.setAccessible(true);
                    field.set(test, value);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        HeadlessChromium browser = context.getStore(NAMESPACE).remove(HeadlessChromium.class, HeadlessChromium.class);
        if (browser == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName() + "-failed.png");
            }
        } finally {
            browser.driver().quit();
        }
    }
}
