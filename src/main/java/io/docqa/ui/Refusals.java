package io.docqa.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.docqa.app.UseCaseException;
import java.util.function.Supplier;

/** How a view tells the user that a use case was refused: the service's own message in an error notification. */
public final class Refusals {

    private Refusals() {
    }

    public static void show(UseCaseException e) {
        Notification n = Notification.show(e.getMessage(), 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Runs {@code action}; a refusal is shown and nothing else happens. */
    public static boolean run(Runnable action) {
        try {
            action.run();
            return true;
        } catch (UseCaseException e) {
            show(e);
            return false;
        }
    }

    /** Calls {@code action}; a refusal is shown and {@code null} returned. */
    public static <T> T get(Supplier<T> action) {
        try {
            return action.get();
        } catch (UseCaseException e) {
            show(e);
            return null;
        }
    }
}
