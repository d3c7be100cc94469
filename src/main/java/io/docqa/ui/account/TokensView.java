package io.docqa.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.docqa.app.UseCaseException;
import io.docqa.app.tokens.TokenService;
import io.docqa.security.ApiTokenRepository.CreatedToken;
import io.docqa.security.Caller;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import io.docqa.ui.TokenGrid;
import jakarta.annotation.security.PermitAll;

/** The signed-in user's personal API tokens: create (the token is shown once) and revoke (effective at once). */
@Route(value = "account/tokens", layout = MainLayout.class)
@PageTitle("API tokens · DocQA")
@PermitAll
public class TokensView extends VerticalLayout {

    private final TokenService tokens;
    private final Caller caller;
    private final TokenGrid grid;

    public TokensView(TokenService tokens) {
        this.tokens = tokens;
        this.caller = CurrentUser.get();
        this.grid = new TokenGrid(() -> Refusals.get(() -> tokens.list(caller)), t -> tokens.revoke(caller, t.id()));
        addClassName("tokens-view");

        TextField name = new TextField("Token name");
        name.setMaxLength(TokenService.NAME_MAX_LENGTH);
        name.setPlaceholder("e.g. nightly export script");
        name.setId("token-name");
        TextField shown = new TextField("Your new token (shown only now: copy it)");
        shown.setReadOnly(true);
        shown.setWidthFull();
        shown.setVisible(false);
        shown.setId("new-token");
        Button create = new Button("Create token", VaadinIcon.KEY.create(), e -> {
            CreatedToken created;
            try {
                created = tokens.create(caller, name.getValue());
            } catch (UseCaseException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
                return;
            }
            shown.setValue(created.token());
            shown.setVisible(true);
            name.clear();
            grid.refresh();
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-token");
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.setId("tokens-grid");

        add(new H2("API tokens"),
                new Paragraph("Send a token as “Authorization: Bearer <token>” to the REST API. It acts with your rights."),
                form, shown, grid);
        grid.refresh();
    }
}
