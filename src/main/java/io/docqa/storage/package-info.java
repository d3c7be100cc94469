/**
 * Where uploaded originals are kept, so that every instance can parse a document, render its PDF pages and
 * re-process it: {@link io.docqa.storage.OriginalsStore}, on the local disk
 * ({@link io.docqa.storage.FilesystemOriginalsStore}, the embedded default) or in an S3-compatible object store
 * ({@link io.docqa.storage.S3OriginalsStore}) shared by several instances, read through a bounded local cache.
 * Chosen by {@code DOCQA_STORAGE_TYPE} ({@link io.docqa.storage.OriginalsStorageConfig}).
 * Depends on: corpus.
 */
package io.docqa.storage;
