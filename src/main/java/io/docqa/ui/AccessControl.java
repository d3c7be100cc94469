package io.docqa.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * View access by annotation (@PermitAll, @AnonymousAllowed…): a signed-out user is sent to the login view.
 * The signed-in user comes from Quarkus security (form login) through the servlet request.
 */
@ApplicationScoped
public class AccessControl {

    void onServiceInit(@Observes ServiceInitEvent event) {
        NavigationAccessControl control = new NavigationAccessControl();
        control.setLoginView(LoginView.class);
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(control));
    }
}
