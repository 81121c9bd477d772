import type { Emulator, ProviderDescription, SandboxContext } from "./core/context";
import { html, json } from "./core/http";
import { escapeHtml } from "./core/oauth-page";
import { sandboxPaths } from "./config";

/** `GET /`: every emulated provider with its URLs, demo accounts and credentials. JSON or HTML. */
export function mountFrontDoor(ctx: SandboxContext, emulators: Emulator[], stripeOrigin: string) {
  ctx.router.get("/", (req) => {
    const providers = emulators.map((e) => e.describe(ctx));
    const body = {
      name: "Integration Hub provider sandbox",
      origin: ctx.origin,
      stripeOrigin,
      control: `${ctx.origin}${sandboxPaths.control.base}`,
      providers,
    };
    const accept = String(req.headers.accept ?? "");
    if (accept.includes("application/json") && !accept.startsWith("text/html")) return json(200, body);
    return html(200, page(body.origin, body.control, providers));
  });
}

function table(rows: Record<string, string>) {
  return `<table><tbody>${Object.entries(rows).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`).join("")}</tbody></table>`;
}

function page(origin: string, control: string, providers: ProviderDescription[]) {
  const sections = providers.map((p) => `
  <section aria-labelledby="p-${escapeHtml(p.id)}">
    <h2 id="p-${escapeHtml(p.id)}">${escapeHtml(p.name)}</h2>
    ${p.notes ? `<p>${escapeHtml(p.notes)}</p>` : ""}
    <h3>URLs</h3>${table(p.urls)}
    <h3>Demo accounts</h3>
    ${p.accounts.map((a) => `<h4>${escapeHtml(a.name)} <small>(${escapeHtml(a.id)})</small></h4>${table(a.credentials)}`).join("")}
  </section>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Provider sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left;vertical-align:top}
th{font-weight:600;white-space:nowrap}section{margin-top:2rem}</style></head>
<body><main><h1>Provider sandbox</h1>
<p>Local emulators of the providers the hub talks to. Main origin <code>${escapeHtml(origin)}</code>; control API <code>${escapeHtml(control)}</code>.
Ask for <code>application/json</code> to get this page as data.</p>${sections}
</main></body></html>`;
}
