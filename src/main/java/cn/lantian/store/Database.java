package cn.lantian.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import cn.lantian.metrics.ServiceMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * The datasource the store uses: the embedded H2 file by default, PostgreSQL under the "pg" profile.
 * Looked up by name at run time, since only the chosen one is active.
 * <p>
 * A write is acknowledged only once it is durable. PostgreSQL makes a commit durable before it returns
 * (its WAL is flushed; the store's connections insist on {@code synchronous_commit}). The embedded H2
 * does not: its MVStore keeps committed changes in memory and writes them up to half a second later, so
 * a {@code kill -9} lost the last ones. Here every commit that wrote is followed by a sync of the H2 file
 * (its pending changes written and forced to the disk) before the write counts as done; concurrent commits
 * share one sync ({@link GroupSync}), and {@link #durableTransaction} lets the caller's thread go while
 * the disk works.
 * <p>
 * {@link #transaction} gives every store call made on the thread within it one connection and one
 * transaction: a recorded evaluation's alert and history queries and its insert take one connection from
 * the pool instead of four, and commit once.
 */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class);

    @ConfigProperty(name = "lantian.store.datasource", defaultValue = "h2")
    String name;

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    /** The store's latency: each read on a connection of its own, each transaction, each wait for the disk. */
    @Inject
    ServiceMetrics metrics;

    private volatile AgroalDataSource dataSource;
    /** Whether commits need a sync of the database file to be durable (the embedded H2); null until known. */
    private volatile Boolean syncsFile;
    /** Whether the database is PostgreSQL; null until known. */
    private volatile Boolean postgres;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    private final GroupSync sync = new GroupSync(this::syncFile);

    /** SQL work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /**
     * The work done in this thread's open transaction, or on a connection of its own (auto-commit); an
     * {@link SQLException} becomes a {@link StoreUnavailableException} saying {@code failure}.
     */
    public <T> T read(String failure, Work<T> work) {
        Unit unit = current.get();
        if (unit != null) {
            return unit.run(failure, work);
        }
        long start = System.nanoTime();
        try (Connection c = connect()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException(failure, e);
        } finally {
            metrics.storeStatement(System.nanoTime() - start);
        }
    }

    /**
     * A write: in this thread's open transaction, or in one of its own. Either way it is durable once the
     * transaction returns (or its {@link #durableTransaction} future completes).
     */
    public <T> T write(String failure, Work<T> work) {
        return transaction(() -> {
            Unit unit = current.get();
            unit.wrote = true;
            return unit.run(failure, work);
        });
    }

    /**
     * Runs {@code work} with one connection and one transaction for all the store calls it makes on this
     * thread (the connection is taken on the first call). Commits when it returns, rolls back when it
     * throws; when it wrote, returns only once the commit is durable. Nested calls join the outer one.
     */
    public <T> T transaction(Supplier<T> work) {
        try {
            return durableTransaction(work).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * {@link #transaction}, without waiting for the disk: the work runs, commits (or rolls back and throws)
     * on the calling thread, and the future completes with its result once the commit is durable — at once
     * when nothing was written or the database makes its commits durable itself. Nested calls join the
     * outer transaction, whose future covers them.
     */
    public <T> CompletableFuture<T> durableTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return CompletableFuture.completedFuture(work.get());
        }
        Unit unit = new Unit();
        current.set(unit);
        T result;
        try {
            result = work.get();
            unit.commit();
        } catch (RuntimeException | Error e) {
            unit.rollback();
            throw e;
        } finally {
            current.remove();
            unit.close();
        }
        if (unit.wrote && syncsFile()) {
            long committed = System.nanoTime();
            return sync.durable().thenApply(durable -> {
                metrics.storeSync(System.nanoTime() - committed);
                return result;
            });
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * A connection of the pool, in auto-commit, outside any transaction of this class: what it writes is
     * committed but not made durable here (H2 writes it up to half a second later). Writes go through
     * {@link #write}.
     */
    public Connection connect() {
        try {
            AgroalDataSource ds = dataSource;
            if (ds == null) {
                ds = dataSources.select(new DataSource.DataSourceLiteral(name)).get();
                dataSource = ds;
            }
            return ds.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException("the " + name + " database cannot be reached", e);
        }
    }

    public String name() {
        return name;
    }

    /** How many writes were made durable, and by how many syncs of the database file (0 on PostgreSQL). */
    public record Durability(long writes, long syncs) {}

    public Durability durability() {
        return new Durability(sync.writes(), sync.syncs());
    }

    void stop(@Observes ShutdownEvent event) {
        sync.stop();
        if (sync.syncs() > 0) {
            LOG.infof("%d durable writes took %d syncs of the database file, %.1f ms each on average", sync.writes(),
                    sync.syncs(), sync.syncNanos() / 1e6 / sync.syncs());
        }
    }

    /** Whether the store is PostgreSQL (which tells other instances of a change with NOTIFY); false on H2. */
    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = read("the " + name + " database cannot be reached",
                    c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
            postgres = known;
        }
        return known;
    }

    private boolean syncsFile() {
        Boolean known = syncsFile;
        if (known == null) {
            known = read("the " + name + " database cannot be reached",
                    c -> c.getMetaData().getDatabaseProductName().equals("H2"));
            syncsFile = known;
        }
        return known;
    }

    /**
     * Writes every change H2 holds in memory and forces its file to the disk, once every write queued
     * before has been made. {@code CHECKPOINT SYNC} is not enough: H2's background writer hands a version
     * to a queue of its own, and a checkpoint that finds nothing left to write forces the file at once,
     * possibly before the queued write has reached it; so the store's own operation is used, which waits
     * for the queue to drain (H2 2.4, the version Quarkus 3.33 ships).
     */
    private void syncFile() {
        try (Connection c = connect()) {
            MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            FileStore<?> file = store.getFileStore();
            if (store.commit() >= 0) {
                // It wrote a version of its own, and waited for it: H2 writes in order, so every version
                // queued before is written too.
                file.sync();
            } else {
                // Nothing left to write: a version H2's writer has taken may still be queued.
                file.executeFileStoreOperation(file::sync);
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException("the database file could not be written to the disk", e);
        }
    }

    /** One transaction on this thread: its connection, taken when first needed. */
    private final class Unit {
        private Connection connection;
        boolean wrote;

        <T> T run(String failure, Work<T> work) {
            long start = System.nanoTime();
            try {
                if (connection == null) {
                    Connection c = connect();
                    try {
                        c.setAutoCommit(false);
                    } catch (SQLException e) {
                        closeQuietly(c);
                        throw e;
                    }
                    connection = c;
                }
                return work.on(connection);
            } catch (SQLException e) {
                throw new StoreUnavailableException(failure, e);
            } finally {
                metrics.storeStatement(System.nanoTime() - start);
            }
        }

        void commit() {
            if (connection != null) {
                long start = System.nanoTime();
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new StoreUnavailableException("the " + name + " database refused the commit", e);
                } finally {
                    metrics.storeCommit(System.nanoTime() - start);
                }
            }
        }

        void rollback() {
            if (connection != null) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    LOG.warnf("rollback failed: %s", e.getMessage());
                }
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException e) {
                    LOG.debug("could not restore auto-commit", e);
                }
                closeQuietly(connection);
            }
        }

        private void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("could not close a connection", e);
            }
        }
    }
}
