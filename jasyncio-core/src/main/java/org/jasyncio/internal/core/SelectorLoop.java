package org.jasyncio.internal.core;

import java.nio.channels.SelectableChannel;
import java.util.Objects;

import org.jasyncio.internal.capability.LoopTraits;
import org.jasyncio.internal.io.BackendFactory;
import org.jasyncio.internal.io.Pollable;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.Backend;
import org.jasyncio.loop.Capability;
import org.jasyncio.loop.Handle;
import org.jasyncio.loop.SelectorEventLoop;

/** A readiness loop: the run loop over a selector-style backend. */
public final class SelectorLoop extends BaseLoop implements SelectorEventLoop {
    private final Backend backendKind;
    private final ReadinessBackend readiness;
    private final ReaderWriterTable readersWriters;

    public SelectorLoop(Backend backend) {
        this(backend, SchedulerChoice.AUTO);
    }

    public SelectorLoop(Backend backend, SchedulerChoice scheduler) {
        this(BackendFactory.openReadiness(checkReadiness(backend)), backend, scheduler);
    }

    private SelectorLoop(ReadinessBackend readiness, Backend backend, SchedulerChoice scheduler) {
        super(readiness, scheduler);
        this.readiness = readiness;
        this.backendKind = backend;
        this.readersWriters = new ReaderWriterTable(this, readiness);
    }

    /** The backend as a readiness backend, for the I/O components of this loop. */
    public ReadinessBackend readiness() {
        return readiness;
    }

    private static Backend checkReadiness(Backend backend) {
        if (backend.kind() != Backend.Kind.READINESS) {
            throw new IllegalArgumentException("a selector loop needs a readiness backend; '" + backend.id()
                    + "' is a completion backend: use a proactor loop for it");
        }
        return backend;
    }

    @Override
    public Backend backend() {
        return backendKind;
    }

    @Override
    protected LoopTraits traits() {
        return LoopTraits.of("SelectorEventLoop", backendKind, readiness.watchesRawDescriptors());
    }

    // ================================================================== watching file descriptors

    @Override
    public Handle addReader(SelectableChannel channel, Runnable callback) {
        return add("addReader", channel, ReadinessBackend.READ, callback);
    }

    @Override
    public Handle addReader(int fd, Runnable callback) {
        return add("addReader", fd, ReadinessBackend.READ, callback);
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return remove("removeReader", Objects.requireNonNull(channel, "channel"), ReadinessBackend.READ);
    }

    @Override
    public boolean removeReader(int fd) {
        return remove("removeReader", fd, ReadinessBackend.READ);
    }

    @Override
    public Handle addWriter(SelectableChannel channel, Runnable callback) {
        return add("addWriter", channel, ReadinessBackend.WRITE, callback);
    }

    @Override
    public Handle addWriter(int fd, Runnable callback) {
        return add("addWriter", fd, ReadinessBackend.WRITE, callback);
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return remove("removeWriter", Objects.requireNonNull(channel, "channel"), ReadinessBackend.WRITE);
    }

    @Override
    public boolean removeWriter(int fd) {
        return remove("removeWriter", fd, ReadinessBackend.WRITE);
    }

    private Handle add(String operation, SelectableChannel channel, int side, Runnable callback) {
        Objects.requireNonNull(channel, "channel");
        checkClosed();
        checkThread(operation);
        return readersWriters.add(channel, Pollable.of(channel), side, callback);
    }

    private Handle add(String operation, int fd, int side, Runnable callback) {
        checkClosed();
        checkThread(operation);
        Pollable source = Pollable.of(fd);
        capabilityAnswers().require(Capability.RAW_FILE_DESCRIPTORS, operation + "(int fd)");
        return readersWriters.add(fd, source, side, callback);
    }

    private boolean remove(String operation, Object key, int side) {
        if (isClosed()) {
            return false;
        }
        checkThread(operation);
        return readersWriters.remove(key, side);
    }

    @Override
    protected void closeIo() {
        readersWriters.clear();
    }
}
