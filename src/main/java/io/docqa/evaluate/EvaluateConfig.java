package io.docqa.evaluate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Evaluation run settings ({@code docqa.evaluate.*}); their lease is the ingestion jobs' one. */
@ConfigMapping(prefix = "docqa.evaluate")
public interface EvaluateConfig {

    /**
     * How many times a run is started before it ends FAILED because the instances running it kept stopping (killed,
     * crashed or stopped) before it finished. Each attempt runs the whole evaluation again from the start (documents
     * the collection already has are not ingested again).
     */
    @WithDefault("3")
    int maxAttempts();
}
