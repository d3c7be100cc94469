package io.docqa.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
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
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.security.AppUser;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository;
import io.docqa.security.MembershipRepository.Member;
import io.docqa.security.Passwords;
import io.docqa.security.Role;
import io.docqa.security.UserRepository;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Administrators: create, disable, delete users, change their role; grant and revoke collection membership. */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · DocQA")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private final UserRepository users;
    private final MembershipRepository members;
    private final AuditLog audit;
    private final Caller caller;
    private final Grid<AppUser> userGrid = new Grid<>(AppUser.class, false);
    private final ComboBox<DocumentCollection> collection = new ComboBox<>("Collection");
    private final Grid<Member> memberGrid = new Grid<>(Member.class, false);
    private final ComboBox<String> memberName = new ComboBox<>("User");

    public UsersView(UserRepository users, MembershipRepository members, CollectionRepository collections, AuditLog audit) {
        this.users = users;
        this.members = members;
        this.audit = audit;
        this.caller = CurrentUser.get();
        addClassName("users-view");

        TextField username = new TextField("User name");
        username.setMaxLength(AppUser.USERNAME_MAX_LENGTH);
        username.setId("new-username");
        PasswordField password = new PasswordField("Password");
        password.setMinLength(Passwords.MIN_LENGTH);
        password.setId("new-password");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.READER);
        role.setId("new-role");
        Button create = new Button("Create user", VaadinIcon.PLUS.create(), e -> {
            String name = username.getValue().strip();
            String pw = password.getValue();
            if (name.isEmpty() || !name.matches(AppUser.USERNAME_PATTERN)) {
                username.setInvalid(true);
                username.setErrorMessage("Letters, digits or . _ @ - only.");
                return;
            }
            if (pw.length() < Passwords.MIN_LENGTH || pw.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_LENGTH) {
                password.setInvalid(true);
                password.setErrorMessage("At least " + Passwords.MIN_LENGTH + " characters.");
                return;
            }
            try {
                users.create(name, Passwords.hash(pw), role.getValue());
                audit.record(caller.username(), AuditAction.USER_CREATED, null, name, Map.of("role", role.getValue().name(), "via", "ui"));
                username.clear();
                password.clear();
                refreshUsers();
            } catch (DuplicateNameException ex) {
                username.setInvalid(true);
                username.setErrorMessage(ex.getMessage());
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-user");
        HorizontalLayout form = new HorizontalLayout(username, password, role, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        userGrid.addColumn(AppUser::username).setHeader("User").setFlexGrow(2);
        userGrid.addComponentColumn(this::roleSelect).setHeader("Role");
        userGrid.addComponentColumn(this::enabledBox).setHeader("Enabled").setAutoWidth(true);
        userGrid.addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        userGrid.setAllRowsVisible(true);
        userGrid.setId("users-grid");

        collection.setItems(collections.findAll());
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
            members.grant(c.id(), memberName.getValue(), memberRole.getValue(), caller.username());
            audit.record(caller.username(), AuditAction.MEMBER_GRANTED, List.of(c.id()), memberName.getValue(),
                    Map.of("role", memberRole.getValue().name(), "via", "ui"));
            refreshMembers();
        });
        grant.setId("grant-member");
        HorizontalLayout memberForm = new HorizontalLayout(collection, memberName, memberRole, grant);
        memberForm.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        memberGrid.addColumn(Member::username).setHeader("Member");
        memberGrid.addColumn(m -> m.role().name()).setHeader("Role");
        memberGrid.addComponentColumn(m -> {
            Button revoke = new Button("Revoke", ev -> {
                members.revoke(m.collectionId(), m.username());
                audit.record(caller.username(), AuditAction.MEMBER_REVOKED, List.of(m.collectionId()), m.username(),
                        Map.of("via", "ui"));
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
        List<AppUser> all = users.findAll();
        userGrid.setItems(all);
        memberName.setItems(all.stream().filter(u -> u.role() != Role.ADMIN).map(AppUser::username).toList());
    }

    private void refreshMembers() {
        DocumentCollection c = collection.getValue();
        memberGrid.setItems(c == null ? List.of() : members.membersOf(c.id()));
    }

    private Select<Role> roleSelect(AppUser u) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setValue(u.role());
        select.setEnabled(!u.username().equals(caller.username()));
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                users.setRole(u.username(), e.getValue());
                audit.record(caller.username(), AuditAction.USER_UPDATED, null, u.username(),
                        Map.of("role", e.getValue().name(), "via", "ui"));
            }
        });
        return select;
    }

    private Checkbox enabledBox(AppUser u) {
        Checkbox box = new Checkbox(u.enabled());
        box.setEnabled(!u.username().equals(caller.username()));
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                users.setEnabled(u.username(), e.getValue());
                audit.record(caller.username(), AuditAction.USER_UPDATED, null, u.username(),
                        Map.of("enabled", e.getValue(), "via", "ui"));
            }
        });
        return box;
    }

    private Button deleteButton(AppUser u) {
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + u.username() + "?",
                    "Their memberships and API tokens are deleted too.", "Delete", ev -> {
                        users.delete(u.username());
                        audit.record(caller.username(), AuditAction.USER_DELETED, null, u.username(), Map.of("via", "ui"));
                        refreshUsers();
                        refreshMembers();
                        Notification.show(u.username() + " deleted").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
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
