/**
 * Users and sign-in: accounts in PostgreSQL with bcrypt password hashes, a Quarkus identity provider used by
 * both form login (UI) and HTTP Basic (REST), and the first-start administrator.
 * Depends on: cluster, corpus, db.
 */
package io.docqa.security;
