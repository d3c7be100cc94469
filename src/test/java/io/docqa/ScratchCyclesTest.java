package io.docqa;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ScratchCyclesTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.docqa");

    @Test
    void cycles() {
        slices().matching("io.docqa.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void adapters() {
        noClasses().that().haveFullyQualifiedName("io.docqa.api.UserResource").or().haveFullyQualifiedName("io.docqa.api.MemberResource")
                .or().haveFullyQualifiedName("io.docqa.api.TokenResource").or().haveFullyQualifiedName("io.docqa.api.AuditResource")
                .or().resideInAPackage("io.docqa.ui.account..").or().haveFullyQualifiedName("io.docqa.ui.admin.UsersView")
                .or().haveFullyQualifiedName("io.docqa.ui.admin.AuditView")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("AuditLog")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("RateLimiter")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("AccessPolicy")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Passwords")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .check(CLASSES);
    }
}
