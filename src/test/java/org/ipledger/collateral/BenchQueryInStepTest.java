package org.ipledger.collateral;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark compares the service with pgbench running "the same SQL": it must stay the same. */
class BenchQueryInStepTest {

    @Test
    void pgbenchRunsTheServicesStatusQuery() throws IOException {
        for (String file : new String[] {"bench/sql/status.sql", "bench/sql/batch.sql"}) {
            String script = Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> !line.startsWith("--") && !line.startsWith("\\"))
                    .collect(Collectors.joining("\n"));
            // Only the binds differ: pgbench draws the asset ids itself and has no date parameter.
            String asTheServiceSendsIt = script
                    .replaceAll("unnest\\(.*\\) as r\\(ord", "unnest(\\$1::int[], \\$2::bigint[], \\$3::text[], \\$4::text[]) as r(ord")
                    .replace("current_date", "$5::date")
                    .replaceAll("\\s+", " ").strip().replaceAll(";$", "");
            assertEquals(CollateralStatusService.QUERY, asTheServiceSendsIt, file);
        }
    }
}
