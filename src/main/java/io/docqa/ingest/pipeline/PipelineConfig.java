package io.docqa.ingest.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where ingestion pipelines are read from ({@code docqa.ingest.pipeline.*}). */
@ConfigMapping(prefix = "docqa.ingest.pipeline")
public interface PipelineConfig {

    /**
     * A directory of operator pipelines ({@code *.yaml}); a file there replaces the built-in pipeline of the same
     * name. Relative to the working directory; ignored when it does not exist. The built-in pipelines
     * (default, contracts, knowledge-base) are packaged in the application.
     */
    @WithDefault("ingest-pipelines")
    String dir();
}
