/**
 * The C library through the foreign function and memory API: the only package that makes
 * restricted (native) calls.
 *
 * <p>Role: thin facility classes, one Java method per C function and no logic, modelled
 * on the JDK's {@code sun.nio.ch.EPoll}: {@link org.jasyncio.internal.ffm.Libc}
 * (read, write, close, fcntl, fstat, isatty, pipe2, eventfd, open, rlimits),
 * {@link org.jasyncio.internal.ffm.EPoll}, {@link org.jasyncio.internal.ffm.Poll},
 * {@link org.jasyncio.internal.ffm.Select}, {@link org.jasyncio.internal.ffm.Pty}, with
 * struct layouts for Linux on x86_64 and aarch64. A failed call throws
 * {@link org.jasyncio.internal.ffm.ErrnoException} carrying the errno captured with
 * {@code Linker.Option.captureCallState}. Short calls that never block are linked as
 * critical. {@link org.jasyncio.internal.ffm.Native} says whether any of this can run
 * here and why not, without making a restricted call itself.
 *
 * <p>Depends on: {@code java.base} only. Threading: every method may be called from any
 * thread; errno is captured per thread.
 */
package org.jasyncio.internal.ffm;
