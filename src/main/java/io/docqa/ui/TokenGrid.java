package io.docqa.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import io.docqa.security.ApiTokenRepository.TokenInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** API tokens with their state and a revoke button: a user's own (API tokens view) or anybody's (Users view). */
public class TokenGrid extends Grid<TokenInfo> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Supplier<List<TokenInfo>> tokens;

    /** {@code tokens} loads the rows (null: refused); {@code revoke} revokes one (refusals are shown). */
    public TokenGrid(Supplier<List<TokenInfo>> tokens, Consumer<TokenInfo> revoke) {
        super(TokenInfo.class, false);
        this.tokens = tokens;
        addColumn(TokenInfo::name).setHeader("Name").setFlexGrow(2);
        addColumn(t -> time(t.createdAt())).setHeader("Created");
        addColumn(t -> time(t.lastUsedAt())).setHeader("Last used");
        addColumn(t -> t.expiresAt() == null ? "never" : time(t.expiresAt())).setHeader("Expires");
        addColumn(t -> t.revokedAt() == null ? "active" : "revoked " + time(t.revokedAt())).setHeader("State");
        addComponentColumn(t -> {
            Button button = new Button("Revoke", ev -> {
                Refusals.run(() -> revoke.accept(t));
                refresh();
            });
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            button.setEnabled(t.revokedAt() == null);
            return button;
        }).setAutoWidth(true).setFlexGrow(0);
        setAllRowsVisible(true);
        setEmptyStateText("No tokens yet.");
    }

    /** Loads the rows again. */
    public void refresh() {
        List<TokenInfo> rows = tokens.get();
        setItems(rows == null ? List.of() : rows);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
