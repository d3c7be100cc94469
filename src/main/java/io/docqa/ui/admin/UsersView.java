package io.docqa.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.docqa.app.UseCaseException;
import io.docqa.app.tokens.TokenService;
import io.docqa.app.users.MembershipService;
import io.docqa.app.users.UserService;
import io.docqa.corpus.DocumentCollection;
import io.docqa.security.AppUser;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository.Member;
import io.docqa.security.Role;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import io.docqa.ui.TokenGrid;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Administrators: create, disable, delete users, change their role, see and revoke their API tokens; grant and revoke
 * collection membership. The rules are {@link UserService}'s, {@link TokenService}'s and {@link MembershipService}'s,
 * the same as over REST.
 */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · DocQA")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private final UserService users;
    private final MembershipService members;
    private final TokenService tokens;
    private final Caller caller;
    private final Grid<AppUser> userGrid = new Grid<>(AppUser.class, false);
    private final ComboBox<DocumentCollection> collection = new ComboBox<>("Collection");
    private final Grid<Member> memberGrid = new Grid<>(Member.class, false);
    private final ComboBox<String> memberName = new ComboBox<>("User");

    public UsersView(UserService users, MembershipService members, TokenService tokens) {
        this.users = users;
        this.members = members;
        this.tokens = tokens;
        this.caller = CurrentUser.get();
        addClassName("users-view");

        TextField username = new TextField("User name");
        username.setMaxLength(UserService.USERNAME_MAX_LENGTH);
        username.setId("new-username");
        PasswordField password = new PasswordField("Password");
        password.setMinLength(UserService.PASSWORD_MIN_LENGTH);
        password.setId("new-password");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.READER);
        role.setId("new-role");
        Button create = new Button("Create user", VaadinIcon.PLUS.create(), e -> {
            try {
                users.create(caller, username.getValue(), password.getValue(), role.getValue().name());
                username.clear();
                password.clear();
                refreshUsers();
            } catch (UseCaseException ex) {
                if (ex.kind() == UseCaseException.Kind.FORBIDDEN) {
                    Refusals.show(ex);
                } else if (ex.getMessage().startsWith("\"password\"")) {
                    password.setInvalid(true);
                    password.setErrorMessage(ex.getMessage());
                } else {
                    username.setInvalid(true);
                    username.setErrorMessage(ex.getMessage());
                }
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-user");
        HorizontalLayout form = new HorizontalLayout(username, password, role, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        userGrid.addColumn(AppUser::username).setHeader("User").setFlexGrow(2);
        userGrid.addComponentColumn(this::roleSelect).setHeader("Role");
        userGrid.addComponentColumn(this::enabledBox).setHeader("Enabled").setAutoWidth(true);
        userGrid.addComponentColumn(this::tokensButton).setAutoWidth(true).setFlexGrow(0);
        userGrid.addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        userGrid.setAllRowsVisible(true);
        userGrid.setId("users-grid");

        List<DocumentCollection> collections = Refusals.get(() -> members.collections(caller));
        collection.setItems(collections == null ? List.of() : collections);
        collection.setItemLabelGenerator(DocumentCollection::name);
        collection.setId("member-collection");
        collection.addValueChangeListener(e -> refreshMembers());
        memberName.setId("member-user");
        Select<Role> memberRole = new Select<>();
        memberRole.setLabel("Role in collection");
        memberRole.setItems(Role.EDITOR, Role.READER);
        memberRole.setValue(Role.READER);
        memberRole.setId("member-role");
        Button grant = new Button("Grant", e -> {
            DocumentCollection c = collection.getValue();
            if (c == null || memberName.getValue() == null) {
                return;
            }
            Refusals.run(() -> members.grant(caller, c.id(), memberName.getValue(), memberRole.getValue().name()));
            refreshMembers();
        });
        grant.setId("grant-member");
        HorizontalLayout memberForm = new HorizontalLayout(collection, memberName, memberRole, grant);
        memberForm.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        memberGrid.addColumn(Member::username).setHeader("Member");
        memberGrid.addColumn(m -> m.role().name()).setHeader("Role");
        memberGrid.addComponentColumn(m -> {
            Button revoke = new Button("Revoke", ev -> {
                Refusals.run(() -> members.revoke(caller, m.collectionId(), m.username()));
                refreshMembers();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return revoke;
        }).setAutoWidth(true).setFlexGrow(0);
        memberGrid.setAllRowsVisible(true);
        memberGrid.setEmptyStateText("No members: only administrators can see this collection.");
        memberGrid.setId("members-grid");

        add(new H2("Users"), form, userGrid, new H3("Collection membership"), memberForm, memberGrid);
        refreshUsers();
    }

    private void refreshUsers() {
        List<AppUser> all = Refusals.get(() -> users.list(caller));
        if (all == null) {
            return;
        }
        userGrid.setItems(all);
        memberName.setItems(all.stream().filter(u -> u.role() != Role.ADMIN).map(AppUser::username).toList());
    }

    private void refreshMembers() {
        DocumentCollection c = collection.getValue();
        List<Member> shown = c == null ? List.of() : Refusals.get(() -> members.members(caller, c.id()));
        memberGrid.setItems(shown == null ? List.of() : shown);
    }

    /** Applies a change of a user; a refused one is shown and the grid shows the stored state again. */
    private void change(Runnable update) {
        if (!Refusals.run(update)) {
            refreshUsers();
        }
    }

    private Select<Role> roleSelect(AppUser u) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setValue(u.role());
        select.setEnabled(!u.username().equals(caller.username()));
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                change(() -> users.update(caller, u.username(), null, e.getValue().name(), null));
            }
        });
        return select;
    }

    private Checkbox enabledBox(AppUser u) {
        Checkbox box = new Checkbox(u.enabled());
        box.setEnabled(!u.username().equals(caller.username()));
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                change(() -> users.update(caller, u.username(), null, null, e.getValue()));
            }
        });
        return box;
    }

    /** The user's API tokens in a dialog, each revocable (administrators revoke anybody's). */
    private Button tokensButton(AppUser u) {
        Button open = new Button("Tokens", VaadinIcon.KEY.create(), e -> {
            TokenGrid grid = new TokenGrid(() -> Refusals.get(() -> tokens.listOf(caller, u.username())),
                    t -> tokens.revokeOf(caller, u.username(), t.id()));
            grid.setId("user-tokens-grid");
            grid.refresh();
            Dialog dialog = new Dialog(grid);
            dialog.setHeaderTitle("API tokens of " + u.username());
            dialog.setWidth("min(60rem, 95vw)");
            dialog.getFooter().add(new Button("Close", ev -> dialog.close()));
            dialog.open();
        });
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        open.setAriaLabel("API tokens of " + u.username());
        return open;
    }

    private Button deleteButton(AppUser u) {
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + u.username() + "?",
                    "Their memberships and API tokens are deleted too.", "Delete", ev -> {
                        if (Refusals.run(() -> users.delete(caller, u.username()))) {
                            Notification.show(u.username() + " deleted").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                        }
                        refreshUsers();
                        refreshMembers();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + u.username());
        delete.setEnabled(!u.username().equals(caller.username()));
        return delete;
    }
}
