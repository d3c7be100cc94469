/**
 * Running DocQA as several instances over one PostgreSQL and one object store: which instance this is and what it
 * does ({@link io.docqa.cluster.Instance}, {@code DOCQA_ROLE=all|web|worker}); a worker serves only health and
 * metrics ({@link io.docqa.cluster.WorkerHttpGate}); work that must run on one instance at a time leads through
 * PostgreSQL advisory locks ({@link io.docqa.cluster.ClusterLocks}); an instance among several does not start
 * without the shared session key ({@link io.docqa.cluster.SessionKeyCheck}). See docs/deployment.md.
 * Depends on: nothing in DocQA.
 */
package io.docqa.cluster;
