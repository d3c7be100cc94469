package io.docqa.ingest.watch;

import io.docqa.cluster.ClusterLocks;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Ingests the files of a folder into one collection, as an upload would: new files become documents, a file whose
 * bytes changed becomes the next version of its document, and files seen before (also after a restart) are not
 * ingested twice, because the same bytes in a collection are one document. Files still being written are left for
 * the next scan; hidden and temporary files ({@code .name}, {@code ~$name}, {@code *.part}, {@code *.tmp},
 * {@code *.crdownload}) are ignored. Deleting a file does not delete its document. A file in a subfolder is named
 * like the {@code ingest} command names it: {@code sub › file.pdf}. Symbolic links are never followed, to files or
 * folders: only real files whose real path lies under the (real) folder are read.
 * <p>
 * Among several instances sharing the folder one scans it, the one that leads the task ({@link ClusterLocks}); the
 * others stand by and the next of them takes over within one interval when the scanning instance stops or dies. The
 * new scanner starts afresh: files it sees twice unchanged are submitted again, and those already ingested are found
 * to be the same bytes and not ingested twice.
 */
@ApplicationScoped
public class WatchedFolder {

    private static final Logger LOG = Logger.getLogger(WatchedFolder.class);
    static final String UPLOADER = "watched-folder";
    /** The cluster-wide task name of the scan. */
    public static final String TASK = "watched-folder";

    private final WatchConfig config;
    private final IngestService ingest;
    private final CollectionRepository collections;
    private final PipelineRegistry pipelines;
    private final ClusterLocks locks;
    private boolean leading; // only on the scanner thread
    /** Size and modification time of each file at the previous scan, and of what was last queued. */
    private final Map<Path, FileState> seen = new HashMap<>();
    private final Map<Path, FileState> queued = new HashMap<>();
    private ScheduledExecutorService scanner;

    record FileState(long size, long modified) {
    }

    public WatchedFolder(WatchConfig config, IngestService ingest, CollectionRepository collections,
            PipelineRegistry pipelines, ClusterLocks locks) {
        this.config = config;
        this.ingest = ingest;
        this.collections = collections;
        this.pipelines = pipelines;
        this.locks = locks;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.folder().isEmpty()) {
            return;
        }
        Path folder = config.folder().get();
        if (pipelines.find(config.pipeline()).isEmpty()) {
            throw new IllegalStateException("docqa.ingest.watch.pipeline names no pipeline: \"" + config.pipeline()
                    + "\"; available: " + pipelines.all().stream().map(PipelineDefinition::name).toList());
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("The watched folder " + folder + " cannot be created", e);
        }
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watched-folder");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, config.interval().toMillis());
        scanner.scheduleWithFixedDelay(this::scanQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Watching %s every %s: new and changed files go to the collection \"%s\"", folder.toAbsolutePath(),
                config.interval(), config.collection());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scanner != null) {
            scanner.shutdownNow();
            locks.release(TASK); // another instance takes over at its next interval
        }
    }

    private void scanQuietly() {
        try {
            if (!locks.lead(TASK)) {
                if (leading) {
                    LOG.warnf("Another instance scans the watched folder now; this one stands by");
                    forget();
                }
                leading = false;
                return;
            }
            if (!leading) {
                LOG.infof("This instance scans the watched folder %s", config.folder().orElseThrow());
                leading = true;
            }
            scan();
        } catch (RuntimeException e) { // the next scan tries again; a scan must never end the schedule
            LOG.warnf(e, "Scanning the watched folder failed; trying again in %s", config.interval());
        }
    }

    /** Forgets what earlier scans saw: a scanner that takes over later starts from the folder as it is then. */
    private synchronized void forget() {
        seen.clear();
        queued.clear();
    }

    /** One scan: queues the files that are new or changed and have stopped changing; returns how many it queued. */
    synchronized int scan() {
        Path folder;
        List<Path> files;
        try {
            folder = config.folder().orElseThrow().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve the watched folder " + config.folder().orElseThrow(), e);
        }
        // a symbolic link is never followed: Files.walk does not enter linked folders, linked files are skipped
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !ignored(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the watched folder " + folder, e);
        }
        String batch = null;
        long collectionId = -1;
        int count = 0;
        for (Path file : files) {
            String name = documentName(folder.relativize(file));
            FileState now;
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    continue; // replaced by a link or a folder since the listing
                }
                now = new FileState(a.size(), a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                continue; // gone between listing and reading
            }
            FileState before = seen.put(file, now);
            if (!now.equals(before) || now.equals(queued.get(file))) {
                continue; // new or still changing: wait for a second look; or queued already as it is
            }
            if (collectionId < 0) {
                collectionId = collectionId();
                batch = IngestService.newBatchId();
            }
            if (!realPathWithin(folder, file)) {
                LOG.warnf("Watched folder: %s is not a real file under %s; skipped", file, folder);
                continue;
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                Document doc = ingest.submit(collectionId, name, in, UPLOADER, batch);
                queued.put(file, now);
                count++;
                LOG.infof("Watched folder: %s → document %d (%s)", file, doc.id(), doc.status());
            } catch (IOException | UncheckedIOException e) {
                LOG.warnf("Watched folder: %s could not be read (%s); trying again at the next scan", file, e.getMessage());
            }
        }
        seen.keySet().retainAll(new HashSet<>(files));
        queued.keySet().retainAll(new HashSet<>(files));
        if (count > 0) {
            LOG.infof("Watched folder: queued %d file(s) into \"%s\" (batch %s)", count, config.collection(), batch);
        }
        return count;
    }

    /**
     * True when the file's real path (every link resolved) is the path itself and lies under the folder: no folder
     * on the way was swapped for a link since the listing. Opening with {@link LinkOption#NOFOLLOW_LINKS} then refuses
     * a link in the last step.
     */
    static boolean realPathWithin(Path realFolder, Path file) {
        try {
            Path real = file.toRealPath();
            return real.equals(file.toAbsolutePath().normalize()) && real.startsWith(realFolder);
        } catch (IOException e) {
            return false;
        }
    }

    private long collectionId() {
        return collections.findByName(config.collection()).map(DocumentCollection::id).orElseGet(() -> {
            try {
                DocumentCollection created = collections.create(config.collection(), UPLOADER);
                if (!PipelineDefinition.DEFAULT.equals(config.pipeline())) {
                    collections.setPipeline(created.id(), config.pipeline());
                }
                return created.id();
            } catch (DuplicateNameException e) { // created by someone else meanwhile
                return collections.findByName(config.collection()).orElseThrow().id();
            }
        });
    }

    /** {@code sub/deeper/file.pdf} → {@code sub › deeper › file.pdf}, as the ingest command names files. */
    static String documentName(Path relative) {
        List<String> parts = new java.util.ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join(" › ", parts);
    }

    static boolean ignored(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return name.startsWith(".") || name.startsWith("~$") || lower.endsWith(".part") || lower.endsWith(".tmp")
                || lower.endsWith(".crdownload");
    }
}
