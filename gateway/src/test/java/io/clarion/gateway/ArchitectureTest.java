package io.clarion.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.clarion.gateway");

    @Test
    void onlyTheKafkaAdapterKnowsKafka() {
        noClasses().that().resideOutsideOfPackage("io.clarion.gateway.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("reactor.kafka..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void fieldsAreNeverInjected() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired")
                .check(classes);
    }
}
