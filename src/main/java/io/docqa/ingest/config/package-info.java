/**
 * Ingestion settings ({@code docqa.ingest.*}) shared by the ingestion steps (parsing, chunking, pipelines, the job
 * workers) and the service that drives them; its own package so that the steps need not reach back into
 * {@code io.docqa.ingest}, which uses them.
 * Depends on: nothing in DocQA.
 */
package io.docqa.ingest.config;
