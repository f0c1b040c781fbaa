package io.leakhound.hprof;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An opened HPROF heap dump, read-only. Plain dumps are read in place; a gzip dump (a plain {@code gzip}
 * file or the chunked output of {@code jcmd GC.heap_dump -gz=1}) is first inflated into an owner-only file
 * in the caller's private temp directory, which is deleted on {@link #close()}.
 *
 * <p>{@link #scan(HprofVisitor)} streams every record in file order; call it as many times as needed (each
 * analysis pass is one scan). Random reads of a record at a known offset go through {@link #readAt}.
 */
public final class HprofFile implements Closeable {
    private static final int TAG_UTF8 = 0x01;
    private static final int TAG_LOAD_CLASS = 0x02;
    private static final int TAG_UNLOAD_CLASS = 0x03;
    private static final int TAG_FRAME = 0x04;
    private static final int TAG_TRACE = 0x05;
    private static final int TAG_HEAP_DUMP = 0x0C;
    private static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
    private static final int TAG_HEAP_DUMP_END = 0x2C;
    private static final int[] KNOWN_SKIPPED_TAGS = {0x06, 0x07, 0x0A, 0x0B, 0x0D, 0x0E, TAG_HEAP_DUMP_END};

    private static final int SUB_CLASS_DUMP = 0x20;
    private static final int SUB_INSTANCE_DUMP = 0x21;
    private static final int SUB_OBJ_ARRAY_DUMP = 0x22;
    private static final int SUB_PRIM_ARRAY_DUMP = 0x23;
    private static final int SUB_PRIM_ARRAY_NODATA = 0xC3;
    private static final int SUB_HEAP_DUMP_INFO = 0xFE;
    private static final int SUB_UNREACHABLE = 0x90;

    private static final long PROGRESS_STEP = 64L << 20;

    private final Path path;
    private final Path dataPath;
    private final boolean inflated;
    private final long fileBytes;
    private final HprofHeader header;
    private final List<String> openWarnings;
    private DumpInput randomAccess;

    private HprofFile(Path path, Path dataPath, boolean inflated, HprofHeader header, List<String> warnings)
            throws IOException {
        this.path = path;
        this.dataPath = dataPath;
        this.inflated = inflated;
        this.fileBytes = Files.size(path);
        this.header = header;
        this.openWarnings = List.copyOf(warnings);
    }

    /**
     * Opens a dump for reading.
     *
     * @param path the dump, plain or gzip
     * @param tempDir a private (owner-only) directory where a gzip dump is inflated
     * @throws HprofException when the file is missing, unreadable, a directory or not an HPROF dump
     */
    public static HprofFile open(Path path, Path tempDir) {
        if (Files.isDirectory(path)) {
            throw new HprofException(path + ": is a directory, not a heap dump");
        }
        if (!Files.exists(path)) {
            throw new HprofException(path + ": no such file");
        }
        if (!Files.isReadable(path)) {
            throw new HprofException(path + ": permission denied");
        }
        try {
            List<String> warnings = new ArrayList<>();
            Path data = path;
            boolean inflated = false;
            if (isGzip(path)) {
                data = inflate(path, tempDir, warnings);
                inflated = true;
            }
            try {
                HprofHeader header = readHeader(data, path);
                return new HprofFile(path, data, inflated, header, warnings);
            } catch (RuntimeException e) {
                if (inflated) {
                    Files.deleteIfExists(data);
                }
                throw e;
            }
        } catch (EOFException | ZipException e) {
            throw new HprofException(path + ": gzip header cut short or damaged, nothing could be inflated", e);
        } catch (NoSuchFileException e) {
            throw new HprofException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new HprofException(path + ": permission denied");
        } catch (IOException e) {
            throw new HprofException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Whether the file starts like a gzip stream; false when it cannot be read. */
    public static boolean looksCompressed(Path path) {
        try {
            return isGzip(path);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    private static Path inflate(Path gz, Path tempDir, List<String> warnings) throws IOException {
        if (tempDir == null) {
            throw new HprofException(gz + ": gzip dump needs a temp directory to inflate into");
        }
        Path out = Files.createTempFile(tempDir, "inflated-", ".hprof",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long written = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gz), 1 << 20), 1 << 16);
             OutputStream os = Files.newOutputStream(out, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 20];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    os.write(buf, 0, n);
                    written += n;
                }
            } catch (EOFException | ZipException e) {
                warnings.add("gzip stream ends early or is damaged after " + written
                        + " inflated bytes; analyzing what could be inflated");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return out;
    }

    private static HprofHeader readHeader(Path data, Path shownPath) throws IOException {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(data)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new HprofException(shownPath + ": empty file, not a heap dump");
        }
        int nul = -1;
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                nul = i;
                break;
            }
        }
        String prefix = "JAVA PROFILE ";
        String format = nul > 0 ? new String(head, 0, nul, StandardCharsets.ISO_8859_1) : "";
        if (!format.startsWith(prefix)) {
            String start = new String(head, 0, Math.min(n, prefix.length()), StandardCharsets.ISO_8859_1);
            if (prefix.startsWith(start) && nul < 0 && n < head.length) {
                throw new HprofException(shownPath + ": header truncated (" + n + " bytes), not a usable heap dump");
            }
            throw new HprofException(shownPath + ": not an HPROF heap dump (no 'JAVA PROFILE' header)");
        }
        if (!format.equals("JAVA PROFILE 1.0.1") && !format.equals("JAVA PROFILE 1.0.2")
                && !format.equals("JAVA PROFILE 1.0.3")) {
            throw new HprofException(shownPath + ": unsupported HPROF format '" + format + "'");
        }
        int length = nul + 1 + 4 + 8;
        if (n < length) {
            throw new HprofException(shownPath + ": header truncated (" + n + " bytes), not a usable heap dump");
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int idSize = b.getInt(nul + 1);
        if (idSize != 4 && idSize != 8) {
            throw new HprofException(shownPath + ": corrupt header: identifier size " + idSize + " (expected 4 or 8)");
        }
        long millis = b.getLong(nul + 5);
        return new HprofHeader(format, idSize, millis, length);
    }

    /** The path the user gave. */
    public Path path() {
        return path;
    }

    /** Size of the file the user gave (compressed size for gzip dumps). */
    public long fileBytes() {
        return fileBytes;
    }

    /** Size of the uncompressed HPROF data. */
    public long dataBytes() {
        try {
            return Files.size(dataPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isCompressed() {
        return inflated;
    }

    public HprofHeader header() {
        return header;
    }

    /** Warnings found while opening (e.g. a damaged gzip stream). */
    public List<String> openWarnings() {
        return openWarnings;
    }

    private DumpInput newInput() throws IOException {
        FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.READ);
        return DumpInput.forScan(ch, ch.size(), header.idSize());
    }

    /**
     * Streams all records to the visitor in file order.
     *
     * @return where the scan stopped and whether the file was complete
     */
    public ScanResult scan(HprofVisitor visitor) {
        return scan(visitor, header.length(), Long.MAX_VALUE);
    }

    /**
     * Streams the records that start in {@code [from, to)} to the visitor; {@code from} must be a record start
     * (see {@link #splitPoints(int)}). Ranges that together cover the file may be scanned concurrently.
     */
    public ScanResult scan(HprofVisitor visitor, long from, long to) {
        try (DumpInput in = newInput()) {
            return new Scanner(in, visitor).run(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InternalError e) {
            // a mapped window past the end of a file that shrank meanwhile
            throw new HprofException(path + ": the file shrank while it was being read", e);
        }
    }

    /**
     * Offsets of top-level records that cut the data into about {@code parts} ranges of similar size, for
     * parallel scans: the first is where the records begin, the last is the end of the data. Reads only the
     * record headers.
     */
    public long[] splitPoints(int parts) {
        try (DumpInput in = newInputWithBuffer(1 << 14)) {
            long size = in.size();
            long[] points = new long[parts + 1];
            points[0] = header.length();
            int next = 1;
            long pos = header.length();
            while (next < parts && pos < size) {
                in.seek(pos);
                if (!in.ensure(9)) {
                    break;
                }
                in.advance(5);
                long length = in.u4() & 0xFFFFFFFFL;
                long end = pos + 9 + length;
                if (end > size) {
                    break;
                }
                while (next < parts && end >= size * next / parts) {
                    points[next++] = end;
                }
                pos = end;
            }
            while (next <= parts) {
                points[next++] = Long.MAX_VALUE;
            }
            points[parts] = Long.MAX_VALUE;
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DumpInput newInputWithBuffer(int capacity) throws IOException {
        FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.READ);
        return new DumpInput(ch, ch.size(), header.idSize(), capacity);
    }

    /**
     * Reads the heap sub-record that starts at {@code recordOffset} (as given to the visitor) and delivers it
     * to {@code visitor} alone, for random access to a few objects after indexing.
     */
    public synchronized void readAt(long recordOffset, HprofVisitor visitor) {
        try {
            if (randomAccess == null) {
                FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.READ);
                randomAccess = new DumpInput(ch, ch.size(), header.idSize(), 1 << 14);
            }
            randomAccess.seek(recordOffset);
            new Scanner(randomAccess, visitor).subRecord(randomAccess.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code length} raw bytes at an absolute offset of the uncompressed data. */
    public byte[] readBytes(long offset, int length) {
        try (FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // keep reading
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (randomAccess != null) {
            randomAccess.close();
            randomAccess = null;
        }
        if (inflated) {
            try {
                Files.deleteIfExists(dataPath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Outcome of a scan.
     *
     * @param endOffset offset just after the last complete record
     * @param dataBytes size of the data
     * @param truncated whether the data ended inside a record
     * @param records number of top-level records read
     */
    public record ScanResult(long endOffset, long dataBytes, boolean truncated, long records) {
        /** Bytes after the last complete record that could not be used. */
        public long lostBytes() {
            return dataBytes - endOffset;
        }
    }

    /** One scan: the record loop, the heap sub-record loop and their bounds checks. */
    private final class Scanner {
        private final DumpInput in;
        private final HprofVisitor v;
        private final RecordData data;
        private final boolean heapObjects;
        private final boolean metadata;
        private final int idSize;
        private final boolean[] warnedTags = new boolean[256];
        private long nextProgress = PROGRESS_STEP;
        private long lastComplete;
        private boolean truncated;

        Scanner(DumpInput in, HprofVisitor v) {
            this.in = in;
            this.v = v;
            this.data = new RecordData(in);
            this.heapObjects = v.wantsHeapObjects();
            this.metadata = v.wantsMetadata();
            this.idSize = in.idSize();
        }

        ScanResult run(long from, long to) {
            in.seek(from);
            lastComplete = from;
            long records = 0;
            long size = in.size();
            while (in.position() < size && in.position() < to) {
                long start = in.position();
                if (!in.ensure(9)) {
                    truncation(start, "record header");
                    break;
                }
                int tag = in.u1();
                in.advance(4);
                long length = in.u4() & 0xFFFFFFFFL;
                long bodyStart = in.position();
                long end = bodyStart + length;
                boolean isHeap = tag == TAG_HEAP_DUMP || tag == TAG_HEAP_DUMP_SEGMENT;
                if (end > size) {
                    if (isHeap) {
                        heapDump(size, true);
                    }
                    truncation(lastComplete, "record at offset " + start + " (tag 0x" + Integer.toHexString(tag)
                            + ", " + length + " bytes)");
                    break;
                }
                if (isHeap) {
                    heapDump(end, false);
                } else if (tag >= TAG_UTF8 && tag <= TAG_TRACE) {
                    if (metadata) {
                        metadataRecord(tag, length);
                    }
                } else if (!isKnownSkipped(tag)) {
                    if (!warnedTags[tag]) {
                        warnedTags[tag] = true;
                        v.warning("unknown record tag 0x" + Integer.toHexString(tag) + " at offset " + start
                                + " skipped");
                    }
                }
                in.seek(end);
                lastComplete = end;
                records++;
                progress();
            }
            v.progress(in.position(), size);
            return new ScanResult(lastComplete, size, truncated, records);
        }

        private boolean isKnownSkipped(int tag) {
            for (int t : KNOWN_SKIPPED_TAGS) {
                if (t == tag) {
                    return true;
                }
            }
            return false;
        }

        private void progress() {
            if (in.position() >= nextProgress) {
                nextProgress = in.position() + PROGRESS_STEP;
                v.progress(in.position(), in.size());
            }
        }

        private void truncation(long usableEnd, String what) {
            truncated = true;
            long lost = in.size() - usableEnd;
            v.warning(String.format("dump truncated: %s runs past the end of the file; analyzed up to offset %d,"
                    + " %d bytes (%.1f%%) lost", what, usableEnd, lost, 100.0 * lost / Math.max(1, in.size())));
        }

        private void metadataRecord(int tag, long length) {
            if (length > Integer.MAX_VALUE || !in.ensure((int) length)) {
                return;
            }
            switch (tag) {
                case TAG_UTF8 -> {
                    long id = in.id();
                    int n = (int) length - idSize;
                    if (n < 0) {
                        v.warning("corrupt UTF8 record (length " + length + ") skipped");
                        return;
                    }
                    byte[] s = new byte[n];
                    in.bytes(s, 0, n);
                    v.utf8(id, s);
                }
                case TAG_LOAD_CLASS -> {
                    if (length < 8 + 2L * idSize) {
                        v.warning("corrupt LOAD_CLASS record (length " + length + ") skipped");
                        return;
                    }
                    int serial = in.u4();
                    long classId = in.id();
                    int trace = in.u4();
                    long nameId = in.id();
                    v.loadClass(serial, classId, trace, nameId);
                }
                case TAG_UNLOAD_CLASS -> {
                    if (length < 4) {
                        v.warning("corrupt UNLOAD_CLASS record (length " + length + ") skipped");
                        return;
                    }
                    v.unloadClass(in.u4());
                }
                case TAG_FRAME -> {
                    if (length < 8 + 4L * idSize) {
                        v.warning("corrupt FRAME record (length " + length + ") skipped");
                        return;
                    }
                    long frameId = in.id();
                    long method = in.id();
                    long sig = in.id();
                    long source = in.id();
                    int classSerial = in.u4();
                    int line = in.u4();
                    v.stackFrame(frameId, method, sig, source, classSerial, line);
                }
                case TAG_TRACE -> {
                    if (length < 12) {
                        v.warning("corrupt TRACE record (length " + length + ") skipped");
                        return;
                    }
                    int serial = in.u4();
                    int thread = in.u4();
                    int count = in.u4();
                    if (count < 0 || (long) count * idSize + 12 > length) {
                        v.warning("corrupt TRACE record (frame count " + count + ") skipped");
                        return;
                    }
                    long[] frames = new long[count];
                    for (int i = 0; i < count; i++) {
                        frames[i] = in.id();
                    }
                    v.stackTrace(serial, thread, frames);
                }
                default -> {
                }
            }
        }

        /** Sub-records of one HEAP_DUMP or HEAP_DUMP_SEGMENT body, up to {@code end}. */
        private void heapDump(long end, boolean endIsFileEnd) {
            while (in.position() < end) {
                long start = in.position();
                int status = subRecord(end);
                if (status == OK) {
                    lastComplete = in.position();
                    progress();
                    continue;
                }
                if (status == OVERRUN && !endIsFileEnd) {
                    v.warning("corrupt heap dump segment: sub-record at offset " + start
                            + " overruns its segment ending at " + end + "; rest of the segment skipped");
                } else if (status == UNKNOWN_TAG) {
                    v.warning("unknown heap sub-record tag at offset " + start
                            + "; rest of the segment (" + (end - start) + " bytes) skipped");
                }
                in.seek(end);
                return;
            }
        }

        static final int OK = 0;
        static final int OVERRUN = 1;
        static final int UNKNOWN_TAG = 2;


        private boolean need(long end, int n) {
            return in.position() + n <= end && in.ensure(n);
        }

        /** Reads one heap sub-record; leaves the position after it when it returns {@link #OK}. */
        int subRecord(long end) {
            long start = in.position();
            if (!need(end, 1)) {
                return OVERRUN;
            }
            int tag = in.u1();
            int id = idSize;
            switch (tag) {
                case 0xFF, 0x05, 0x07, 0x89, 0x8A, 0x8B, 0x8C, 0x8D -> {
                    if (!need(end, id)) {
                        return OVERRUN;
                    }
                    root(tag, in.id(), -1, -1);
                }
                case SUB_UNREACHABLE -> {
                    if (!need(end, id)) {
                        return OVERRUN;
                    }
                    in.advance(id);
                }
                case 0x01 -> {
                    if (!need(end, 2 * id)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    in.advance(id);
                    root(tag, obj, -1, -1);
                }
                case 0x02, 0x03, 0x08, 0x8E -> {
                    if (!need(end, id + 8)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    int thread = in.u4();
                    int frame = in.u4();
                    root(tag, obj, thread, frame);
                }
                case 0x04, 0x06 -> {
                    if (!need(end, id + 4)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    root(tag, obj, in.u4(), -1);
                }
                case SUB_CLASS_DUMP -> {
                    return classDump(start, end);
                }
                case SUB_INSTANCE_DUMP -> {
                    if (!need(end, 2 * id + 8)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    in.advance(4);
                    long classId = in.id();
                    long len = in.u4() & 0xFFFFFFFFL;
                    if (in.position() + len > end || len > (256 << 20)) {
                        return OVERRUN;
                    }
                    if (heapObjects) {
                        if (!in.ensure((int) len)) {
                            return OVERRUN;
                        }
                        long after = in.position() + len;
                        data.startAt(in.bufferIndex());
                        v.instance(obj, classId, (int) len, data, start);
                        in.seek(after);
                    } else {
                        in.skip(len);
                    }
                }
                case SUB_OBJ_ARRAY_DUMP -> {
                    if (!need(end, 2 * id + 8)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    in.advance(4);
                    int length = in.u4();
                    long arrayClass = in.id();
                    long bytes = (length & 0xFFFFFFFFL) * id;
                    if (length < 0 || in.position() + bytes > end) {
                        return OVERRUN;
                    }
                    long after = in.position() + bytes;
                    if (heapObjects) {
                        v.objectArray(obj, arrayClass, length, data, start);
                    }
                    in.seek(after);
                }
                case SUB_PRIM_ARRAY_DUMP -> {
                    if (!need(end, id + 9)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    in.advance(4);
                    int length = in.u4();
                    BasicType type = BasicType.ofTag(in.u1());
                    if (type == null || type == BasicType.OBJECT || length < 0) {
                        return UNKNOWN_TAG;
                    }
                    long bytes = (long) length * type.sizeInDump(id);
                    if (in.position() + bytes > end) {
                        return OVERRUN;
                    }
                    if (heapObjects) {
                        v.primitiveArray(obj, type, length, start);
                    }
                    in.skip(bytes);
                }
                case SUB_PRIM_ARRAY_NODATA -> {
                    if (!need(end, id + 9)) {
                        return OVERRUN;
                    }
                    long obj = in.id();
                    in.advance(4);
                    int length = in.u4();
                    BasicType type = BasicType.ofTag(in.u1());
                    if (type == null || type == BasicType.OBJECT || length < 0) {
                        return UNKNOWN_TAG;
                    }
                    if (heapObjects) {
                        v.primitiveArray(obj, type, length, start);
                    }
                }
                case SUB_HEAP_DUMP_INFO -> {
                    if (!need(end, 4 + id)) {
                        return OVERRUN;
                    }
                    in.advance(4 + id);
                }
                default -> {
                    in.seek(start);
                    return UNKNOWN_TAG;
                }
            }
            return OK;
        }

        private void root(int tag, long obj, int thread, int frame) {
            v.gcRoot(rootKind(tag), obj, thread, frame);
        }

        private int classDump(long start, long end) {
            int id = idSize;
            if (!need(end, 7 * id + 8)) {
                return OVERRUN;
            }
            long classId = in.id();
            in.advance(4);
            long superId = in.id();
            long loaderId = in.id();
            in.advance(4 * id);
            int instanceSize = in.u4();
            if (!need(end, 2)) {
                return OVERRUN;
            }
            int cpCount = in.u2();
            for (int i = 0; i < cpCount; i++) {
                if (!need(end, 3)) {
                    return OVERRUN;
                }
                in.advance(2);
                BasicType t = BasicType.ofTag(in.u1());
                if (t == null) {
                    return UNKNOWN_TAG;
                }
                if (!need(end, t.sizeInDump(id))) {
                    return OVERRUN;
                }
                in.advance(t.sizeInDump(id));
            }
            if (!need(end, 2)) {
                return OVERRUN;
            }
            int staticCount = in.u2();
            long[] staticNames = new long[staticCount];
            BasicType[] staticTypes = new BasicType[staticCount];
            long[] staticValues = new long[staticCount];
            for (int i = 0; i < staticCount; i++) {
                if (!need(end, id + 1)) {
                    return OVERRUN;
                }
                staticNames[i] = in.id();
                BasicType t = BasicType.ofTag(in.u1());
                if (t == null) {
                    return UNKNOWN_TAG;
                }
                staticTypes[i] = t;
                if (!need(end, t.sizeInDump(id))) {
                    return OVERRUN;
                }
                staticValues[i] = readValue(t);
            }
            if (!need(end, 2)) {
                return OVERRUN;
            }
            int fieldCount = in.u2();
            long[] fieldNames = new long[fieldCount];
            BasicType[] fieldTypes = new BasicType[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                if (!need(end, id + 1)) {
                    return OVERRUN;
                }
                fieldNames[i] = in.id();
                BasicType t = BasicType.ofTag(in.u1());
                if (t == null) {
                    return UNKNOWN_TAG;
                }
                fieldTypes[i] = t;
            }
            if (metadata || heapObjects) {
                v.classDump(new ClassDump(classId, superId, loaderId, instanceSize, staticNames, staticTypes,
                        staticValues, fieldNames, fieldTypes, start));
            }
            return OK;
        }

        private long readValue(BasicType t) {
            return switch (t) {
                case OBJECT -> in.id();
                case BOOLEAN, BYTE -> in.u1();
                case CHAR, SHORT -> in.u2();
                case INT, FLOAT -> in.u4() & 0xFFFFFFFFL;
                case LONG, DOUBLE -> in.u8();
            };
        }
    }

    private static GcRootKind rootKind(int tag) {
        for (GcRootKind k : GcRootKind.values()) {
            if (k.tag() == tag) {
                return k;
            }
        }
        return GcRootKind.UNKNOWN;
    }
}
