package org.ipledger.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A bank's webhook endpoint for tests: an HTTP server on a free loopback port that records every
 * request and answers the scripted status codes in turn, then {@code otherwise}.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: headers (first value, lower-case names) and the raw body. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final int otherwise;

    private WebhookReceiver(int otherwise, int... scripted) {
        this.otherwise = otherwise;
        for (int s : scripted) {
            script.add(s);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            Integer next = script.poll();
            exchange.sendResponseHeaders(next == null ? this.otherwise : next, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers 200 to everything. */
    public static WebhookReceiver accepting() {
        return new WebhookReceiver(200);
    }

    /** Answers the given codes first, then {@code otherwise}. */
    public static WebhookReceiver answering(int otherwise, int... first) {
        return new WebhookReceiver(otherwise, first);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ipledger/alerts";
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
