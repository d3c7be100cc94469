/**
 * Use cases of the audit trail, for administrators: search, CSV export and purge
 * ({@link io.docqa.app.audit.AuditService}), through REST or the audit view alike. Writing entries stays with each
 * use case, which records what it did.
 * Depends on: app, security.
 */
package io.docqa.app.audit;
