// The chat service as the UI sees it: conversations, threads, streaming
// answers and their events. Components import from here, never from the
// generated bindings, so tests can replace this module.
import * as Chat from "../../wailsjs/go/app/ChatService";
import { EventsOn } from "../../wailsjs/runtime/runtime";

export interface Conversation {
  id: number;
  title: string;
  folder: string;
  tags: string[];
  model: string;
  created: string;
  updated: string;
}

export interface Message {
  id: number;
  parentId: number;
  role: string;
  text: string;
  model: string;
  created: string;
  stopped: boolean;
  siblings: number[];
  siblingIndex: number;
}

export interface Options {
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  system: string;
}

export interface Thread {
  conversationId: number;
  messages: Message[];
  options: Options;
}

export interface SendResult {
  requestId: string;
  conversationId: number;
  userMessage: Message;
}

export interface Model {
  id: string;
  name: string;
  backend: string;
  size: number;
  details: string;
  missing: boolean;
}

export interface Hit {
  conversationId: number;
  title: string;
  messageId: number;
  snippet: string;
}

export interface Delta {
  requestId: string;
  conversationId: number;
  text: string;
}

export interface Done {
  requestId: string;
  conversationId: number;
  message: Message;
  stats: { generated_tokens: number; stop_reason: string };
}

export interface Failure {
  requestId: string;
  conversationId: number;
  message: string;
  kind: string;
}

export const conversations = (): Promise<Conversation[]> => Chat.Conversations();
export const create = (title = ""): Promise<Conversation> => Chat.Create(title);
export const rename = (id: number, title: string): Promise<void> => Chat.Rename(id, title);
export const remove = (id: number): Promise<void> => Chat.Delete(id);
export const setTags = (id: number, tags: string[]): Promise<void> => Chat.SetTags(id, tags);
export const setFolder = (id: number, folder: string): Promise<void> => Chat.SetFolder(id, folder);
export const thread = (id: number, through = 0): Promise<Thread> => Chat.Thread(id, through) as Promise<Thread>;
export const send = (conv: number, parent: number, text: string): Promise<SendResult> =>
  Chat.Send(conv, parent, text) as Promise<SendResult>;
export const edit = (userId: number, text: string): Promise<SendResult> => Chat.Edit(userId, text) as Promise<SendResult>;
export const regenerate = (answerId: number): Promise<SendResult> => Chat.Regenerate(answerId) as Promise<SendResult>;
export const stop = (requestId: string): Promise<void> => Chat.Stop(requestId);
export const options = (conv: number): Promise<Options> => Chat.Options(conv);
export const setOptions = (conv: number, o: Options): Promise<void> => Chat.SetOptions(conv, o as never);
export const models = (): Promise<Model[]> => Chat.Models();
export const search = (q: string): Promise<Hit[]> => Chat.Search(q);
/** exportAs asks where to save the conversation and writes it there; it returns the path, "" when cancelled. */
export const exportAs = (conv: number, through: number, format: "markdown" | "json"): Promise<string> =>
  Chat.Export(conv, through, format);
export const remember = (messageId: number, text: string): Promise<void> => Chat.Remember(messageId, text);

export const onDelta = (fn: (d: Delta) => void): (() => void) => EventsOn("chat:delta", fn);
export const onDone = (fn: (d: Done) => void): (() => void) => EventsOn("chat:done", fn);
export const onError = (fn: (f: Failure) => void): (() => void) => EventsOn("chat:error", fn);
