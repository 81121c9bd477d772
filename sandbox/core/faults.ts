/**
 * Fault injection per provider, set through `POST /_control/faults`. Each emulator decides how a
 * fault looks in its own protocol (a Xero 429 with Retry-After, a Slack `ratelimited` error, …);
 * this only keeps the settings and the counters.
 */
export type FaultSettings = {
  /** Answer the next N calls with a 5xx. */
  errorBurst?: number;
  errorStatus?: number;
  /** Delay every response by this many milliseconds. */
  latencyMs?: number;
  /** Override the provider's rate limit (calls per window); 0 disables limiting. */
  rateLimit?: number;
  rateWindowSeconds?: number;
  /**
   * "Apply then time out": the next N writes are applied, but their answer is held back for
   * `applyTimeoutMs` and then replaced by a 504, as when a gateway times out after the provider
   * committed the change (a client with a shorter timeout sees no answer at all).
   */
  applyThenTimeout?: number;
  applyTimeoutMs?: number;
};

export class Faults {
  private settings = new Map<string, FaultSettings>();
  private windows = new Map<string, { start: number; count: number }>();

  set(provider: string, s: FaultSettings) {
    this.settings.set(provider, { ...this.settings.get(provider), ...s });
  }
  get(provider: string): FaultSettings {
    return this.settings.get(provider) ?? {};
  }
  clear(provider?: string) {
    if (provider) {
      this.settings.delete(provider);
      for (const k of this.windows.keys()) if (k.startsWith(provider + ":")) this.windows.delete(k);
    } else {
      this.settings.clear();
      this.windows.clear();
    }
  }

  /** Consumes one call of an injected 5xx burst; returns the status to answer with, if any. */
  takeError(provider: string): number | undefined {
    const s = this.settings.get(provider);
    if (!s?.errorBurst) return undefined;
    s.errorBurst -= 1;
    return s.errorStatus ?? 503;
  }

  /**
   * Counts a call against a fixed window keyed by `provider:bucket` (tenant, realm, token…).
   * `defaults` is the provider's real limit; a fault setting overrides it.
   */
  rate(provider: string, bucket: string, defaults: { limit: number; windowSeconds: number }) {
    const s = this.settings.get(provider);
    const limit = s?.rateLimit ?? defaults.limit;
    const windowMs = (s?.rateWindowSeconds ?? defaults.windowSeconds) * 1000;
    if (limit <= 0) return { limited: false, remaining: Infinity, retryAfterSeconds: 0, limit };
    const key = `${provider}:${bucket}`;
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const remaining = Math.max(0, limit - w.count);
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
    return { limited: w.count > limit, remaining, retryAfterSeconds, limit };
  }

  /** Consumes one "apply then time out" write; returns how long to hold the answer, if any. */
  takeApplyThenTimeout(provider: string): number | undefined {
    const s = this.settings.get(provider);
    if (!s?.applyThenTimeout) return undefined;
    s.applyThenTimeout -= 1;
    return s.applyTimeoutMs ?? 30_000;
  }

  /** Holds an answer for `ms` without keeping the process alive for it. */
  hold(ms: number) {
    return new Promise<void>((r) => setTimeout(r, ms).unref());
  }

  async delay(provider: string) {
    const ms = this.settings.get(provider)?.latencyMs;
    if (ms) await new Promise((r) => setTimeout(r, ms));
  }
}
