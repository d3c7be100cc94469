package io.docqa.security.oidc;

import io.docqa.security.Role;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How IdP groups become DocQA rights. Group names (configurable prefix, default {@code docqa}):
 * {@code docqa-admin} / {@code docqa-editor} give the global role (otherwise READER);
 * {@code docqa:<collection-id>:EDITOR} or {@code docqa:<collection-id>:READER} give membership of one collection.
 * Keycloak sends a leading slash for group paths ({@code /docqa:12:READER}); it is ignored.
 */
public record OidcGroupMapping(Role role, Map<Long, Role> memberships) {

    public static OidcGroupMapping of(Collection<String> groups, String prefix) {
        Pattern membership = Pattern.compile(Pattern.quote(prefix) + ":(\\d+):(EDITOR|READER)", Pattern.CASE_INSENSITIVE);
        Role role = Role.READER;
        Map<Long, Role> members = new TreeMap<>();
        for (String raw : groups) {
            String g = raw.startsWith("/") ? raw.substring(1) : raw;
            if (g.equalsIgnoreCase(prefix + "-admin")) {
                role = Role.ADMIN;
            } else if (g.equalsIgnoreCase(prefix + "-editor") && role != Role.ADMIN) {
                role = Role.EDITOR;
            } else {
                Matcher m = membership.matcher(g);
                if (m.matches()) {
                    Role r = Role.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT));
                    // EDITOR wins when a user is in both groups of one collection
                    members.merge(Long.parseLong(m.group(1)), r, (a, b) -> a == Role.EDITOR || b == Role.EDITOR ? Role.EDITOR : Role.READER);
                }
            }
        }
        return new OidcGroupMapping(role, Map.copyOf(members));
    }

    public Optional<Role> membershipOf(long collectionId) {
        return Optional.ofNullable(memberships.get(collectionId));
    }
}
