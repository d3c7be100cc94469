package io.docqa.app.documents;

import java.nio.file.Path;

/** A file an adapter received, stored at {@code path} until the upload is done, with the name the user gave it. */
public record UploadedFile(Path path, String fileName) {
}
