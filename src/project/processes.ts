// Whether a process still runs: what a killed run left (a staging folder, a
// half-written file) is removed only once the process that made it is gone,
// and the dev server stops once the process that started it is.

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
