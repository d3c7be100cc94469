package io.docqa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point inward: ui/api → answer, ingest → retrieve → corpus/embedding. */
@AnalyzeClasses(packages = "io.docqa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule corpus_depends_on_no_feature = noClasses().that().resideInAPackage("io.docqa.corpus..")
            .should().dependOnClassesThat().resideInAnyPackage("io.docqa.ingest..", "io.docqa.retrieve..",
                    "io.docqa.answer..", "io.docqa.security..", "io.docqa.api..", "io.docqa.ui..", "io.docqa.embedding..");

    @ArchTest
    static final ArchRule embedding_depends_on_no_feature = noClasses().that().resideInAPackage("io.docqa.embedding..")
            .should().dependOnClassesThat().resideInAnyPackage("io.docqa.ingest..", "io.docqa.retrieve..",
                    "io.docqa.answer..", "io.docqa.security..", "io.docqa.api..", "io.docqa.ui..");

    @ArchTest
    static final ArchRule retrieval_and_ingestion_do_not_know_each_other = noClasses().that()
            .resideInAPackage("io.docqa.retrieve..").should().dependOnClassesThat().resideInAPackage("io.docqa.ingest..");

    @ArchTest
    static final ArchRule ingestion_does_not_know_retrieval = noClasses().that().resideInAPackage("io.docqa.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.docqa.retrieve..", "io.docqa.answer..");

    @ArchTest
    static final ArchRule inner_features_do_not_know_the_delivery_layers = noClasses().that()
            .resideInAnyPackage("io.docqa.ingest..", "io.docqa.retrieve..", "io.docqa.answer..", "io.docqa.security..")
            .should().dependOnClassesThat().resideInAnyPackage("io.docqa.api..", "io.docqa.ui..");

    @ArchTest
    static final ArchRule rest_and_ui_are_independent = noClasses().that().resideInAPackage("io.docqa.api..")
            .should().dependOnClassesThat().resideInAPackage("io.docqa.ui..");

    @ArchTest
    static final ArchRule only_delivery_layers_use_the_evaluation_harness = noClasses().that()
            .resideInAnyPackage("io.docqa.corpus..", "io.docqa.embedding..", "io.docqa.ingest..", "io.docqa.retrieve..",
                    "io.docqa.answer..", "io.docqa.security..")
            .should().dependOnClassesThat().resideInAPackage("io.docqa.evaluate..");

    @ArchTest
    static final ArchRule evaluation_does_not_know_the_delivery_layers = noClasses().that()
            .resideInAPackage("io.docqa.evaluate..").should().dependOnClassesThat()
            .resideInAnyPackage("io.docqa.api..", "io.docqa.ui..", "io.docqa.cli..");
}
