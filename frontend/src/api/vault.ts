// The vault as the UI sees it: first run, unlock, recovery and lock. A thin
// typed layer over the generated bindings so tests can replace it.
import * as Vault from "../../wailsjs/go/app/VaultService";
import type { app } from "../../wailsjs/go/models";
import { EventLocked, on } from "./events";
import type { Fields } from "./fields";

export type VaultStatus = Fields<app.VaultStatus>;

export const status = (): Promise<VaultStatus> => Vault.Status();
/** create makes the store and returns the recovery key (shown once). */
export const create = (passphrase: string): Promise<string> => Vault.Create(passphrase);
export const unlock = (passphrase: string): Promise<void> => Vault.Unlock(passphrase);
export const recover = (key: string, passphrase: string): Promise<void> => Vault.Recover(key, passphrase);
export const lock = (): Promise<void> => Vault.Lock();
export const touch = (): Promise<void> => Vault.Touch();

/** onLocked calls fn whenever the store locks (auto-lock included); it returns the unsubscribe function. */
export function onLocked(fn: () => void): () => void {
  return on(EventLocked, () => fn());
}

/** message turns a rejected call's reason into the sentence to show. */
export function message(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
