package io.clarion.dispatcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.clarion.dispatcher");

    @Test
    void onlyTheKafkaAdapterKnowsReactorKafka() {
        noClasses().that().resideOutsideOfPackage("io.clarion.dispatcher.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("reactor.kafka..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.clarion.dispatcher.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesAreInjectedThroughConstructorsNotFields() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }

    @Test
    void channelsNeverImportEachOther() {
        slices().matching("io.clarion.dispatcher.channel.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void onlyTheRedisAdapterAndClaimsKnowLettuce() {
        noClasses().that().resideOutsideOfPackages("io.clarion.dispatcher.redis..", "io.clarion.dispatcher.claim..",
                        "io.clarion.dispatcher.outage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..")
                .check(classes);
    }
}
