// Download progress as people read it: percent, speed, time left.
import { formatBytes } from "./format";

/** percent is how far a download is, 0–100, or null when the size is unknown. */
export function percent(bytes: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((bytes / total) * 100)));
}

/** formatSpeed renders bytes per second ("2.5 MB/s"); "" before the speed is known. */
export function formatSpeed(bytesPerSec: number): string {
  if (!Number.isFinite(bytesPerSec) || bytesPerSec <= 0) return "";
  return `${formatBytes(Math.round(bytesPerSec))}/s`;
}

/** formatETA renders the time left ("45 s left", "3 min left", "1 h 5 min left"); "" when unknown. */
export function formatETA(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "";
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min left`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min left` : `${h} h left`;
}

/** progressLine is the one line under a progress bar: "12.0 MB of 400.0 MB · 2.5 MB/s · 3 min left". */
export function progressLine(p: { bytes: number; total: number; bytesPerSec: number; etaSeconds: number }): string {
  const amount = p.total > 0 ? `${formatBytes(p.bytes)} of ${formatBytes(p.total)}` : formatBytes(p.bytes);
  return [p.bytes > 0 ? amount : "Starting…", formatSpeed(p.bytesPerSec), formatETA(p.etaSeconds)]
    .filter(Boolean)
    .join(" · ");
}
