/**
 * Running DocQA as several instances over one PostgreSQL and one object store: which instance this is and what it
 * does ({@link io.docqa.cluster.Instance}, {@code DOCQA_ROLE=all|web|worker}).
 * Depends on: nothing in DocQA.
 */
package io.docqa.cluster;
