package io.provisioner;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rules of docs/architecture.md, checked on the compiled classes. */
class PackageRulesTest {
    private static final String ROOT = "io.provisioner";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Each package may depend only on the packages listed, plus itself and the JDK/libraries. */
    private static void onlyDependsOn(String pkg, String... allowed) {
        String[] all = {"spec", "render", "probe", "remote", "devstack", "diagnose", "fixup", "deploy", "report",
                "sandbox", "cli", "shell", "plan"};
        java.util.List<String> forbidden = new java.util.ArrayList<>();
        for (String p : all) {
            if (!p.equals(pkg) && !java.util.List.of(allowed).contains(p)) {
                forbidden.add(ROOT + "." + p + "..");
            }
        }
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void specDependsOnNothingInside() {
        onlyDependsOn("spec", "shell");
    }

    @Test
    void shellDependsOnNothingInside() {
        onlyDependsOn("shell");
    }

    @Test
    void probeDependsOnNothingInside() {
        onlyDependsOn("probe");
    }

    @Test
    void renderDependsOnlyOnSpec() {
        onlyDependsOn("render", "spec", "shell");
    }

    @Test
    void remoteDependsOnlyOnProbe() {
        onlyDependsOn("remote", "probe", "shell");
    }

    @Test
    void devstackDependsOnNothingInside() {
        onlyDependsOn("devstack", "shell");
    }

    @Test
    void diagnoseDependsOnlyOnDevstack() {
        onlyDependsOn("diagnose", "devstack");
    }

    @Test
    void fixupDependsOnRemoteAndSpec() {
        onlyDependsOn("fixup", "remote", "spec", "shell", "probe", "render");
    }

    @Test
    void sandboxDependsOnRemoteAndDevstack() {
        onlyDependsOn("sandbox", "remote", "devstack", "shell", "spec", "probe");
    }

    @Test
    void planDependsOnSpecAndRender() {
        onlyDependsOn("plan", "spec", "render", "shell");
    }

    /** The deploy core writes and resumes through RunStore only, so the service can keep runs in a database. */
    @Test
    void theDeployCoreReachesTheJournalOnlyThroughRunStore() {
        noClasses().that().resideInAPackage(ROOT + ".deploy..").and().doNotHaveFullyQualifiedName(ROOT + ".deploy.Journal")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".deploy.Journal")
                .check(classes);
    }

    /** preflight.sh's key=value lines are parsed once, at the edge: only Preflight turns them into HostFacts. */
    @Test
    void onlyPreflightParsesTheFactScriptsOutput() {
        String hostFacts = ROOT + ".deploy.HostFacts";
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".deploy.Preflight")
                .and().doNotHaveFullyQualifiedName(hostFacts)
                .should().callMethod(hostFacts, "parse", String.class.getName())
                .check(classes);
        // and the method named above is the one Preflight calls (a renamed parse would leave the rule empty)
        classes().that().haveFullyQualifiedName(ROOT + ".deploy.Preflight")
                .should().callMethod(hostFacts, "parse", String.class.getName())
                .check(classes);
    }

    /** The lab (real daemons for tests, src/test/java/io/provisioner/lab) is test scaffolding: the jar never reaches it. */
    @Test
    void nothingInMainDependsOnTheTestLab() {
        noClasses().should().dependOnClassesThat().resideInAPackage(ROOT + ".lab..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void nothingDependsOnCli() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void noCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
