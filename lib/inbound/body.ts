import type { InboundBody } from "@/integrations/hook-types";

/** JSON, or a form post (Slack commands, interactivity) as its fields with `payload` JSON-parsed. */
export function parseBody(raw: string, headers: Headers): InboundBody {
  const contentType = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let json: unknown;
  if (contentType === "application/x-www-form-urlencoded") {
    const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
    if (typeof fields.payload === "string") {
      try {
        fields.payload = JSON.parse(fields.payload);
      } catch {
        json = undefined;
      }
    }
    json = fields;
  } else {
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
  }
  return { raw, json, contentType, headers };
}
