import { describe, expect, it } from "vitest";
import { strength, minScore } from "./strength";

describe("strength", () => {
  it("refuses a common password with a reason", () => {
    const s = strength("password");
    expect(s.score).toBeLessThan(minScore);
    expect(s.ok).toBe(false);
    expect(s.label).toMatch(/weak/i);
    expect(s.feedback).not.toBe("");
    expect(s.feedback).not.toMatch(/^warnings\.|suggestions\./);
  });

  it("accepts a long passphrase of unrelated words", () => {
    const s = strength("copper lantern drifts over quiet harbor");
    expect(s.score).toBeGreaterThanOrEqual(3);
    expect(s.ok).toBe(true);
  });

  it("says nothing about an empty field", () => {
    expect(strength("")).toEqual({ score: 0, label: "", feedback: "", ok: false });
  });
});
