// Hearth's window-wide keyboard shortcuts, in one place: which key does
// what (commandFor). App.svelte's one keydown listener carries them out;
// the commands a view handles reach it through lib/commands.ts.
//
//   Ctrl+1…9  open the views in the sidebar's order
//   Ctrl+L    lock Hearth
//   Ctrl+K    search chats (Chat view)
//   Ctrl+N    new chat (Chat view)
//
// Cmd stands for Ctrl on a Mac. They only work while Hearth is unlocked.
import { views, type ViewId } from "./nav.svelte";
import type { ViewCommand } from "./commands";

/** ShortcutKey is the part of a key press commandFor looks at. */
export type ShortcutKey = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;


/** Command is what a shortcut asks for. */
export type Command = { kind: "open"; view: ViewId } | { kind: "lock" } | { kind: ViewCommand };

const letters: Record<string, Command> = {
  l: { kind: "lock" },
  k: { kind: "search-chats" },
  n: { kind: "new-chat" },
};

/** commandFor returns what a key press asks for; null for a key that is no shortcut. */
export function commandFor(e: ShortcutKey): Command | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const view = viewForShortcut(e);
  if (view !== null) return { kind: "open", view };
  return letters[e.key.toLowerCase()] ?? null;
}

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
