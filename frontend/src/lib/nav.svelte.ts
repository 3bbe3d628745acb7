// The window's navigation: which view is shown, and the views there are.
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

/** nav is shared state: nav.current is the view shown. */
export const nav = $state({ current: "home" as ViewId });

/** viewAt returns the view `step` places after `id`, wrapping around (for arrow-key navigation). */
export function viewAt(id: ViewId, step: number): ViewId {
  const i = views.findIndex((v) => v.id === id);
  const n = views.length;
  return views[(((i + step) % n) + n) % n].id;
}

/** ShortcutKey is the part of a key press viewForShortcut looks at. */
export type ShortcutKey = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/**
 * viewForShortcut returns the view Ctrl+digit (Cmd+digit on a Mac) opens:
 * Ctrl+1 the first view in the sidebar, Ctrl+2 the second, and so on; null
 * for any other key.
 */
export function viewForShortcut(e: ShortcutKey): ViewId | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || !/^[1-9]$/.test(e.key)) return null;
  return views[Number(e.key) - 1]?.id ?? null;
}

/** shortcutOf is the shortcut that opens view id, as the sidebar shows it. */
export function shortcutOf(id: ViewId): string {
  return `Ctrl+${views.findIndex((v) => v.id === id) + 1}`;
}
