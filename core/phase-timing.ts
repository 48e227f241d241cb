// Start-up phase timings: with OTQ_TIMING=1 each marked phase prints its wall and CPU milliseconds on standard error.

const enabled = process.env['OTQ_TIMING'] === '1';
let lastWallMs = 0;
let lastCpu: NodeJS.CpuUsage | undefined;

/**
 * Marks the end of a phase of a CLI call (config load, audit open, DuckDB open...). Prints `otq timing: NAME +W ms
 * (cpu +C ms) at T ms` — wall and CPU time since the previous mark, and wall time since the process started — when
 * OTQ_TIMING=1; otherwise does nothing (one boolean test), so marks can stay in the start-up path.
 */
export function markPhase(name: string): void {
  if (!enabled) return;
  const wallMs = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = lastCpu ? (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000 : (cpu.user + cpu.system) / 1000;
  process.stderr.write(
    `otq timing: ${name.padEnd(34)} +${(wallMs - lastWallMs).toFixed(0).padStart(4)} ms (cpu +${cpuMs.toFixed(0).padStart(4)} ms) at ${wallMs.toFixed(0)} ms\n`,
  );
  lastWallMs = wallMs;
  lastCpu = cpu;
}
