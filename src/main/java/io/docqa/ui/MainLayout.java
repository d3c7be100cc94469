package io.docqa.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.PermitAll;
import io.docqa.security.SessionPrincipal;
import java.security.Principal;

/**
 * The frame around every signed-in view: navigation, the user's name, sign out. The views name this layout;
 * it names them only by their route paths, so the shared layout does not depend on the features it frames.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout() {
        Span brand = new Span("DocQA");
        brand.addClassName("brand");
        Principal user = VaadinRequest.getCurrent() == null ? null : VaadinRequest.getCurrent().getUserPrincipal();
        Span who = new Span(user == null ? "" : SessionPrincipal.username(user.getName()));
        who.addClassName("user-name");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(),
                e -> e.getSource().getUI().ifPresent(ui -> ui.getPage().setLocation("/logout")));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, who, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(brand);
        header.addClassName("app-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Ask", "", VaadinIcon.COMMENT_ELLIPSIS_O.create()));
        VaadinRequest request = VaadinRequest.getCurrent();
        boolean admin = request != null && request.isUserInRole("ADMIN");
        if (admin || request != null && request.isUserInRole("EDITOR")) {
            nav.addItem(new SideNavItem("Documents", "documents", VaadinIcon.FILE_TEXT_O.create()));
        }
        nav.addItem(new SideNavItem("Reviews", "reviews", VaadinIcon.TABLE.create()));
        nav.addItem(new SideNavItem("API tokens", "account/tokens", VaadinIcon.KEY.create()));
        if (admin) {
            nav.addItem(new SideNavItem("Users", "admin/users", VaadinIcon.USERS.create()));
            nav.addItem(new SideNavItem("Audit", "admin/audit", VaadinIcon.LIST.create()));
            nav.addItem(new SideNavItem("Evaluation", "admin/evaluation", VaadinIcon.CHART.create()));
            nav.addItem(new SideNavItem("Insights", "admin/insights", VaadinIcon.TRENDING_UP.create()));
        }
        addToDrawer(nav);
    }
}
