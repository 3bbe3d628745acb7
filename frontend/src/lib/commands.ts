// Commands a view carries out while it is shown, such as the Chat view's
// "new chat": lib/shortcuts.ts maps keys to them, App.svelte runs them, and
// the view registers its handler on mount. (Kept apart from the shortcut
// table so a view can import it without importing every other view.)

/** ViewCommand is a command a view handles. */
export type ViewCommand = "search-chats" | "new-chat";

const handlers = new Map<ViewCommand, () => void>();

/** handle makes fn carry out command; it returns a function that stops it. */
export function handle(command: ViewCommand, fn: () => void): () => void {
  handlers.set(command, fn);
  return () => {
    if (handlers.get(command) === fn) handlers.delete(command);
  };
}

/** run carries out command; false when no view shown handles it. */
export function run(command: ViewCommand): boolean {
  const fn = handlers.get(command);
  fn?.();
  return fn !== undefined;
}
