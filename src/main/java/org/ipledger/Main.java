package org.ipledger;

import org.ipledger.local.EmbeddedDatabase;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code java -jar}: with no database configured, start an embedded PostgreSQL
 * first, so the service runs on a bare machine. Tests do not pass through here.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        EmbeddedDatabase.startIfNoDatabaseConfigured();
        Quarkus.run(args);
    }
}
