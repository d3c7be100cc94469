package io.docqa.ingest.parse;

import java.time.Duration;

/**
 * Per-pipeline parser settings.
 *
 * @param ocr whether scans and images are run through Tesseract (when it is installed)
 * @param ocrLanguages Tesseract language codes joined by '+', e.g. "eng" or "eng+deu"
 * @param maxFileBytes largest file accepted
 * @param timeout longest a single document may take to parse; longer ends FAILED (TIMED_OUT)
 */
public record ParseOptions(boolean ocr, String ocrLanguages, long maxFileBytes, Duration timeout) {
}
