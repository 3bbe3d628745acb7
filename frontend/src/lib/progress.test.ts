import { describe, expect, it } from "vitest";
import { formatETA, formatSpeed, percent, progressLine } from "./progress";

describe("download progress", () => {
  it("computes the percent, or null when the size is unknown", () => {
    expect(percent(0, 100)).toBe(0);
    expect(percent(50, 200)).toBe(25);
    expect(percent(199, 200)).toBe(99);
    expect(percent(300, 200)).toBe(100);
    expect(percent(10, 0)).toBeNull();
  });
  it("formats the speed", () => {
    expect(formatSpeed(0)).toBe("");
    expect(formatSpeed(NaN)).toBe("");
    expect(formatSpeed(2.5 * 1024 * 1024)).toBe("2.5 MB/s");
    expect(formatSpeed(512)).toBe("512 B/s");
  });
  it("formats the time left", () => {
    expect(formatETA(0)).toBe("");
    expect(formatETA(Infinity)).toBe("");
    expect(formatETA(0.2)).toBe("1 s left");
    expect(formatETA(45)).toBe("45 s left");
    expect(formatETA(179)).toBe("3 min left");
    expect(formatETA(3600)).toBe("1 h left");
    expect(formatETA(3900)).toBe("1 h 5 min left");
  });
  it("writes one line under the bar", () => {
    const mb = 1024 * 1024;
    expect(progressLine({ bytes: 12 * mb, total: 400 * mb, bytesPerSec: 2.5 * mb, etaSeconds: 155 })).toBe(
      "12.0 MB of 400.0 MB · 2.5 MB/s · 3 min left",
    );
    expect(progressLine({ bytes: 0, total: 0, bytesPerSec: 0, etaSeconds: 0 })).toBe("Starting…");
    expect(progressLine({ bytes: 3 * mb, total: 0, bytesPerSec: 0, etaSeconds: 0 })).toBe("3.0 MB");
  });
});
