package io.docqa.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

/** Live views: the browser polls the server while the view is shown, and the view refreshes on each poll. */
public final class Polling {

    private Polling() {
    }

    /** Runs {@code refresh} every {@code millis} while {@code view} is attached; polling stops when it is detached. */
    public static void whileAttached(Component view, int millis, Runnable refresh) {
        Registration[] poll = new Registration[1];
        view.addAttachListener(e -> {
            e.getUI().setPollInterval(millis);
            poll[0] = e.getUI().addPollListener(p -> refresh.run());
        });
        view.addDetachListener(e -> {
            e.getUI().setPollInterval(-1);
            if (poll[0] != null) {
                poll[0].remove();
            }
        });
    }
}
