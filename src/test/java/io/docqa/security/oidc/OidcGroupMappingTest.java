package io.docqa.security.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.security.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcGroupMappingTest {

    @Test
    void keycloak_group_paths_become_role_and_collection_memberships() {
        OidcGroupMapping m = OidcGroupMapping.of(List.of("/docqa-editor", "/docqa:12:READER", "docqa:7:editor", "/staff"), "docqa");
        assertEquals(Role.EDITOR, m.role());
        assertEquals(Map.of(12L, Role.READER, 7L, Role.EDITOR), m.memberships());
    }

    @Test
    void no_docqa_group_means_a_reader_of_nothing() {
        OidcGroupMapping m = OidcGroupMapping.of(List.of("/staff", "docqa:abc:READER", "other:3:READER", "docqa:4:ADMIN"), "docqa");
        assertEquals(Role.READER, m.role());
        assertEquals(Map.of(), m.memberships());
    }

    @Test
    void admin_wins_over_editor_and_editor_wins_within_a_collection() {
        OidcGroupMapping m = OidcGroupMapping.of(List.of("docqa-admin", "docqa-editor", "docqa:3:READER", "docqa:3:EDITOR"), "docqa");
        assertEquals(Role.ADMIN, m.role());
        assertEquals(Map.of(3L, Role.EDITOR), m.memberships());
    }
}
