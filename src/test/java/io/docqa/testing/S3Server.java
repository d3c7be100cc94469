package io.docqa.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.File;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy over jclouds' filesystem blob store in a temporary directory, on a free port
 * that stays the same across {@link #stop()} and {@link #start()} (so a test can take the store down and bring it
 * back under a running app). S3Proxy runs in a class loader of its own, because its jclouds needs Guice 7 and Jetty 11
 * (Servlet 5) while the test class path holds Maven's Guice 5 and Servlet 6 for Quarkus. Use it directly, as a Quarkus test resource (it sets {@code docqa.storage.*} for a fresh
 * bucket; inject it into a test field annotated {@link Inject}), or as its own process ({@link #main}).
 */
public class S3Server implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "docqa-test-access";
    public static final String SECRET_KEY = "docqa-test-secret-key";
    public static final String REGION = "us-east-1";

    /** Marks the test field that receives the running {@link S3Server} of a Quarkus test resource. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private final Path baseDir;
    private final int port;
    private final String bucket = "docqa-test-" + UUID.randomUUID().toString().substring(0, 8);
    private ClassLoader loader;
    private AutoCloseable running;

    public S3Server() {
        try {
            this.baseDir = Files.createTempDirectory("docqa-s3");
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts (or starts again) serving the same blobs on the same port. */
    public synchronized S3Server startServer() {
        if (running != null) {
            return this;
        }
        try {
            if (loader == null) {
                loader = isolatedLoader();
            }
            Class<?> isolated = Class.forName(S3ProxyRunner.class.getName(), true, loader);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // jclouds finds its providers through it; Jetty's threads inherit it
            try {
                running = (AutoCloseable) isolated.getMethod("start", String.class, int.class, String.class,
                        String.class).invoke(null, baseDir.toString(), port, ACCESS_KEY, SECRET_KEY);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start S3Proxy on port " + port, e.getCause() != null ? e.getCause() : e);
        }
        return this;
    }

    /** Stops serving: clients get connection refused until {@link #startServer()}; the blobs stay. */
    public synchronized void stopServer() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            running = null;
        }
    }

    /** The test class path (surefire and failsafe pass it in a property) without the jars that clash with S3Proxy's. */
    private static ClassLoader isolatedLoader() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("guice-[0-9.]+-classes\\.jar") || name.startsWith("jakarta.servlet-api-")) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader("s3proxy", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The bucket the app is configured with (a fresh name per server; the app creates it). */
    public String bucket() {
        return bucket;
    }

    /** The app's settings for this server: the s3 store with a fresh bucket. */
    public Map<String, String> settings() {
        return Map.of("docqa.storage.type", "s3", "docqa.storage.s3.endpoint", endpoint(),
                "docqa.storage.s3.bucket", bucket, "docqa.storage.s3.access-key-id", ACCESS_KEY,
                "docqa.storage.s3.secret-access-key", SECRET_KEY, "docqa.storage.s3.region", REGION);
    }

    /** An S3 client of the test's own, to look into the bucket. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Stops the server and deletes its blobs. */
    public void close() {
        stopServer();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + baseDir + ": " + e.getMessage());
        }
    }

    // ---- Quarkus test resource ----

    @Override
    public Map<String, String> start() {
        startServer();
        return settings();
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, S3Server.class));
    }

    /**
     * Runs the server as its own process (e.g. for a packaged app started by hand): prints its endpoint, keys and
     * bucket, serves until killed. {@code java -cp <test classpath> io.docqa.testing.S3Server}
     */
    public static void main(String[] args) throws InterruptedException {
        S3Server server = new S3Server().startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.settings().forEach((k, v) -> System.out.println(k + "=" + v));
        Thread.currentThread().join();
    }
}
