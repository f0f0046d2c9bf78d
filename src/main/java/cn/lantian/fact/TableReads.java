package cn.lantian.fact;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Which table rows the decisions read, for the table-row coverage of the fixtures: while a fixture runner
 * collects on its thread, every row a lookup of {@link Reference} returns (and every row a rule asks a
 * question of, or matched when it fired) is noted, by identity, in that runner's set.
 *
 * <p>Nothing is noted otherwise, and noting costs nothing then: each lookup reads one counter, which stays
 * zero unless some thread is collecting. A collection belongs to its own thread, so the service's own
 * evaluations beside a reload's fixture run are never counted as the fixtures'.
 */
public final class TableReads {
    /** How many collections are under way on any thread; zero on the service's hot path. */
    private static final AtomicInteger COLLECTING = new AtomicInteger();
    private static final ThreadLocal<Set<Object>> CURRENT = new ThreadLocal<>();

    private TableReads() {}

    /** A set that tells rows apart by identity (two rows may hold the same values in different periods). */
    public static Set<Object> newSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Runs {@code work} on this thread, noting into {@code into} every row it reads. */
    public static <T> T collect(Set<Object> into, Supplier<T> work) {
        Set<Object> outer = CURRENT.get();
        CURRENT.set(into);
        COLLECTING.incrementAndGet();
        try {
            return work.get();
        } finally {
            COLLECTING.decrementAndGet();
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Whether some thread collects: the one test a lookup makes when none does. */
    public static boolean collecting() {
        return COLLECTING.get() != 0;
    }

    /** The rows a lookup answers, noted when this thread collects. */
    public static <T> List<T> read(List<T> rows) {
        if (COLLECTING.get() != 0 && !rows.isEmpty()) {
            Set<Object> into = CURRENT.get();
            if (into != null) {
                into.addAll(rows);
            }
        }
        return rows;
    }

    /** The row a lookup answers, if any, noted when this thread collects. */
    public static <T> Optional<T> read(Optional<T> row) {
        if (COLLECTING.get() != 0 && row.isPresent()) {
            read(row.get());
        }
        return row;
    }

    /** One row read (a rule asked it a question), noted when this thread collects. */
    public static void read(Object row) {
        if (COLLECTING.get() != 0 && row != null) {
            Set<Object> into = CURRENT.get();
            if (into != null) {
                into.add(row);
            }
        }
    }

    /** Every object of a fired rule's match (table rows among them), noted when this thread collects. */
    public static void readAll(Collection<?> objects) {
        if (COLLECTING.get() != 0) {
            Set<Object> into = CURRENT.get();
            if (into != null) {
                into.addAll(objects);
            }
        }
    }
}
