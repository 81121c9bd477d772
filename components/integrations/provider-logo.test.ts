import { describe, expect, it } from "vitest";
import { listManifests } from "@/integrations";
import { iconByName } from "./provider-logo";

describe("provider logos", () => {
  it("every manifest names a lucide icon that exists", () => {
    const missing = listManifests().filter((m) => !iconByName(m.logo.icon)).map((m) => `${m.id}: ${m.logo.icon}`);
    expect(missing).toEqual([]);
  });

  it("an unknown icon name resolves to nothing (the tile then shows the initial)", () => {
    expect(iconByName("NoSuchIcon")).toBeUndefined();
  });
});
