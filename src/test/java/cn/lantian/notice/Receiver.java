package cn.lantian.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A city's gateway as the tests see it: an HTTP server on a free loopback port that records every
 * request and answers each jurisdiction's notices as its script says (200 when it has none; the last
 * status of a script repeats; {@link #SLOW} answers after five seconds).
 */
final class Receiver {
    static final int SLOW = -1;
    private static final String PORT = "lantian.test.notice-receiver.port";

    /** A request as received: its headers (lower-case names) and its body's bytes. */
    record Request(Map<String, String> headers, byte[] body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final List<Request> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /**
     * The receiver's port, the same in every class loader of the test JVM (the test profile reads it for
     * the webhook's URL before the server starts): a free one, chosen once.
     */
    static synchronized int port() {
        String known = System.getProperty(PORT);
        if (known == null) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                known = Integer.toString(s.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT, known);
        }
        return Integer.parseInt(known);
    }

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 16);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request r = new Request(headers, body);
            received.add(r);
            String jurisdiction = r.json().path("jurisdiction").asText();
            List<Integer> script = scripts.getOrDefault(jurisdiction, List.of(200));
            int n = answered.computeIfAbsent(jurisdiction, j -> new AtomicInteger()).getAndIncrement();
            int status = script.get(Math.min(n, script.size() - 1));
            if (status == SLOW) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            byte[] answer = (status / 100 == 2 ? "ok" : "gateway\nbusy").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                // the deliverer gave up waiting
            }
            exchange.close();
        });
        server.start();
    }

    /** How this jurisdiction's notices are answered from now on, request by request; the last status repeats. */
    void script(String jurisdiction, Integer... statuses) {
        answered.remove(jurisdiction);
        scripts.put(jurisdiction, List.of(statuses));
    }

    List<Request> of(String jurisdiction) {
        return received.stream().filter(r -> r.json().path("jurisdiction").asText().equals(jurisdiction)).toList();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
