// The Memory service as the UI sees it: what Hearth remembers, where each
// memory came from, and the "remember new things" switch.
import * as Memory from "../../wailsjs/go/app/MemoryService";
import type { app } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export type MemoryItem = Fields<app.MemoryItem>;
export type MemorySource = Fields<app.MemorySource>;

export const listMemories = (): Promise<MemoryItem[]> => Memory.List();
export const addMemory = (text: string): Promise<MemoryItem> => Memory.Add(text);
export const editMemory = (id: number, text: string): Promise<void> => Memory.Edit(id, text);
export const forgetMemory = (id: number): Promise<void> => Memory.Forget(id);
export const rememberNew = (): Promise<boolean> => Memory.RememberNew();
export const setRememberNew = (on: boolean): Promise<void> => Memory.SetRememberNew(on);
