package io.clarion.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void coreDependsOnNoFrameworkAndDoesNoIo() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clarion.core");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "reactor..", "io.r2dbc..", "org.apache.kafka..", "io.lettuce..",
                        "tools.jackson..", "com.fasterxml..", "java.net..", "java.sql..", "java.nio.file..")
                .check(classes);
    }
}
