/**
 * The cited source as the user knows it: PDF pages rendered from the kept original, and the boxes that mark a
 * cited span of the extracted text on those pages ({@link io.docqa.answer.source.PdfPages}).
 */
package io.docqa.answer.source;
