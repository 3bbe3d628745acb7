// The events the Go services send to the window: their names and payloads,
// in one place. app/events_ts_test.go reads this file and fails when a name
// differs from the Go constant, when a Go event is missing here, or when a
// payload's fields differ from the Go struct's JSON tags, so the two sides
// cannot drift apart. Payloads the bindings already generate are aliased.
import { EventsOn } from "../../wailsjs/runtime/runtime";
import type { app } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export const EventLocked = "vault:locked";
export const EventModelsProgress = "models:progress";
export const EventModelsDone = "models:done";
export const EventModelsError = "models:error";
export const EventChatDelta = "chat:delta";
export const EventChatDone = "chat:done";
export const EventChatError = "chat:error";
export const EventDocsProgress = "docs:progress";
export const EventDocsDone = "docs:done";
export const EventDocsError = "docs:error";
export const EventDocsSemantic = "docs:semantic";
export const EventChatTool = "chat:tool";
export const EventChatToolAsk = "chat:tool-ask";
export const EventPluginNotice = "plugins:notice";

/** ChatDelta is a piece of an answer as it is written (app.chatDelta). */
export interface ChatDelta {
  requestId: string;
  conversationId: number;
  text: string;
}

/**
 * EngineStats is what the engine measured for an answer (engine.Stats). Its
 * JSON is snake_case because the engine shares it with the command line;
 * api/chat.ts turns it into camelCase, so components see one casing.
 */
export interface EngineStats {
  prompt_tokens: number;
  cached_tokens: number;
  generated_tokens: number;
  prompt_duration: number;
  generate_duration: number;
  stop_reason: string;
  /** KV cache bytes for the tokens held at the end, and for the whole context (absent where a backend does not say). */
  kv_bytes?: number;
  kv_context_bytes?: number;
}

/** ChatDone is an answer saved, with its statistics (app.chatDone). */
export interface ChatDone {
  requestId: string;
  conversationId: number;
  message: Fields<app.ChatMessage>;
  stats: EngineStats;
}

/** ChatFailure is an answer that failed, in one sentence (app.chatFailure). */
export interface ChatFailure {
  requestId: string;
  conversationId: number;
  message: string;
  kind: string;
}

/**
 * ToolCall is a tool an answer called, with its result or the reason it has
 * none (memory.ToolCall). Results are untrusted text: render as text only.
 */
export interface ToolCall {
  name: string;
  arguments: string;
  result?: string;
  source?: string;
  structured?: string;
  error?: string;
  millis?: number;
}

/** ChatToolEvent is a tool call's card as it starts and ends (app.chatToolEvent). */
export interface ChatToolEvent {
  requestId: string;
  conversationId: number;
  callId: string;
  call: ToolCall;
  done: boolean;
}

/**
 * ChatToolAsk asks the person to allow a tool call (app.chatToolAsk); the
 * window answers with ChatService.AnswerTool.
 */
export interface ChatToolAsk {
  requestId: string;
  conversationId: number;
  callId: string;
  source: string;
  tool: string;
  title: string;
  description: string;
  trust: string;
  trustNote: string;
  risk: string;
  arguments: string;
  alwaysOnly: boolean;
}

/**
 * PluginNotice is a notice a plugin asked to show (app.pluginNotice). Its
 * text is untrusted: render as text only, labelled with the plugin.
 */
export interface PluginNotice {
  plugin: string;
  title: string;
  body: string;
}

/** DownloadProgress is a download that moved (generated from app.DownloadProgress). */
export type DownloadProgress = Fields<app.DownloadProgress>;

/** DownloadDone is a download that finished (app.DownloadDone). */
export interface DownloadDone {
  id: string;
  name: string;
  model: Fields<app.InstalledModel>;
}

/** DownloadFailed is a download that failed or was cancelled (app.DownloadFailed). */
export interface DownloadFailed {
  id: string;
  name: string;
  error: string;
  cancelled: boolean;
}

/** DocsProgress is a folder's indexing that moved (app.DocsProgress); secondsLeft is 0 until known. */
export interface DocsProgress {
  folder: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  filesPerSecond: number;
  secondsLeft: number;
}

/** DocsSummary counts what one sync of a folder did (docsync.Summary). */
export interface DocsSummary {
  seen: number;
  unchanged: number;
  read: number;
  touched: number;
  moved: number;
  removed: number;
  failed: number;
}

/** DocsDone is a folder indexed and searchable (app.DocsDone). */
export interface DocsDone {
  folder: string;
  summary: DocsSummary;
}

/** DocsFailed is a folder's indexing that stopped, in one sentence (app.DocsFailed); folder is "" for the watch itself. */
export interface DocsFailed {
  folder: string;
  error: string;
}

/**
 * DocsSemantic is how far the semantic index (the embedding pass behind
 * keyword indexing) has come (app.DocsSemantic); the rate and time left are 0
 * until known, and paused is true while it waits for a chat answer to finish.
 */
export interface DocsSemantic {
  model: string;
  embedded: number;
  chunks: number;
  percent: number;
  chunksPerSecond: number;
  secondsLeft: number;
  paused: boolean;
}

/** Payloads maps each event to the payload it carries. */
export interface Payloads {
  [EventLocked]: string;
  [EventModelsProgress]: DownloadProgress;
  [EventModelsDone]: DownloadDone;
  [EventModelsError]: DownloadFailed;
  [EventChatDelta]: ChatDelta;
  [EventChatDone]: ChatDone;
  [EventChatError]: ChatFailure;
  [EventDocsProgress]: DocsProgress;
  [EventDocsDone]: DocsDone;
  [EventDocsError]: DocsFailed;
  [EventDocsSemantic]: DocsSemantic;
  [EventChatTool]: ChatToolEvent;
  [EventChatToolAsk]: ChatToolAsk;
  [EventPluginNotice]: PluginNotice;
}

/** on calls fn with each event named name; it returns a function that stops listening. */
export function on<E extends keyof Payloads>(name: E, fn: (payload: Payloads[E]) => void): () => void {
  return EventsOn(name, fn);
}
