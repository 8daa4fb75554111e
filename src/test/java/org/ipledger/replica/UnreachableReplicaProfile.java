package org.ipledger.replica;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A replica configured on a loopback port where nothing listens (port 9 is discard, never PostgreSQL). */
public class UnreachableReplicaProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.replica.reactive.url", "postgresql://127.0.0.1:9/nothing",
                "quarkus.datasource.replica.reactive.reconnect-attempts", "0");
    }
}
