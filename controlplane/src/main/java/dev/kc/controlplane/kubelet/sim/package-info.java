/**
 * The container simulation: what runs "inside" a simulated container, with no Docker and no threads
 * of its own.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.kc.controlplane.kubelet.sim.InMemoryFs}: a container's file system, with {@link
 *       dev.kc.controlplane.kubelet.sim.Volume}s mounted into it (shared between the containers of
 *       a pod, optionally read-only or a {@code subPath}); volumes serialize to bytes so PVC
 *       content can be persisted.
 *   <li>{@link dev.kc.controlplane.kubelet.sim.SimProcess}: a process (container command, exec
 *       probe, lifecycle hook, {@code kc exec}) in simulated time: {@code run(now)} answers {@code
 *       Sleep(until)} or {@code Exit(code)}.
 *   <li>{@link dev.kc.controlplane.kubelet.sim.ProcessContext}: what a process sees (file system,
 *       environment, host name, DNS, output sinks) and {@link
 *       dev.kc.controlplane.kubelet.sim.Programs}: image programs the kubelet adds.
 * </ul>
 *
 * <h2>Shell language</h2>
 *
 * <p>POSIX sh as dash runs it, with messages worded like dash ({@code sh: 1: foo: not found}) or,
 * when started as {@code bash}, like bash. The bash forms below are accepted under {@code sh} too,
 * where dash would reject them (images whose {@code sh} is bash or busybox accept most of them); so
 * {@code cmd &> file} is bash's redirection, not dash's background job. Words and quoting ({@code
 * '...'}, {@code "..."}, backslash, {@code $'...'}); parameters ({@code $X}, {@code ${X}}, {@code
 * ${X:-w}} and the other POSIX operators, {@code ${#X}}, {@code ${X#p}}, {@code ${X%p}}, bash's
 * {@code ${X/p/r}}, {@code ${X:o:l}}, {@code ${X^^}}); special parameters {@code $? $$ $! $# $@ $*
 * $0-$9 $-}; {@code $(...)} and backquotes; {@code $((...))}; field splitting on IFS; globbing;
 * lists {@code ; & && || !}; pipelines (also {@code |&}); {@code { }} and {@code ( )}; {@code if},
 * {@code while}, {@code until}, {@code for}, {@code case}; functions; {@code [[ ]]} with {@code =~}
 * and {@code BASH_REMATCH[n]}; {@code (( ))}; redirections {@code < > >> 2> 2>&1 &> <> <<EOF <<-EOF
 * <<<} and {@code /dev/null}, {@code /dev/stdout}, {@code /dev/stderr}; comments. Builtins: {@code
 * : true false cd pwd export readonly unset set shift exit return break continue eval . source exec
 * command builtin type which test [ read wait kill trap local declare let env nohup timeout umask
 * ulimit}.
 *
 * <h2>Utilities</h2>
 *
 * <p>{@code echo printf cat touch rm rmdir mkdir ls cp mv chmod chown find mktemp tee realpath
 * readlink basename dirname head tail wc grep egrep fgrep sed sort uniq cut tr base64 seq expr
 * md5sum sha1sum sha256sum sha512sum sleep date printenv hostname id whoami groups uname nslookup
 * getent ping sync}, with GNU coreutils' messages. {@code sh}, {@code bash}, {@code ash} and {@code
 * dash} start nested shells.
 *
 * <h2>Known limitations</h2>
 *
 * <ul>
 *   <li>Pipes are buffered: only {@code cat}, {@code head}, {@code tee} and {@code grep} read a
 *       pipe line by line as it fills; other programs start once the writer has finished, so an
 *       endless producer piped into, say, {@code sort} or {@code sed} never lets it run.
 *   <li>An untrapped SIGTERM ends a shell with 143 even as PID 1, where Linux would ignore it; a
 *       trapped signal waits for the foreground program (e.g. {@code sleep}) as in a real shell;
 *       the EXIT trap does not run when a signal ends the shell.
 *   <li>No arrays (except {@code ${BASH_REMATCH[n]}}), brace expansion ({@code {a,b}}), process
 *       substitution ({@code <(...)}), {@code getopts}, {@code select}, C-style {@code for (( ))},
 *       aliases or job control. {@code echo} interprets escapes only with {@code -e} (as bash and
 *       busybox do, unlike dash).
 *   <li>No symlinks, permissions, owners or timestamps: {@code chmod}/{@code chown} only check that
 *       the file exists, {@code ls -l} shows fixed modes and the current time, {@code -nt} is
 *       false. Everything runs as root.
 *   <li>No {@code awk}, {@code xargs}, {@code find -exec}, {@code wget}, {@code curl} or {@code
 *       nc}; the kubelet can add such programs through {@link
 *       dev.kc.controlplane.kubelet.sim.Programs}. {@code ping} always gets answers once the name
 *       resolves. Times are UTC whatever {@code TZ} says.
 *   <li>{@code read} of a last line without a newline succeeds (bash and dash return 1).
 * </ul>
 */
package dev.kc.controlplane.kubelet.sim;
