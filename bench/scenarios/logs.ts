// Scenario "logs" (issue 13 scenario 4's API half): with `rows` outbound delivery attempts and
// `rows` inbound events stored for the demo organisation and as many for another one (seeded with
// generate_series in SQL), the p95 of the log APIs' first page, a page 10,000 rows deep (reached by
// cursor) and a filtered page, plus the webhooks hub page and the dashboard over that data. The
// baseline of each API page is the same keyset query run straight on Postgres; an API page over
// the 100 ms target prints its query's plan (which indexes it uses).
import postgres from "postgres";
import { percentile, round } from "../stats";
import { signIn } from "./screens";

export const LOGS_TARGET_P95_MS = 100;

export interface LogFigure { what: string; p50Ms: number; p95Ms: number; baselineP95Ms: number; ratio: number; target: "pass" | "FAIL" | "-"; plan?: string[] }
export interface LogsResult { rowsPerOrganisation: number; seedSeconds: number; depth: number; figures: LogFigure[] }

type Sql = postgres.Sql;

/** One organisation's log rows: a Stripe connection with `rows` inbound events, an endpoint with `rows` attempts (4 per delivery). */
async function seed(sql: Sql, organisationId: string, tag: string, rows: number): Promise<{ connectionId: string; endpointId: string }> {
  const [conn] = await sql<{ id: string }[]>`insert into connections (id, organisation_id, provider, status, auth_mode, external_account_id, display_name)
    values (gen_random_uuid()::text, ${organisationId}, 'stripe', 'connected', 'api_key', ${`acct_logs_${tag}`}, 'Bench logs') returning id`;
  const [ep] = await sql<{ id: string }[]>`insert into webhook_endpoints (id, organisation_id, url, event_types, status)
    values (gen_random_uuid()::text, ${organisationId}, 'https://hooks.example.com/bench', '{*}', 'paused') returning id`;
  // Foreign keys hold by construction; their triggers are skipped for the bulk load only.
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`insert into inbound_events (id, organisation_id, connection_id, provider, event_id, type, status, attempts, headers, body, received_at, processed_at)
      select gen_random_uuid()::text, ${organisationId}, ${conn!.id}, 'stripe', 'evt_' || ${tag} || '_' || g,
        (array['payment_intent.succeeded','payment_intent.payment_failed','charge.refunded','customer.created','invoice.paid'])[1 + g % 5],
        (case when g % 20 = 0 then 'failed' when g % 20 = 1 then 'ignored' else 'processed' end)::inbound_status, 1, '{}'::jsonb,
        '{"id":"evt_' || ${tag} || '_' || g || '","object":"event","type":"invoice.paid"}',
        now() - make_interval(secs => ${rows} - g), now() - make_interval(secs => ${rows} - g)
      from generate_series(1, ${rows}::int) g`;
    await tx`insert into webhook_deliveries (id, organisation_id, endpoint_id, event_id, event_type, body, status, attempts, created_at, updated_at)
      select 'msg_' || ${tag} || '_' || d, ${organisationId}, ${ep!.id}, 'evt_' || ${tag} || '_' || d, 'invoice.paid',
        '{"type":"invoice.paid","data":{}}', case when d % 10 = 0 then 'failed' else 'succeeded' end, 4,
        now() - make_interval(secs => ${rows} - d * 4), now()
      from generate_series(0, ${Math.ceil(rows / 4) - 1}::int) d`;
    await tx`insert into webhook_attempts (id, organisation_id, endpoint_id, delivery_id, attempt, status_code, duration_ms, response_body, error, succeeded, created_at)
      select gen_random_uuid()::text, ${organisationId}, ${ep!.id}, 'msg_' || ${tag} || '_' || (g / 4), 1 + g % 4,
        case when g % 10 = 0 then 500 else 200 end, 20 + g % 200, 'ok', case when g % 10 = 0 then 'HTTP 500' end, g % 10 <> 0,
        now() - make_interval(secs => ${rows} - g)
      from generate_series(0, ${rows - 1}::int) g`;
  });
  return { connectionId: conn!.id, endpointId: ep!.id };
}

async function time(fn: () => Promise<void>, n: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function runLogs(hub: string, databaseUrl: string, opts: { rows: number; depth: number; requests: number; warmup: number }): Promise<LogsResult> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const [demo] = await sql<{ id: string }[]>`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'admin@example.com' limit 1`;
    if (!demo) throw new Error("the demo organisation (admin@example.com) is not there");
    const [other] = await sql<{ id: string }[]>`insert into organisations (id, name) values (gen_random_uuid()::text, 'Bench logs other') returning id`;
    const t0 = Date.now();
    const mine = await seed(sql, demo.id, "a", opts.rows);
    await seed(sql, other!.id, "b", opts.rows);
    await sql`analyze inbound_events`;
    await sql`analyze webhook_attempts`;
    await sql`analyze webhook_deliveries`;
    const seedSeconds = round((Date.now() - t0) / 1000);

    const cookie = await signIn(hub);
    const get = async (path: string) => {
      const res = await fetch(hub + path, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 200)}`);
      return body;
    };
    const apiJson = async (path: string) => JSON.parse(await get(path)) as { data: unknown[]; page: { nextCursor: string | null } };

    // The cursor `depth` rows down, walked 100 at a time as a client would.
    const deep = async (path: string) => {
      let cursor: string | null = null;
      for (let seen = 0; seen < opts.depth; seen += 100) {
        const page = await apiJson(`${path}${path.includes("?") ? "&" : "?"}limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        if (!page.page.nextCursor) throw new Error(`${path} ran out of pages at ${seen + page.data.length} rows`);
        cursor = page.page.nextCursor;
      }
      return cursor!;
    };
    const events = "/api/webhooks/events";
    const attempts = `/api/webhook-endpoints/${mine.endpointId}/attempts`;
    const eventsCursor = await deep(events);
    const attemptsCursor = await deep(attempts);
    // The same keyset queries straight on Postgres (no HTTP, no framework): the floor.
    const [eventsAt] = await sql<{ ts: string; id: string }[]>`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts, id from inbound_events
      where organisation_id = ${demo.id} order by received_at desc, id desc offset ${opts.depth - 1} limit 1`;
    const eventsQuery = (extra: string) => `select e.id, e.provider, e.event_id, e.type, e.status, e.attempts, e.received_at, e.processed_at, c.display_name
      from inbound_events e join connections c on c.id = e.connection_id where e.organisation_id = '${demo.id}' ${extra}
      order by e.received_at desc, e.id desc limit 51`;
    const attemptsQuery = (extra: string) => `select a.seq, a.id, a.delivery_id, d.event_id, d.event_type, a.attempt, a.status_code, a.duration_ms, a.response_body, a.error, a.succeeded, a.created_at
      from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where a.organisation_id = '${demo.id}' and a.endpoint_id = '${mine.endpointId}' ${extra}
      order by a.seq desc limit 50`;
    const cases: { what: string; path: string; query?: string }[] = [
      { what: "events: first page", path: events, query: eventsQuery("") },
      { what: `events: ${opts.depth.toLocaleString("en")} rows deep`, path: `${events}?cursor=${eventsCursor}`, query: eventsQuery(`and (e.received_at, e.id) < ('${eventsAt!.ts}'::timestamptz, '${eventsAt!.id}')`) },
      { what: "events: status=failed", path: `${events}?status=failed`, query: eventsQuery("and e.status = 'failed'") },
      { what: "events: type=charge.refunded", path: `${events}?type=charge.refunded`, query: eventsQuery("and e.type = 'charge.refunded'") },
      { what: "attempts: first page", path: attempts, query: attemptsQuery("") },
      { what: `attempts: ${opts.depth.toLocaleString("en")} rows deep`, path: `${attempts}?cursor=${attemptsCursor}`, query: attemptsQuery(`and a.seq < ${Number(attemptsCursor)}`) },
      { what: "attempts: status=failed", path: `${attempts}?status=failed`, query: attemptsQuery("and a.succeeded = false") },
      { what: "page /webhooks", path: "/webhooks" },
      { what: "page /dashboard", path: "/dashboard" },
    ];
    const figures: LogFigure[] = [];
    for (const c of cases) {
      const api = await time(async () => { await get(c.path); }, opts.requests, opts.warmup);
      const base = c.query ? await time(async () => { await sql.unsafe(c.query!); }, opts.requests, opts.warmup) : [];
      const p95 = percentile(api, 95);
      const isApi = c.path.startsWith("/api/");
      const fig: LogFigure = {
        what: c.what, p50Ms: round(percentile(api, 50)), p95Ms: round(p95),
        baselineP95Ms: base.length ? round(percentile(base, 95)) : Number.NaN,
        ratio: base.length ? round(p95 / percentile(base, 95)) : Number.NaN,
        target: isApi ? (p95 < LOGS_TARGET_P95_MS ? "pass" : "FAIL") : "-",
      };
      if (isApi && c.query && p95 >= LOGS_TARGET_P95_MS) {
        fig.plan = (await sql.unsafe(`explain (analyze, costs off, timing off) ${c.query}`)).map((r) => String((r as Record<string, unknown>)["QUERY PLAN"]));
      }
      figures.push(fig);
    }
    return { rowsPerOrganisation: opts.rows, seedSeconds, depth: opts.depth, figures };
  } finally {
    await sql.end();
  }
}
