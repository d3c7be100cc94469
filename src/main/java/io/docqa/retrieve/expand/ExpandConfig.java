package io.docqa.retrieve.expand;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What is added to retrieved passages before answering ({@code docqa.retrieve.expand.*}). */
@ConfigMapping(prefix = "docqa.retrieve.expand")
public interface ExpandConfig {

    /** Whether answers get definitions, referenced clauses and neighbours added to their sources at all. */
    @WithDefault("true")
    boolean enabled();

    /** Add the passage that defines a defined term (from the document's glossary) a retrieved passage uses. */
    @WithDefault("true")
    boolean definitions();

    /** Add the clause a retrieved passage cites ("Section 12.3", "Schedule 2") when the document links it. */
    @WithDefault("true")
    boolean references();

    /** Chunks on each side (by position in the document) added around the top passages; 0 switches it off. */
    @WithDefault("0")
    int neighbours();

    /** How many of the top passages get their neighbours added. */
    @WithDefault("2")
    int neighbourHits();

    /** Most passages added to one answer's sources, whatever the reasons. */
    @WithDefault("4")
    int maxAdded();
}
