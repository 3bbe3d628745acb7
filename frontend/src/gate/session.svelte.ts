// The session: whether the store is open in this window. The gate shows
// the unlock screen as soon as it turns false (a lock from the sidebar,
// Ctrl+L, or the vault's auto-lock).
import { lock } from "../api/vault";

/** session is shared state: read session.unlocked in a component and it follows. */
export const session = $state({ unlocked: false });

/** lockNow locks the store and returns to the unlock screen. */
export async function lockNow(): Promise<void> {
  try {
    await lock();
  } finally {
    session.unlocked = false;
  }
}
