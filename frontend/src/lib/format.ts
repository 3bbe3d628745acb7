// Formatting shared by the views.

const units = ["B", "KB", "MB", "GB", "TB"];

/** formatBytes renders a byte count in binary units with one decimal ("1.5 GB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return "unknown";
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** simdSummary names the best SIMD level a CPU feature list offers the engine. */
export function simdSummary(features: string[]): string {
  const has = (f: string) => features.includes(f);
  if (has("AVX-512F")) return has("AVX-512VNNI") ? "AVX-512 with VNNI" : "AVX-512";
  if (has("AVX2")) return "AVX2";
  if (has("NEON")) return has("DOTPROD") ? "NEON with dot product" : "NEON";
  return "plain Go (no SIMD detected)";
}
