import { describe, expect, it } from "vitest";
import { downloadable, fitHint, fitLabel } from "./fit";

const gb = 1024 ** 3;

describe("fit hints", () => {
  it("labels each fit", () => {
    expect(fitLabel("fits")).toBe("Fits");
    expect(fitLabel("tight")).toBe("Tight");
    expect(fitLabel("too-big")).toBe("Too big");
    expect(fitLabel("")).toBe("Unknown");
  });
  it("explains each fit with the memory needed", () => {
    expect(fitHint("fits", 2 * gb)).toBe("Needs about 2.0 GB of memory; this computer has it free.");
    expect(fitHint("tight", 6 * gb)).toMatch(/6\.0 GB.*close other apps/);
    expect(fitHint("too-big", 40 * gb)).toMatch(/more than this computer has/);
  });
  it("does not offer models that are too big", () => {
    expect(downloadable("fits")).toBe(true);
    expect(downloadable("tight")).toBe(true);
    expect(downloadable("too-big")).toBe(false);
  });
});
