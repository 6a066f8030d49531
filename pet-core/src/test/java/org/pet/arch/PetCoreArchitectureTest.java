package org.pet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** pet-core is a pure library: no HTTP framework, no database, no network, no file system. */
class PetCoreArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.pet");

  @Test
  void coreClasses_doNotDependOnIoFrameworks() {
    ArchRule rule = noClasses().that().resideInAPackage("org.pet..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "java.sql..", "java.net..", "java.nio.file..")
        .because("pet-core holds pure logic; I/O lives in pet-server and pet-examples");
    rule.check(CORE);
  }

  @Test
  void coreClasses_startNoThreads() {
    noClasses().that().resideInAPackage("org.pet..")
        .should().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
        .because("pet-core has no threads of its own")
        .check(CORE);
  }
}
