/**
 * Command-line entry points of the packaged app: {@code java -jar quarkus-run.jar <command> …}. Without a
 * command the server starts. Commands talk to a running DocQA over its REST API (like any API client), so they
 * never compete with the server for the Lucene index.
 * Depends on: nothing in DocQA.
 */
package io.docqa.cli;
