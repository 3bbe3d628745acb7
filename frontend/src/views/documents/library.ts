// What the Documents view says about folders, files and passages, kept
// apart from the components so it can be tested on its own.
import type { DocsProgress, DocsSemantic } from "../../api/events";
import type { Location } from "../../api/documents";
import { formatETA } from "../../lib/progress";

/** statusLabels names each file status as people read it. */
export const statusLabels: Record<string, string> = {
  indexed: "Indexed",
  skipped: "Skipped",
  failed: "Failed",
  no_text: "No text",
};

/** fileFilters are the choices of the file list's filter, with the status each keeps ("" for all). */
export const fileFilters = [
  { status: "", label: "All files" },
  { status: "failed", label: "Failed" },
  { status: "no_text", label: "No text" },
] as const;

/** statusLabel names a status, falling back to the status itself. */
export function statusLabel(status: string): string {
  return statusLabels[status] ?? status;
}

/** progressLine is a folder's indexing in one line: "12 of 40 files · 8.5 files/s · 3 s left". */
export function progressLine(p: DocsProgress): string {
  const files = p.filesTotal > 0 ? `${p.filesDone} of ${p.filesTotal} files` : "Looking for changes…";
  const rate = p.filesPerSecond > 0 ? `${formatRate(p.filesPerSecond)} files/s` : "";
  return [files, rate, formatETA(p.secondsLeft)].filter(Boolean).join(" · ");
}

/** progressPercent is how far a folder's indexing is, by bytes (0–100), or null before it is known. */
export function progressPercent(p: DocsProgress): number | null {
  if (!(p.bytesTotal > 0)) return p.filesTotal > 0 ? Math.floor((100 * p.filesDone) / p.filesTotal) : null;
  return Math.min(100, Math.floor((100 * p.bytesDone) / p.bytesTotal));
}

/**
 * semanticLine is the semantic index's progress in one line: "Semantic index 43% · 120 chunks/s · 3 min left",
 * "Semantic index 43% · paused while a chat answer is written", or "Semantic index complete".
 */
export function semanticLine(s: DocsSemantic): string {
  if (s.chunks > 0 && s.embedded >= s.chunks) return "Semantic index complete";
  const head = `Semantic index ${s.percent}%`;
  if (s.paused) return `${head} · paused while a chat answer is written`;
  const rate = s.chunksPerSecond > 0 ? `${formatRate(s.chunksPerSecond)} chunks/s` : "";
  return [head, rate, formatETA(s.secondsLeft)].filter(Boolean).join(" · ");
}

function formatRate(r: number): string {
  return r >= 10 ? String(Math.round(r)) : r.toFixed(1);
}

/** locationLine says where a passage is: "page 3 · Rivers > Danube · characters 120–480". */
export function locationLine(loc: Location): string {
  const parts: string[] = [];
  if (loc.page) parts.push(`page ${loc.page}`);
  if (loc.heading) parts.push(loc.heading);
  parts.push(`characters ${loc.start}–${loc.end}`);
  return parts.join(" · ");
}

/** relativePath is path inside folder ("notes/a.md"), or path itself when it is not inside. */
export function relativePath(folder: string, path: string): string {
  const base = folder.endsWith("/") ? folder : folder + "/";
  return path.startsWith(base) ? path.slice(base.length) : path;
}

/** folderSummary counts a folder's files by status: "40 files · 38 indexed · 1 failed · 1 no text". */
export function folderSummary(files: number, byStatus: Record<string, number>): string {
  const counts = Object.entries(byStatus ?? {})
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([s, n]) => `${n} ${statusLabel(s).toLowerCase()}`);
  return [`${files} ${files === 1 ? "file" : "files"}`, ...counts].join(" · ");
}

function order(status: string): number {
  const i = Object.keys(statusLabels).indexOf(status);
  return i < 0 ? 99 : i;
}
