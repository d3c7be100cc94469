/**
 * Shared database access for the repositories of every feature: one {@link org.jdbi.v3.core.Jdbi} over the
 * application's connection pool, so a repository is SQL plus a row mapper. Only inner features use it; adapters
 * (REST, UI, CLI) never reach the database.
 * Depends on: nothing in DocQA.
 */
package io.docqa.db;
