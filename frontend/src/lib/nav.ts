// The window's navigation: which view is shown, and the views there are.
import { writable } from "svelte/store";

export type ViewId = "home" | "chat" | "memory" | "documents" | "plugins" | "models" | "settings";

export interface View {
  id: ViewId;
  label: string;
  /** ready is false for views whose feature has not landed yet. */
  ready: boolean;
}

export const views: View[] = [
  { id: "home", label: "Home", ready: true },
  { id: "chat", label: "Chat", ready: true },
  { id: "memory", label: "Memory", ready: true },
  { id: "documents", label: "Documents", ready: false },
  { id: "plugins", label: "Plugins", ready: false },
  { id: "models", label: "Models", ready: true },
  { id: "settings", label: "Settings", ready: true },
];

export const current = writable<ViewId>("home");

/** viewAt returns the view `step` places after `id`, wrapping around (for arrow-key navigation). */
export function viewAt(id: ViewId, step: number): ViewId {
  const i = views.findIndex((v) => v.id === id);
  const n = views.length;
  return views[(((i + step) % n) + n) % n].id;
}
