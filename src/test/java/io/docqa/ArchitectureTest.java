package io.docqa;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point inward: adapters (api, ui, cli, mcp) → application services (app) → answer, ingest → retrieve →
 * corpus/embedding; no package cycles. Which feature may use which is declared in each package's Javadoc and
 * checked by {@link PackageDependenciesTest}.
 */
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
    static final ArchRule only_application_services_and_adapters_use_the_evaluation_harness = noClasses().that()
            .resideInAnyPackage("io.docqa.corpus..", "io.docqa.embedding..", "io.docqa.ingest..", "io.docqa.retrieve..",
                    "io.docqa.answer..", "io.docqa.security..")
            .should().dependOnClassesThat().resideInAPackage("io.docqa.evaluate..");

    @ArchTest
    static final ArchRule evaluation_does_not_know_the_delivery_layers = noClasses().that()
            .resideInAPackage("io.docqa.evaluate..").should().dependOnClassesThat()
            .resideInAnyPackage("io.docqa.api..", "io.docqa.ui..", "io.docqa.cli..");

    private static final String[] ADAPTERS = {"io.docqa.api..", "io.docqa.ui..", "io.docqa.cli..", "io.docqa.mcp.."};

    @ArchTest
    static final ArchRule no_package_is_part_of_a_cycle = slices().matching("io.docqa.(**)").should().beFreeOfCycles();

    /** Persistence, the audit log, rate limits and access checks belong to the application services. */
    @ArchTest
    static final ArchRule adapters_do_not_reach_past_the_application_services = noClasses().that()
            .resideInAnyPackage(ADAPTERS).should().dependOnClassesThat(describe(
                    "are repositories, JDBC, the audit log, the rate limiter or the access policy",
                    (JavaClass c) -> c.getSimpleName().endsWith("Repository")
                            || c.getPackageName().startsWith("java.sql") || c.getPackageName().startsWith("javax.sql")
                            || c.getPackageName().startsWith("io.agroal") || c.getPackageName().startsWith("org.jdbi")
                            || c.getPackageName().startsWith("io.docqa.db")
                            || c.getName().equals("io.docqa.security.audit.AuditLog")
                            || c.getName().equals("io.docqa.security.RateLimiter")
                            || c.getName().equals("io.docqa.security.AccessPolicy")));

    /**
     * The only beans an adapter uses are application services (and other adapter classes): a domain service
     * called from a view or resource would be a use case written outside the service layer.
     */
    @ArchTest
    static final ArchRule adapters_use_only_application_services_among_the_beans = noClasses().that()
            .resideInAnyPackage(ADAPTERS).should().dependOnClassesThat(describe(
                    "are beans of the domain (outside io.docqa.app)",
                    (JavaClass c) -> c.getPackageName().startsWith("io.docqa.")
                            && !c.getPackageName().startsWith("io.docqa.app")
                            && !c.getPackageName().startsWith("io.docqa.api")
                            && !c.getPackageName().startsWith("io.docqa.ui")
                            && !c.getPackageName().startsWith("io.docqa.cli")
                            && !c.getPackageName().startsWith("io.docqa.mcp")
                            && (c.isAnnotatedWith("jakarta.enterprise.context.ApplicationScoped")
                                    || c.isAnnotatedWith("jakarta.inject.Singleton")
                                    || c.isAnnotatedWith("jakarta.enterprise.context.RequestScoped")
                                    || c.isAnnotatedWith("jakarta.enterprise.context.Dependent"))));

    @ArchTest
    static final ArchRule application_services_do_not_know_the_adapters = noClasses().that()
            .resideInAPackage("io.docqa.app..").should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);
}
