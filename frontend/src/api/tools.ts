// The Tools service as the UI sees it: the tools answers may call, the MCP
// servers behind them and the audit log of tool calls. Everything a server
// sends (descriptions, diffs, logs) is untrusted text: show it as text.
import * as Tools from "../../wailsjs/go/app/ToolsService";
import type { app } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export type ToolInfo = Fields<app.ToolInfo>;
export type MCPServer = Fields<app.MCPServer>;
export type ToolCallEntry = Fields<app.ToolCallEntry>;

export const listTools = (): Promise<ToolInfo[]> => Tools.Tools();
export const listServers = (): Promise<MCPServer[]> => Tools.Servers();
/** addServer adds a server by command line or URL; Hearth asks in a native dialog first. */
export const addServer = (name: string, command: string, url: string): Promise<MCPServer> =>
  Tools.AddServer(name, command, url);
export const removeServer = (name: string): Promise<void> => Tools.RemoveServer(name);
export const acceptChanges = (name: string): Promise<void> => Tools.AcceptChanges(name);
export const serverLog = (name: string): Promise<string> => Tools.ServerLog(name);
export const auditLog = (query: string): Promise<ToolCallEntry[]> => Tools.Audit(query);

/** notSandboxed is the label of every MCP server. */
export const notSandboxed = "not sandboxed: runs with your rights";
