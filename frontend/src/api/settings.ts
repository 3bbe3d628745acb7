// The Settings service (and the vault's passphrase and auto-lock) as the UI
// sees them.
import * as Settings from "../../wailsjs/go/app/SettingsService";
import * as Vault from "../../wailsjs/go/app/VaultService";
import { app } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export type Theme = "system" | "light" | "dark";
export type Defaults = Fields<app.Defaults>;
export type GenerationDefaults = Fields<app.GenerationDefaults>;
export type APIServerStatus = Fields<app.APIServerStatus>;
export type EngineSettings = Fields<app.EngineSettings>;
export type EngineEstimate = Fields<app.EngineEstimate>;

export const theme = async (): Promise<Theme> => (await Settings.Theme()) as Theme;
export const setTheme = (t: Theme): Promise<void> => Settings.SetTheme(t);
export const defaults = (): Promise<Defaults> => Settings.Defaults();
export const setDefaultModel = (name: string): Promise<void> => Settings.SetDefaultModel(name);
export const setGeneration = (g: GenerationDefaults): Promise<void> =>
  Settings.SetGeneration(app.GenerationDefaults.createFrom(g));
export const engine = (): Promise<EngineSettings> => Settings.Engine();
export const setEngine = (e: EngineSettings): Promise<void> => Settings.SetEngine(app.EngineSettings.createFrom(e));
export const engineEstimate = (e: EngineSettings): Promise<EngineEstimate> =>
  Settings.EngineEstimate(app.EngineSettings.createFrom(e));
export const apiServer = (): Promise<APIServerStatus> => Settings.APIServer();
export const startAPIServer = (): Promise<APIServerStatus> => Settings.StartAPIServer();
export const stopAPIServer = (): Promise<void> => Settings.StopAPIServer();
export const dataDir = (): Promise<string> => Settings.DataDir();
export const openDataDir = (): Promise<void> => Settings.OpenDataDir();
export const backup = (): Promise<string> => Settings.Backup();
export const chooseBackup = (): Promise<string> => Settings.ChooseBackup();
export const restore = (path: string, passphrase: string): Promise<app.Restored> => Settings.Restore(path, passphrase);
export const autoLockMinutes = async (): Promise<number> => (await Vault.Status()).autoLockMinutes;
export const setAutoLock = (minutes: number): Promise<void> => Vault.SetAutoLock(minutes);
export const changePassphrase = (current: string, next: string): Promise<void> =>
  Vault.ChangePassphrase(current, next);
// rotateKey re-encrypts everything under a fresh data key (the passphrase
// stays) and resolves to the new recovery key, to be shown once.
export const rotateKey = (passphrase: string): Promise<string> => Vault.RotateKey(passphrase);
