// The Plugins service as the UI sees it: the installed WebAssembly plugins,
// installs through the permission sheet, the registry and the audit log of
// the plugins' host calls. Everything a plugin's manifest says (names,
// descriptions, reasons, hosts) is untrusted text: show it as text.
import * as Plugins from "../../wailsjs/go/app/PluginsService";
import type { app, manager, manifest } from "../../wailsjs/go/models";
import type { Fields } from "./fields";
import { EventPluginNotice, on, type PluginNotice } from "./events";

export type { PluginNotice };

export type Plugin = Fields<manager.Plugin>;
export type Prompt = Fields<manager.Prompt>;
export type Capability = Fields<manifest.Capability>;
export type Change = Fields<manifest.Change>;
export type InstallSheet = Omit<Fields<app.InstallSheet>, "prompt"> & { prompt: Prompt };
export type AuditEntry = Fields<manager.AuditEntry>;
export type RegistryView = Fields<app.RegistryView>;
export type RegistryPlugin = Fields<app.RegistryPlugin>;
export type RefreshReport = Fields<manager.RefreshReport>;

export const listPlugins = (): Promise<Plugin[]> => Plugins.List();
/** inspectFile asks for a zip in a native dialog and returns its sheet; token "" when cancelled. Nothing is installed. */
export const inspectFile = (): Promise<InstallSheet> => Plugins.InspectFile();
/** inspectURL downloads a zip from an https address (confirmed in a native dialog) and returns its sheet. Nothing is installed. */
export const inspectURL = (url: string): Promise<InstallSheet> => Plugins.InspectURL(url);
/** inspectRegistry downloads the registry's newest version of id and returns its sheet. Nothing is installed. */
export const inspectRegistry = (id: string): Promise<InstallSheet> => Plugins.InspectRegistry(id);
/** install installs exactly what the sheet of token showed. */
export const install = (token: string): Promise<Plugin> => Plugins.Install(token);
export const cancelSheet = (token: string): Promise<void> => Plugins.Cancel(token);
export const enablePlugin = (id: string): Promise<void> => Plugins.Enable(id);
export const disablePlugin = (id: string): Promise<void> => Plugins.Disable(id);
/** removePlugin removes a plugin after a yes in a native dialog. */
export const removePlugin = (id: string): Promise<void> => Plugins.Remove(id);
export const hostCalls = (): Promise<AuditEntry[]> => Plugins.Audit();
export const devMode = (): Promise<boolean> => Plugins.DevMode();
/** setDevMode turns developer mode on (after a yes in a native dialog) or off. */
export const setDevMode = (on: boolean): Promise<void> => Plugins.SetDevMode(on);
export const registry = (): Promise<RegistryView> => Plugins.Registry();
/** setRegistry chooses a registry after a yes in a native dialog. */
export const setRegistry = (url: string, key: string): Promise<void> => Plugins.SetRegistry(url, key);
export const refreshRegistry = (): Promise<RefreshReport> => Plugins.Refresh();

/** onPluginNotice calls fn with each notice a plugin with the notify capability asks to show. */
export const onPluginNotice = (fn: (n: PluginNotice) => void): (() => void) => on(EventPluginNotice, fn);
