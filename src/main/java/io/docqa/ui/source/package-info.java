/** Showing a cited passage in its document (rendered PDF page with boxes, text with the words marked). */
package io.docqa.ui.source;
