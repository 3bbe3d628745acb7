import { describe, expect, it } from "vitest";
import { formatBytes, simdSummary } from "./format";

describe("formatBytes", () => {
  it.each([
    [0, "unknown"],
    [-1, "unknown"],
    [NaN, "unknown"],
    [512, "512 B"],
    [1536, "1.5 KB"],
    [24 * 1024 ** 3, "24.0 GB"],
    [3 * 1024 ** 4, "3.0 TB"],
  ])("%s bytes is %s", (n, want) => {
    expect(formatBytes(n)).toBe(want);
  });
});

describe("simdSummary", () => {
  it.each([
    [["SSE4.2", "AVX", "AVX2", "AVX-512F", "AVX-512VNNI"], "AVX-512 with VNNI"],
    [["AVX2", "AVX-512F"], "AVX-512"],
    [["AVX", "AVX2", "FMA"], "AVX2"],
    [["NEON", "DOTPROD"], "NEON with dot product"],
    [["NEON"], "NEON"],
    [[], "plain Go (no SIMD detected)"],
  ])("%j", (features, want) => {
    expect(simdSummary(features)).toBe(want);
  });
});
