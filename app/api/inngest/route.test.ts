import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredJobs } from "@/lib/jobs/registry";

describe("GET /api/inngest", () => {
  const saved = process.env.INNGEST_DEV;
  // Dev mode: the introspection answer needs no signing key.
  beforeAll(() => { process.env.INNGEST_DEV = "1"; });
  afterAll(() => { if (saved === undefined) delete process.env.INNGEST_DEV; else process.env.INNGEST_DEV = saved; });

  it("answers Inngest's introspection with one function per registered job", async () => {
    const { GET } = await import("./route");
    const res = await GET(new NextRequest("http://localhost:3000/api/inngest"), undefined as never);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { function_count: number; mode: string };
    expect(body.function_count).toBe(registeredJobs().length);
    expect(body.function_count).toBeGreaterThanOrEqual(1);
  });
});
