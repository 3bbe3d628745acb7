// The shown thread and the answer streaming into it, as a pure reducer:
// each function takes the state and an event and returns the next state.
import type { Delta, Done, Failure, Message, SendResult } from "../../api/chat";

export interface Pending {
  requestId: string;
  /** text streamed so far. */
  text: string;
}

export interface ThreadState {
  conversationId: number;
  messages: Message[];
  pending: Pending | null;
  /** error is the last failure, in one sentence. */
  error: string;
}

export const empty: ThreadState = { conversationId: 0, messages: [], pending: null, error: "" };

/** loaded shows a thread fetched from the service. */
export function loaded(conversationId: number, messages: Message[]): ThreadState {
  return { conversationId, messages, pending: null, error: "" };
}

/**
 * started shows the user's message (new, edited, or the one being answered
 * again) in place: the thread is cut after its parent, and an answer is
 * pending.
 */
export function started(s: ThreadState, res: SendResult): ThreadState {
  const user = res.userMessage;
  const cut = user.parentId === 0 ? 0 : s.messages.findIndex((m) => m.id === user.parentId) + 1;
  const keep = s.messages.slice(0, cut);
  const old = s.messages.find((m) => m.id === user.id);
  return {
    conversationId: res.conversationId,
    messages: [...keep, old ?? user],
    pending: { requestId: res.requestId, text: "" },
    error: "",
  };
}

/** delta adds streamed text to the pending answer it belongs to. */
export function delta(s: ThreadState, d: Delta): ThreadState {
  if (!s.pending || s.pending.requestId !== d.requestId) return s;
  return { ...s, pending: { ...s.pending, text: s.pending.text + d.text } };
}

/** done replaces the pending answer by the saved one. */
export function done(s: ThreadState, d: Done): ThreadState {
  if (!s.pending || s.pending.requestId !== d.requestId) return s;
  return { ...s, messages: [...s.messages, d.message], pending: null };
}

/** failed ends the pending answer with its error sentence. */
export function failed(s: ThreadState, f: Failure): ThreadState {
  if (!s.pending || s.pending.requestId !== f.requestId) return s;
  return { ...s, pending: null, error: f.message };
}

/** lastOf returns the id of the thread's last message (0 when empty). */
export function lastOf(s: ThreadState): number {
  return s.messages.length ? s.messages[s.messages.length - 1].id : 0;
}

/** siblingAt returns the id of the sibling `step` places from m, or 0 past either end. */
export function siblingAt(m: Message, step: number): number {
  const i = m.siblingIndex + step;
  return i >= 0 && i < m.siblings.length ? m.siblings[i] : 0;
}
