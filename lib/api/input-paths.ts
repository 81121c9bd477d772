import type { InputLocation } from "./problem";

/** The request's decoded input, by location, as the wrapper saw it before parsing. */
export type RawInputs = Partial<Record<InputLocation, unknown>>;

/** A leaf of the input: its location, dotted path and value. */
export interface InputLeaf {
  in: InputLocation;
  path: string;
  value: unknown;
}

// Bounded so a hostile, deeply nested body cannot make error reporting itself expensive.
const MAX_LEAVES = 10_000;

/** Every primitive leaf of the inputs (strings, numbers, booleans, null), depth-first. */
export function inputLeaves(inputs: RawInputs): InputLeaf[] {
  const out: InputLeaf[] = [];
  const walk = (where: InputLocation, value: unknown, path: string[], depth: number) => {
    if (out.length >= MAX_LEAVES || depth > 64) return;
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(where, v, [...path, k], depth + 1);
      return;
    }
    out.push({ in: where, path: path.join("."), value });
  };
  for (const [where, value] of Object.entries(inputs) as [InputLocation, unknown][]) walk(where, value, [], 0);
  return out;
}

/** The first leaf matching `test`, or undefined. */
export function findLeaf(inputs: RawInputs, test: (value: unknown) => boolean): InputLeaf | undefined {
  return inputLeaves(inputs).find((leaf) => test(leaf.value));
}

// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string can never be stored faithfully, or null: Postgres text refuses NUL bytes, and a
 * lone surrogate has no UTF-8 form (it would silently become U+FFFD).
 */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "Text cannot contain a NUL character (\\u0000).";
  if (LONE_SURROGATE.test(s)) return "Text contains an unpaired UTF-16 surrogate, which is not a valid character.";
  return null;
}
