/**
 * The HTML consent page of the sandbox's OAuth2 authorization servers. It is a real form so
 * that a person, or Playwright, clicks "Allow" or "Deny"; the hidden fields carry the original
 * authorize request back to the POST handler.
 */
export type ConsentPage = {
  providerName: string;
  clientId: string;
  scopes: string[];
  accounts: { id: string; name: string }[];
  action: string;
  hidden: Record<string, string>;
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function consentPage(p: ConsentPage): string {
  const hidden = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n      ");
  const scopes = p.scopes.length
    ? `<ul>${p.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("")}</ul>`
    : "<p>No scopes requested.</p>";
  // A single account needs no choice; several (Xero organisations, QuickBooks companies) get a select.
  const account =
    p.accounts.length > 1
      ? `<p><label for="account">Account</label>
      <select id="account" name="account">${p.accounts
        .map((a) => `<option value="${escapeHtml(a.id)}">${escapeHtml(a.name)}</option>`)
        .join("")}</select></p>`
      : p.accounts.length === 1
        ? `<input type="hidden" name="account" value="${escapeHtml(p.accounts[0].id)}"><p>Account: <strong>${escapeHtml(p.accounts[0].name)}</strong></p>`
        : "";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(p.providerName)} sandbox: authorize</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111}
button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem;border-radius:.375rem;border:1px solid #999;cursor:pointer}
button[value=allow]{background:#111;color:#fff}</style></head>
<body>
  <main>
    <h1>${escapeHtml(p.providerName)} (sandbox)</h1>
    <p>The application <code>${escapeHtml(p.clientId)}</code> asks for access to your account.</p>
    <h2>Requested scopes</h2>
    ${scopes}
    <form method="post" action="${escapeHtml(p.action)}">
      ${hidden}
      ${account}
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body>
</html>`;
}

export function errorPage(providerName: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(providerName)} sandbox: error</title></head>
<body><main><h1>Authorization error</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
