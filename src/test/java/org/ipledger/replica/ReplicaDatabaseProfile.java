package org.ipledger.replica;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Points the replica datasource at a second database beside the test database (its name plus
 * {@code _replica}), which {@link StatsReadReplicaTest} fills with figures the primary does not have.
 */
public class ReplicaDatabaseProfile implements QuarkusTestProfile {

    static final String SUFFIX = "_replica";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.replica.reactive.url", "${quarkus.datasource.reactive.url}" + SUFFIX);
    }
}
