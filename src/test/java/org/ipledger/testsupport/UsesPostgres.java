package org.ipledger.testsupport;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Carries the one global test resource: every {@code @QuarkusTest} in this module gets the database
 * of {@link PostgresTestResource}, without annotating each test class.
 * <p>
 * Why {@code @WithTestResource(scope = GLOBAL)} and not {@code @QuarkusTestResource(restrictToAnnotatedClass
 * = false)}: both exist in Quarkus 3.37.1 and both make a resource global (Quarkus finds the annotation
 * on any class of the test module, this one included), but upstream has deprecated
 * {@code @QuarkusTestResource} for removal in favour of {@code @WithTestResource}. The scope must be
 * spelled out: {@code @WithTestResource} defaults to {@code MATCHING_RESOURCES}, which would limit the
 * resource to this (test-less) class and restart Quarkus for classes that name it themselves.
 * A global resource is started once, before the first test, and shared by all of them.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
public final class UsesPostgres {

    private UsesPostgres() {
    }
}
