/**
 * Configuration plumbing shared by every feature: settings renamed when their prefix came to follow their
 * package are still read under their old names ({@link io.docqa.config.RenamedSettings}).
 * Depends on: nothing in DocQA.
 */
package io.docqa.config;
