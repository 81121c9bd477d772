// Server actions are public endpoints: anyone can POST to a page with a `Next-Action` id and any
// argument list React can decode (strings, numbers, null, objects), whatever the TypeScript types
// say. These turn arguments of the wrong type into harmless values, so the action's own
// validation answers (a field error, "not found") instead of a TypeError and a 500.

/** The FormData a form action was given, or an empty one (every field then missing) for any other type. */
export function formDataArg(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** A record id or token argument: the string given, or "" (which matches no record) for any other type. */
export function idArg(value: unknown): string {
  return typeof value === "string" ? value : "";
}
