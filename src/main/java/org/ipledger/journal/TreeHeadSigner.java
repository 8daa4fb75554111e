package org.ipledger.journal;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Sequences and signs a new tree head periodically, so heads exist even when nobody asks for one.
 * The next pass is armed only when the last one ends, and a pass that finds another sequencer at
 * work steps aside: passes never pile up holding pooled connections.
 */
@ApplicationScoped
public class TreeHeadSigner {

    private static final Logger LOG = Logger.getLogger(TreeHeadSigner.class);

    void start(@Observes StartupEvent event, Vertx vertx, JournalTree tree,
               @ConfigProperty(name = "ipledger.journal.tree-head-interval") Duration interval) {
        if (interval.isZero()) {
            return;
        }
        arm(vertx, tree, interval.toMillis());
    }

    private void arm(Vertx vertx, JournalTree tree, long delayMillis) {
        vertx.setTimer(delayMillis, id -> tree.signIfIdle().subscribe().with(
                head -> arm(vertx, tree, delayMillis),
                failure -> {
                    LOG.warnf("tree head not signed this time: %s", failure.getMessage());
                    arm(vertx, tree, delayMillis);
                }));
    }
}
