import type { SandboxResponse } from "../../core/http";

/** Stripe's error types (the `error.type` enum of the spec). */
export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

/** A response in Stripe's error shape: `{ error: { type, message, code?, param? } }`. */
export function stripeError(status: number, type: StripeErrorType, message: string, extra: { code?: string; param?: string; [k: string]: unknown } = {}, headers?: Record<string, string>): SandboxResponse {
  return { status, body: { error: { type, message, ...extra } }, headers: { "request-id": `req_sandbox${Date.now().toString(36)}`, ...headers } };
}

export const noSuch = (what: string, id: string, param = "id") =>
  stripeError(404, "invalid_request_error", `No such ${what}: '${id}'`, { code: "resource_missing", param });

export const missingParam = (param: string) =>
  stripeError(400, "invalid_request_error", `Missing required param: ${param}.`, { code: "parameter_missing", param });
