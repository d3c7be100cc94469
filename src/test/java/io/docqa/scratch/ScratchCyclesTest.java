package io.docqa.scratch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

class ScratchCyclesTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.docqa");

    @Test
    void cycles() {
        SlicesRuleDefinition.slices().matching("io.docqa.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void adapters() {
        noClasses().that().resideInAnyPackage("io.docqa.api..", "io.docqa.ui..")
                .and().haveSimpleNameNotStartingWith("Index")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Retriever")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("RateLimiter")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("AccessPolicy")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("AuditLog")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("AnswerService")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("EvaluationService")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .check(CLASSES);
    }
}
