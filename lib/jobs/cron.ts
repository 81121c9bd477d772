/**
 * Just enough five-field cron (minute hour day-of-month month day-of-week, UTC) for the local
 * runner to honour the same schedule strings as Inngest: "*", lists, ranges and steps.
 */

const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
] as const;

/** A parsed cron expression: the allowed values of each field. */
export interface Cron {
  sets: Set<number>[];
  /** Whether day-of-month / day-of-week were restricted (cron ORs them when both are). */
  domRestricted: boolean;
  dowRestricted: boolean;
}

function parseField(text: string, { min, max }: { min: number; max: number }): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`Bad cron field "${text}"`);
    const step = m[4] ? Number(m[4]) : 1;
    const lo = m[1] === "*" ? min : Number(m[2]);
    const hi = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : lo;
    if (step < 1 || lo < min || hi > max + (max === 6 ? 1 : 0) || lo > hi) throw new Error(`Bad cron field "${text}"`);
    for (let v = lo; v <= hi; v += step) out.add(max === 6 ? v % 7 : v); // 7 is Sunday too
  }
  return out;
}

export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron "${expr}" must have five fields (UTC).`);
  return {
    sets: parts.map((p, i) => parseField(p, FIELDS[i]!)),
    domRestricted: parts[2] !== "*",
    dowRestricted: parts[4] !== "*",
  };
}

export function cronMatches(cron: Cron, d: Date): boolean {
  const [min, hour, dom, month, dow] = cron.sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (!min.has(d.getUTCMinutes()) || !hour.has(d.getUTCHours()) || !month.has(d.getUTCMonth() + 1)) return false;
  const domOk = dom.has(d.getUTCDate());
  const dowOk = dow.has(d.getUTCDay());
  if (cron.domRestricted && cron.dowRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

/** The latest minute at or before `now` that the expression matches (searching back ≤ 366 days). */
export function previousFire(cron: Cron, now: Date): Date | null {
  const t = new Date(now);
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (cronMatches(cron, t)) return t;
    t.setUTCMinutes(t.getUTCMinutes() - 1);
  }
  return null;
}

/** A cron string for an interval, for Inngest, which only takes cron triggers. */
export function everySecondsToCron(seconds: number): string {
  const minutes = seconds / 60;
  if (Number.isInteger(minutes) && minutes >= 1 && minutes < 60 && 60 % minutes === 0) {
    return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
  }
  const hours = seconds / 3600;
  if (Number.isInteger(hours) && hours >= 1 && hours < 24 && 24 % hours === 0) return hours === 1 ? "0 * * * *" : `0 */${hours} * * *`;
  if (seconds === 86_400) return "0 0 * * *";
  throw new Error(`An interval of ${seconds}s has no exact cron form; give the schedule a cron too.`);
}
