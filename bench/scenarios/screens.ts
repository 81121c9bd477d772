// Scenario "screens" (issue 9.7, issue 13 scenario 4's page half): time to first byte and full
// load of every signed-in page of the production build, against a bare node:http server sending
// the same bytes in the same run. Sequential requests: this measures latency, not throughput.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { percentile, round } from "../stats";

export const PAGES = ["/dashboard", "/invoices", "/customers", "/integrations", "/integrations/xero", "/activity", "/settings"];

export interface PageFigure { path: string; ttfbP50: number; ttfbP95: number; loadP95: number; baselineP95: number; ratio: number }

/** Signs the demo admin in through Auth.js's own credentials endpoint and returns the cookie header. */
export async function signIn(hub: string, email = "admin@example.com", password = "admin123"): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${hub}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${hub}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${hub}/dashboard` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in as ${email} failed (${res.status}).`);
  return cookie();
}

async function timeGet(url: string, cookie?: string): Promise<{ status: number; ttfb: number; load: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const ttfb = performance.now() - t0;
  const body = await res.text();
  return { status: res.status, ttfb, load: performance.now() - t0, body };
}

/** A bare server answering every request with `body`: the floor a page is compared with. */
async function bareServer(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const srv = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => srv.close(() => r())) };
}

/** Runs the scenario; throws when a page does not answer 200 for the signed-in user. */
export async function runScreens(hub: string, opts: { requests: number; warmup: number }): Promise<PageFigure[]> {
  const cookie = await signIn(hub);
  const figures: PageFigure[] = [];
  for (const path of PAGES) {
    let last = "";
    for (let i = 0; i < opts.warmup; i++) last = (await timeGet(hub + path, cookie)).body;
    const ttfb: number[] = [];
    const load: number[] = [];
    for (let i = 0; i < opts.requests; i++) {
      const r = await timeGet(hub + path, cookie);
      if (r.status !== 200) throw new Error(`${path} answered ${r.status} for the signed-in demo admin.`);
      ttfb.push(r.ttfb);
      load.push(r.load);
      last = r.body;
    }
    const bare = await bareServer(last);
    const baseline: number[] = [];
    try {
      for (let i = 0; i < opts.warmup; i++) await timeGet(bare.url);
      for (let i = 0; i < opts.requests; i++) baseline.push((await timeGet(bare.url)).load);
    } finally {
      await bare.close();
    }
    const loadP95 = percentile(load, 95);
    const baselineP95 = percentile(baseline, 95);
    figures.push({
      path,
      ttfbP50: round(percentile(ttfb, 50)),
      ttfbP95: round(percentile(ttfb, 95)),
      loadP95: round(loadP95),
      baselineP95: round(baselineP95, 2),
      ratio: round(loadP95 / baselineP95),
    });
  }
  return figures;
}
