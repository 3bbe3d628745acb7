// Tools in a chat as the UI sees them: the cards of an answer's tool calls
// as they run, and the questions that wait for the person's answer.
import * as Chat from "../../wailsjs/go/app/ChatService";
import { EventChatTool, EventChatToolAsk, on, type ChatToolAsk, type ChatToolEvent, type ToolCall } from "./events";

export type { ChatToolAsk, ChatToolEvent, ToolCall };

/** Scope is the person's answer to a tool question. */
export type Scope = "once" | "conversation" | "always" | "deny";

/** answerTool answers the question about call callId of request requestId. */
export const answerTool = (requestId: string, callId: string, scope: Scope): Promise<void> =>
  Chat.AnswerTool(requestId, callId, scope);

export const onTool = (fn: (e: ChatToolEvent) => void): (() => void) => on(EventChatTool, fn);
export const onToolAsk = (fn: (q: ChatToolAsk) => void): (() => void) => on(EventChatToolAsk, fn);

/** prettyJSON indents a JSON text for display, or returns it as it is. */
export function prettyJSON(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
