package org.ipledger.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard is a static page (META-INF/resources/dashboard/), served without a token: it asks for
 * one and sends it to the API. Static resources answer only {@code /dashboard/}; {@code /dashboard}
 * is redirected there (relative, so it works behind a path prefix too).
 */
@ApplicationScoped
public class DashboardRoutes {

    void routes(@Observes Router router) {
        router.get("/dashboard").handler(rc -> {
            if (!"/dashboard".equals(rc.normalizedPath())) {
                rc.next();
                return;
            }
            String query = rc.request().query();
            rc.response().setStatusCode(301)
                    .putHeader("Location", "dashboard/" + (query == null || query.isEmpty() ? "" : "?" + query))
                    .end();
        });
    }
}
