package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import io.provisioner.devstack.StackLogReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feeds a whole log to a {@link DiagnosisSession} reading only the lines that can matter. The bytes are cut into
 * chunks of whole lines ({@link LogChunks}); {@link #WORKERS} threads split each chunk into lines and mark the ones
 * holding a literal of any rule, fact or DevStack marker ({@link ChunkLines}, {@link ByteLiterals}), without
 * decoding; this thread then takes the chunks in order and decodes only the lines that matter. Every line of the head
 * (the first 64 KB, for the binary check), of the last {@link #WINDOW} lines before the failure (the failed step, the
 * failing chain, the output tail) and of blocks ({@code [Call Trace]}, timing table) is read in full, in order; the
 * others are only counted. Line ends are those of {@link BoundedLineReader}: \n, \r\n, a lone \r; lines are cut at
 * MAX_LINE bytes. Memory: at most {@link #IN_FLIGHT} chunks, the window's lines and {@link #TRACE} xtrace lines.
 */
final class LogScanner {
    /** Lines before the end or "Error on exit" that are always read in full. */
    static final int WINDOW = 512;
    /** Bytes at the start read in full. */
    static final int HEAD = 64 * 1024;
    /** Lines read in full after a block start. */
    static final int BLOCK = 64;
    /** xtrace lines kept (copied) for the failed step and failing chain when the window holds only output. */
    static final int TRACE = 64;
    /** Threads splitting chunks. */
    static final int WORKERS = 2;
    /** Chunks read ahead of the one being fed. */
    static final int IN_FLIGHT = 3;

    private final DiagnosisSession session;
    /** Run on this thread once the workers have the first chunks, before the first line is fed. */
    private final Runnable meanwhile;
    private final ByteLiterals literals;
    private final ByteLiterals traceLiterals;
    private final int chunkSize;
    /** Every block start holds a relevance literal, so a line without one starts no block. */
    private final boolean blocksAreRelevant;

    // the window: the last lines, not yet fed; each in its chunk's bytes
    private final byte[][] wData = new byte[WINDOW][];
    private final int[] wStart = new int[WINDOW];
    private final int[] wLen = new int[WINDOW];
    private final boolean[] wRelevant = new boolean[WINDOW];
    private final long[] wLine = new long[WINDOW];
    private int wHead;
    private int wCount;
    /** Split chunks fed (the window keeps their bytes, not their line arrays), reused by the workers. */
    private final java.util.concurrent.ConcurrentLinkedQueue<ChunkLines> spare =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Chunks fed, whose bytes may still hold window lines. */
    private final java.util.List<byte[]> retired = new java.util.ArrayList<>();

    /** Lines scanned so far; the number of the line being handled. */
    private long scanned;
    /** Lines the session has accounted for (fed or skipped). */
    private long sessionLine;
    // the latest xtrace lines, copied: the failed step may lie further back than the window (long pip output)
    private final byte[][] traceText = new byte[TRACE][];
    private final int[] traceLen = new int[TRACE];
    private final long[] traceLine = new long[TRACE];
    private int traceNext;
    private long headBytes;
    private int blockLines;
    /** Chunks taken at once by {@link #passOver} (for the tests: the bulk path is the one a long log takes). */
    private int passedOver;
    private boolean full;

    /**
     * @param literals      a line holding none of these is skipped
     * @param traceLiterals an xtrace line holding none of these is skipped (the session tries only these on one)
     */
    LogScanner(DiagnosisSession session, ByteLiterals literals, ByteLiterals traceLiterals) {
        this(session, literals, traceLiterals, LogChunks.SIZE, () -> { });
    }

    /**
     * @param meanwhile work the session needs before its first line (the rest of the rule book, {@link
     *                  RuleBook#complete()}), done on this thread while the workers split the first chunks
     */
    LogScanner(DiagnosisSession session, ByteLiterals literals, ByteLiterals traceLiterals, Runnable meanwhile) {
        this(session, literals, traceLiterals, LogChunks.SIZE, meanwhile);
    }

    /** @param chunkSize bytes per chunk, at least MAX_LINE (small only to test chunk edges) */
    LogScanner(DiagnosisSession session, ByteLiterals literals, ByteLiterals traceLiterals, int chunkSize) {
        this(session, literals, traceLiterals, chunkSize, () -> { });
    }

    LogScanner(DiagnosisSession session, ByteLiterals literals, ByteLiterals traceLiterals, int chunkSize,
               Runnable meanwhile) {
        this.session = session;
        this.meanwhile = meanwhile;
        this.literals = literals;
        this.traceLiterals = traceLiterals;
        this.chunkSize = chunkSize;
        this.blocksAreRelevant = StackLogReader.BLOCK_STARTS.stream().allMatch(block -> {
            byte[] bytes = block.getBytes(StandardCharsets.US_ASCII);
            return literals.anyIn(bytes, 0, bytes.length);
        });
    }

    void scan(InputStream in) throws IOException {
        LogChunks chunks = new LogChunks(in, chunkSize);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "diagnose-scan");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<Future<ChunkLines>> pending = new ArrayDeque<>();
        try {
            boolean more = true;
            boolean started = false;
            while (more || !pending.isEmpty()) {
                while (more && pending.size() < IN_FLIGHT) {
                    LogChunks.Chunk chunk = chunks.next();
                    if (chunk == null) {
                        more = false;
                    } else {
                        pending.add(workers.submit(() -> ChunkLines.split(chunk, literals, traceLiterals, spare.poll())));
                    }
                }
                if (!started) {
                    started = true;
                    meanwhile.run();
                }
                if (!pending.isEmpty()) {
                    ChunkLines lines = result(pending.poll());
                    consume(lines);
                    retired.add(lines.data);
                    spare.add(lines);
                    recycle(chunks);
                }
            }
        } finally {
            workers.shutdownNow();
        }
        flushWindow();
        if (scanned > sessionLine) {
            session.skipLines(scanned - sessionLine);
            sessionLine = scanned;
        }
    }

    private static ChunkLines result(Future<ChunkLines> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("diagnose interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Hands the bytes of fed chunks that no window line points into back to the reader. */
    private void recycle(LogChunks chunks) {
        retired.removeIf(data -> {
            for (int offset = 0; offset < wCount; offset++) {
                if (wData[(wHead + offset) % WINDOW] == data) {
                    return false;
                }
            }
            chunks.recycle(data);
            return true;
        });
    }

    private void consume(ChunkLines lines) {
        if (!full && headBytes >= HEAD && blocksAreRelevant && lines.count >= WINDOW && !lines.anyRelevant()) {
            passOver(lines);
            return;
        }
        for (int lineIndex = 0; lineIndex < lines.count; lineIndex++) {
            int start = lines.starts[lineIndex];
            int length = lines.ends[lineIndex] - start;
            line(lines.data, start, length, lines.relevant(lineIndex), lines.exitTrap(lineIndex));
        }
    }

    /**
     * A chunk of at least {@link #WINDOW} lines, none relevant (so none is the exit trap or starts a block), past the
     * head: what {@link #line} would do line by line, at once. The window's lines leave it; of the chunk's lines
     * before its last WINDOW, the ones a block still covers are fed and of the others only the latest {@link #TRACE}
     * xtrace lines are kept (the older ones would be overwritten); its last WINDOW lines become the window.
     */
    private void passOver(ChunkLines lines) {
        passedOver++;
        while (wCount > 0) {
            popOldest(false);
        }
        long first = scanned + 1;
        int leaving = lines.count - WINDOW;
        int next = 0;
        for (; next < leaving && blockLines > 0; next++) {
            blockLines--;
            feed(first + next, lines.data, lines.starts[next], cut(lines, next), false);
        }
        int keepFrom = next;
        int traces = 0;
        for (int index = leaving - 1; index >= next; index--) {
            if (lines.trace(index) && ++traces == TRACE) {
                keepFrom = index;
                break;
            }
        }
        for (int index = keepFrom; index < leaving; index++) {
            if (lines.trace(index)) {
                keepTrace(lines.data, lines.starts[index], cut(lines, index), first + index);
            }
        }
        scanned += leaving;
        for (int index = leaving; index < lines.count; index++) {
            line(lines.data, lines.starts[index], lines.ends[index] - lines.starts[index], false, false);
        }
    }

    int chunksPassedOver() {
        return passedOver;
    }

    private static int cut(ChunkLines lines, int index) {
        return Math.min(lines.ends[index] - lines.starts[index], BoundedLineReader.MAX_LINE);
    }

    private void line(byte[] bytes, int off, int length, boolean relevant, boolean exitTrap) {
        int cut = Math.min(length, BoundedLineReader.MAX_LINE);
        long number = ++scanned;
        if (full) {
            feed(number, bytes, off, cut, relevant);
            return;
        }
        if (headBytes < HEAD) {
            headBytes += length + 1;
            full = exitTrap;
            feed(number, bytes, off, cut, relevant);
            return;
        }
        if (exitTrap) {
            // the exit trap: the lines before it are the failure; read them and everything after in full
            flushWindow();
            full = true;
            feed(number, bytes, off, cut, relevant);
            return;
        }
        if (wCount == WINDOW) {
            popOldest(false);
        }
        int slot = (wHead + wCount) % WINDOW;
        wData[slot] = bytes;
        wStart[slot] = off;
        wLen[slot] = cut;
        wLine[slot] = number;
        wRelevant[slot] = relevant;
        wCount++;
    }

    /** Takes the oldest window line out: fed when it matters (or {@code all}), else only counted. */
    private void popOldest(boolean all) {
        int slot = wHead;
        byte[] src = wData[slot];
        if (all || wRelevant[slot] || blockLines > 0) {
            if (blockLines > 0) {
                blockLines--;
            }
            feed(wLine[slot], src, wStart[slot], wLen[slot], wRelevant[slot]);
        } else if (ChunkLines.isTrace(src, wStart[slot], wLen[slot])) {
            // skipped, but it may be the failed step when only output follows: keep a copy (asked only here: a
            // line that is fed needs no answer)
            keepTrace(src, wStart[slot], wLen[slot], wLine[slot]);
        }
        wData[slot] = null;
        wHead = (wHead + 1) % WINDOW;
        wCount--;
    }

    private void keepTrace(byte[] bytes, int off, int length, long number) {
        byte[] copy = traceText[traceNext];
        if (copy == null || copy.length < length) {
            copy = new byte[Math.max(length, 256)];
            traceText[traceNext] = copy;
        }
        System.arraycopy(bytes, off, copy, 0, length);
        traceLen[traceNext] = length;
        traceLine[traceNext] = number;
        traceNext = (traceNext + 1) % TRACE;
    }

    /**
     * Reads the end in full: first the kept xtrace lines that were skipped (the failed step when long output
     * follows it, the failing chain), as late frames, then every window line.
     */
    private void flushWindow() {
        for (int offset = 0; offset < TRACE; offset++) {
            int slot = (traceNext + offset) % TRACE;
            if (traceLine[slot] != 0) {
                session.lateFrame(traceLine[slot], decode(traceText[slot], 0, traceLen[slot]));
                traceLine[slot] = 0;
            }
        }
        while (wCount > 0) {
            popOldest(true);
        }
    }

    /** @param relevant whether the line holds a relevance literal: only then can it start a block */
    private void feed(long number, byte[] bytes, int off, int length, boolean relevant) {
        if (number - 1 > sessionLine) {
            session.skipLines(number - 1 - sessionLine);
        }
        sessionLine = number;
        String text = decode(bytes, off, length);
        session.accept(text);
        if (relevant || !blocksAreRelevant) {
            for (String block : StackLogReader.BLOCK_STARTS) {
                if (text.contains(block)) {
                    blockLines = BLOCK;
                }
            }
        }
    }

    /** UTF-8 with replacement; an ASCII line takes the JDK's no-decoder fast path. */
    private static String decode(byte[] bytes, int off, int length) {
        return new String(bytes, off, length, StandardCharsets.UTF_8);
    }

}
