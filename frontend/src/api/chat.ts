// The chat service as the UI sees it: conversations, threads, streaming
// answers and their events. Components import from here, never from the
// generated bindings, so tests can replace this module.
import * as Chat from "../../wailsjs/go/app/ChatService";
import { app } from "../../wailsjs/go/models";
import { EventChatDelta, EventChatDone, EventChatError, on, type ChatDelta, type ChatDone, type ChatFailure } from "./events";
import type { Fields } from "./fields";

export type Conversation = Fields<app.ChatConversation>;
/** Citation is a numbered source of an answer; state "changed" or "missing" when it points nowhere now. */
export type Citation = Fields<app.Citation>;
export type Message = Omit<Fields<app.ChatMessage>, "sources"> & { sources?: Citation[] };
export type Options = Fields<app.ChatOptions>;
export type Thread = Omit<Fields<app.ChatThread>, "messages"> & { messages: Message[] };
/** SendResult is Fields<app.SendResult> with its message as plain fields too. */
export type SendResult = Omit<Fields<app.SendResult>, "userMessage"> & { userMessage: Message };
export type Model = Fields<app.ChatModel>;
export type Hit = Fields<app.ChatHit>;
export type Delta = ChatDelta;
export type Failure = ChatFailure;

/** Stats is what the engine measured for an answer, in the window's casing. */
export interface Stats {
  promptTokens: number;
  cachedTokens: number;
  generatedTokens: number;
  stopReason: string;
}

/** Done is an answer saved: the chat:done event with its statistics in camelCase. */
export interface Done {
  requestId: string;
  conversationId: number;
  message: Message;
  stats: Stats;
}

/** doneFrom turns the chat:done payload into Done (engine.Stats is snake_case on the wire). */
export function doneFrom(d: ChatDone): Done {
  const s = d.stats;
  return {
    requestId: d.requestId,
    conversationId: d.conversationId,
    message: d.message,
    stats: {
      promptTokens: s.prompt_tokens,
      cachedTokens: s.cached_tokens,
      generatedTokens: s.generated_tokens,
      stopReason: s.stop_reason,
    },
  };
}

export const conversations = (): Promise<Conversation[]> => Chat.Conversations();
export const create = (title = ""): Promise<Conversation> => Chat.Create(title);
export const rename = (id: number, title: string): Promise<void> => Chat.Rename(id, title);
export const remove = (id: number): Promise<void> => Chat.Delete(id);
export const setTags = (id: number, tags: string[]): Promise<void> => Chat.SetTags(id, tags);
export const setFolder = (id: number, folder: string): Promise<void> => Chat.SetFolder(id, folder);
export const thread = (id: number, through = 0): Promise<Thread> => Chat.Thread(id, through);
export const send = (conv: number, parent: number, text: string): Promise<SendResult> =>
  Chat.Send(conv, parent, text);
export const edit = (userId: number, text: string): Promise<SendResult> => Chat.Edit(userId, text);
export const regenerate = (answerId: number): Promise<SendResult> => Chat.Regenerate(answerId);
export const stop = (requestId: string): Promise<void> => Chat.Stop(requestId);
export const options = (conv: number): Promise<Options> => Chat.Options(conv);
export const setOptions = (conv: number, o: Options): Promise<void> => Chat.SetOptions(conv, app.ChatOptions.createFrom(o));
export const models = (): Promise<Model[]> => Chat.Models();
export const search = (q: string): Promise<Hit[]> => Chat.Search(q);
/** exportAs asks where to save the conversation and writes it there; it returns the path, "" when cancelled. */
export const exportAs = (conv: number, through: number, format: "markdown" | "json"): Promise<string> =>
  Chat.Export(conv, through, format);
/** openSource opens source n of an answer in the system's viewer; the Go side finds the file, never the page. */
export const openSource = (messageId: number, n: number): Promise<void> => Chat.OpenSource(messageId, n);
export const remember = (messageId: number, text: string): Promise<void> => Chat.Remember(messageId, text);

export const onDelta = (fn: (d: Delta) => void): (() => void) => on(EventChatDelta, fn);
export const onDone = (fn: (d: Done) => void): (() => void) => on(EventChatDone, (d) => fn(doneFrom(d)));
export const onError = (fn: (f: Failure) => void): (() => void) => on(EventChatError, fn);
