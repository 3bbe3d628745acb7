// Folders: how the conversation list groups conversations.
import type { Conversation } from "../../api/chat";

export interface FolderGroup {
  /** folder is the folder's name, "" for conversations in none. */
  folder: string;
  label: string;
  conversations: Conversation[];
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "base" }) || a.localeCompare(b);

/** folderNames lists the folders in use, sorted by name, without duplicates. */
export function folderNames(conversations: Conversation[]): string[] {
  return [...new Set(conversations.map((c) => c.folder.trim()).filter((f) => f !== ""))].sort(byName);
}

/**
 * groupByFolder groups conversations by folder: "No folder" first (when it
 * holds any), then the folders by name. Each group keeps the list's order.
 */
export function groupByFolder(conversations: Conversation[]): FolderGroup[] {
  const groups = new Map<string, Conversation[]>();
  for (const c of conversations) {
    const f = c.folder.trim();
    groups.set(f, [...(groups.get(f) ?? []), c]);
  }
  const out: FolderGroup[] = [];
  const loose = groups.get("");
  if (loose) out.push({ folder: "", label: "No folder", conversations: loose });
  for (const f of folderNames(conversations)) out.push({ folder: f, label: f, conversations: groups.get(f)! });
  return out;
}
