// Memory of a process and its descendants, read from /proc (Linux): what `peak RSS` samples.
import fs from "node:fs";

function children(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of `pid` and every process below it, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    total += rssBytes(p);
    todo.push(...children(p));
  }
  return total;
}

/** Samples `treeRss(pid)` every `everyMs` until stopped; returns the peak seen, in MiB. */
export function samplePeakRss(pid: number, everyMs = 200): { stop: () => number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => { peak = Math.max(peak, treeRss(pid)); }, everyMs);
  return { stop: () => { clearInterval(timer); peak = Math.max(peak, treeRss(pid)); return Math.round(peak / 2 ** 20); } };
}
