// The Models service as the UI sees it: installed models, the catalog with
// what fits this machine, downloads (with progress events), imports, the
// Ollama server and an OpenAI-compatible server.
import * as Models from "../../wailsjs/go/app/ModelsService";
import type { app, library } from "../../wailsjs/go/models";
import {
  EventModelsDone,
  EventModelsError,
  EventModelsProgress,
  on,
  type DownloadDone,
  type DownloadFailed,
  type DownloadProgress,
} from "./events";
import type { Fields } from "./fields";

export type InstalledModel = Fields<app.InstalledModel>;
export type CatalogModel = Fields<app.CatalogModel>;
export type OllamaStatus = Fields<app.OllamaStatus>;
export type OpenAIServer = Fields<app.OpenAIServer>;
export type Removed = Fields<app.Removed>;
export type Found = Fields<library.Found>;

export type { DownloadDone, DownloadFailed, DownloadProgress };

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
export const serverStatus = (): Promise<OpenAIServer> => Models.OpenAIStatus();
export const connectServer = (url: string, key: string): Promise<OpenAIServer> => Models.ConnectServer(url, key);
export const disconnectServer = (): Promise<void> => Models.DisconnectServer();

export interface DownloadHandlers {
  progress: (p: DownloadProgress) => void;
  done: (d: DownloadDone) => void;
  failed: (f: DownloadFailed) => void;
}

/** onDownloads listens to the download events; it returns a function that stops listening. */
export function onDownloads(h: DownloadHandlers): () => void {
  const offs = [
    on(EventModelsProgress, h.progress),
    on(EventModelsDone, h.done),
    on(EventModelsError, h.failed),
  ];
  return () => offs.forEach((off) => off());
}
