/** The REST API under {@code /api}: thin resources over the feature services, JSON errors by exception mappers. */
package io.docqa.api;
