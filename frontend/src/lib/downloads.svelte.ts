// The downloads in progress, shared by the Models view and the first-run
// "get a model" step: shared rune state fed by the Go service's events, keyed by model
// name (the catalog name is what the buttons know).
import {
  cancelDownload,
  download,
  onDownloads,
  runningDownloads,
  type DownloadDone,
  type DownloadFailed,
  type DownloadProgress,
  type InstalledModel,
} from "../api/models";

export type DownloadStatus = "running" | "done" | "failed" | "cancelled";

/** DownloadState is a download's last progress event, with how it stands. */
export interface DownloadState extends DownloadProgress {
  status: DownloadStatus;
  error?: string;
  model?: InstalledModel;
}

export type Downloads = Record<string, DownloadState>;

/** started records a download that has just been asked for. */
export function started(s: Downloads, id: string, name: string): Downloads {
  const prev = s[name];
  const keep = prev?.status === "running" ? prev : undefined;
  return {
    ...s,
    [name]: keep ?? { id, name, status: "running", bytes: 0, total: 0, bytesPerSec: 0, etaSeconds: 0 },
  };
}

/** progressed records a progress event. */
export function progressed(s: Downloads, p: DownloadProgress): Downloads {
  return { ...s, [p.name]: { ...p, status: "running" } };
}

/** finished records the end of a download. */
export function finished(s: Downloads, d: DownloadDone): Downloads {
  const prev = s[d.name];
  return {
    ...s,
    [d.name]: { ...(prev ?? { bytesPerSec: 0, etaSeconds: 0 }), id: d.id, name: d.name, status: "done",
      bytes: d.model.size, total: d.model.size, etaSeconds: 0, model: d.model },
  };
}

/** failed records a failed or cancelled download. */
export function failed(s: Downloads, f: DownloadFailed): Downloads {
  const prev = s[f.name] ?? { bytes: 0, total: 0, bytesPerSec: 0, etaSeconds: 0 };
  return {
    ...s,
    [f.name]: { ...prev, id: f.id, name: f.name, status: f.cancelled ? "cancelled" : "failed", error: f.error, etaSeconds: 0 },
  };
}

/** dismissed forgets a download that has ended. */
export function dismissed(s: Downloads, name: string): Downloads {
  const { [name]: _, ...rest } = s;
  return rest;
}

const state = $state<{ all: Downloads }>({ all: {} });

/** downloads is the shared state, read-only: downloads.all[name] follows each download. */
export const downloads: { readonly all: Downloads } = {
  get all() {
    return state.all;
  },
};

let listening = false;
const doneListeners = new Set<(d: DownloadDone) => void>();

/** watchDownloads starts listening to the download events (once) and picks up downloads already running. */
export async function watchDownloads(): Promise<void> {
  if (listening) return;
  listening = true;
  onDownloads({
    progress: (p) => (state.all = progressed(state.all, p)),
    done: (d) => {
      state.all = finished(state.all, d);
      doneListeners.forEach((fn) => fn(d));
    },
    failed: (f) => (state.all = failed(state.all, f)),
  });
  for (const p of await runningDownloads()) state.all = progressed(state.all, p);
}

/** onDownloadDone calls fn when a download finishes; it returns a function that stops it. */
export function onDownloadDone(fn: (d: DownloadDone) => void): () => void {
  doneListeners.add(fn);
  return () => doneListeners.delete(fn);
}

/** startDownload downloads the catalog model name. */
export async function startDownload(name: string): Promise<void> {
  const id = await download(name);
  state.all = started(state.all, id, name);
}

/** stopDownload cancels a running download. */
export function stopDownload(d: DownloadState): Promise<void> {
  return cancelDownload(d.id);
}

/** dismissDownload removes an ended download from the list. */
export function dismissDownload(name: string): void {
  state.all = dismissed(state.all, name);
}
