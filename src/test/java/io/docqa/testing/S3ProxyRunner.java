package io.docqa.testing;

import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** Starts S3Proxy over jclouds' filesystem blob store; loaded by {@link S3Server} in S3Proxy's own class loader. */
public final class S3ProxyRunner {

    private S3ProxyRunner() {
    }

    /** Serves the blobs under {@code baseDir} on 127.0.0.1:{@code port} until the returned handle is closed. */
    public static AutoCloseable start(String baseDir, int port, String accessKey, String secretKey) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir);
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (AbstractLifeCycle.FAILED.equals(proxy.getState())) {
                context.close();
                throw new IllegalStateException("S3Proxy failed to start on port " + port);
            }
            Thread.sleep(10);
        }
        return () -> {
            try {
                proxy.stop();
            } finally {
                context.close();
            }
        };
    }
}
