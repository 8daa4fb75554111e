package org.ipledger.journal;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Sequences and signs a new tree head periodically, so heads exist even when nobody asks for one. */
@ApplicationScoped
public class TreeHeadSigner {

    private static final Logger LOG = Logger.getLogger(TreeHeadSigner.class);

    void start(@Observes StartupEvent event, Vertx vertx, JournalTree tree,
               @ConfigProperty(name = "ipledger.journal.tree-head-interval") Duration interval) {
        if (interval.isZero()) {
            return;
        }
        vertx.setPeriodic(interval.toMillis(), id -> tree.currentHead().subscribe().with(
                head -> LOG.debugf("tree head %d signed", head.treeSize()),
                failure -> LOG.warnf("tree head not signed this time: %s", failure.getMessage())));
    }
}
