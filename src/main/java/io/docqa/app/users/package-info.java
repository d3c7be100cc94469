/**
 * Use cases of user accounts and collection memberships, for administrators: {@link io.docqa.app.users.UserService}
 * (create, list, enable, disable, change role or password, delete) and {@link io.docqa.app.users.MembershipService}
 * (grant, revoke, list). The REST resources and the users view call these, so both enforce the same rules.
 * Depends on: app, corpus, security.
 */
package io.docqa.app.users;
