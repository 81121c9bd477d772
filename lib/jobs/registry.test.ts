import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { jobFunctionId } from "./names";
import { registeredJobs, registeredSchedules, validateRegistry } from "./registry";

describe("job registry", () => {
  it("has unique names and schedules that name registered jobs", () => {
    expect(() => validateRegistry()).not.toThrow();
    expect(registeredSchedules().length).toBeGreaterThan(0);
  });

  it("yields exactly one Inngest function per job", () => {
    expect(functions.map((f) => f.id()).sort()).toEqual(registeredJobs().map((j) => jobFunctionId(j.name)).sort());
  });

  it("catches a schedule pointing at a missing job", () => {
    expect(() => validateRegistry([{ name: "s", job: "missing", cron: "* * * * *" }])).toThrow(/unknown job/);
  });
});
