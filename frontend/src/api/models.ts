// The Models service as the UI sees it: installed models, the catalog with
// what fits this machine, downloads (with progress events), imports and the
// Ollama server.
import * as Models from "../../wailsjs/go/app/ModelsService";
import { EventsOn } from "../../wailsjs/runtime/runtime";
import type { app, library } from "../../wailsjs/go/models";

export type InstalledModel = app.InstalledModel;
export type CatalogModel = app.CatalogModel;
export type OllamaStatus = app.OllamaStatus;
export type Removed = app.Removed;
export type Found = library.Found;

/** DownloadProgress is the payload of "models:progress". */
export interface DownloadProgress {
  id: string;
  name: string;
  bytes: number;
  total: number;
  bytesPerSec: number;
  etaSeconds: number;
}

export interface DownloadDone {
  id: string;
  name: string;
  model: InstalledModel;
}

export interface DownloadFailed {
  id: string;
  name: string;
  error: string;
  cancelled: boolean;
}

export const installed = (): Promise<InstalledModel[]> => Models.Installed();
export const catalog = (): Promise<CatalogModel[]> => Models.Catalog();
export const download = (ref: string): Promise<string> => Models.Download(ref);
export const cancelDownload = (id: string): Promise<void> => Models.Cancel(id);
export const runningDownloads = (): Promise<DownloadProgress[]> => Models.Downloads();
export const importModel = (path: string): Promise<InstalledModel> => Models.Import(path);
export const chooseModelFile = (): Promise<string> => Models.ChooseFile();
export const scanOtherApps = (): Promise<Found[]> => Models.Scan();
export const deleteModel = (name: string): Promise<Removed> => Models.Delete(name);
export const ollamaStatus = (): Promise<OllamaStatus> => Models.OllamaStatus();
export const setOllamaHost = (host: string): Promise<OllamaStatus> => Models.SetOllamaHost(host);

export interface DownloadHandlers {
  progress: (p: DownloadProgress) => void;
  done: (d: DownloadDone) => void;
  failed: (f: DownloadFailed) => void;
}

/** onDownloads listens to the download events; it returns a function that stops listening. */
export function onDownloads(h: DownloadHandlers): () => void {
  const offs = [
    EventsOn("models:progress", h.progress),
    EventsOn("models:done", h.done),
    EventsOn("models:error", h.failed),
  ];
  return () => offs.forEach((off) => off());
}
