package org.pet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
    // An Executor the caller supplies is allowed (secure aggregation spreads its work over one); creating
    // threads, pools or timers, or falling back on the common pool, is not.
    noClasses().that().resideInAPackage("org.pet..")
        .should().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().areAssignableTo(ExecutorService.class)
        .orShould().dependOnClassesThat().belongToAnyOf(Executors.class, ForkJoinPool.class, ThreadFactory.class,
            Timer.class, ThreadLocalRandom.class)
        .orShould().callMethod(CompletableFuture.class, "runAsync", Runnable.class)
        .orShould().callMethod(CompletableFuture.class, "supplyAsync", Supplier.class)
        .orShould().callMethod(CompletableFuture.class, "thenRunAsync", Runnable.class)
        .because("pet-core has no threads of its own: it may run work only on an Executor its caller supplies")
        .check(CORE);
  }
}
