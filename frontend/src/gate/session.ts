// The session: whether the store is open in this window. The gate shows
// the unlock screen as soon as it turns false (a lock from the sidebar,
// Ctrl+L, or the vault's auto-lock).
import { writable } from "svelte/store";
import { lock } from "../api/vault";

export const unlocked = writable(false);

/** lockNow locks the store and returns to the unlock screen. */
export async function lockNow(): Promise<void> {
  try {
    await lock();
  } finally {
    unlocked.set(false);
  }
}
