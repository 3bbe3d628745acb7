// The Documents service as the UI sees it: the library's folders and their
// files, indexing, and search. A folder is added only through the native
// folder dialog, which the Go side opens.
import * as Docs from "../../wailsjs/go/app/DocumentsService";
import type { app, memory } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export type Folder = Fields<app.FolderStatus>;
export type DocFile = Fields<app.DocFile>;
export type DocResult = Fields<app.DocResult>;
export type Location = Fields<memory.Location>;

/** chooseFolder opens the folder dialog and adds the folder chosen; "" when cancelled. */
export const chooseFolder = (): Promise<string> => Docs.ChooseFolder();
export const listFolders = (): Promise<Folder[]> => Docs.Folders();
/** listFiles lists a folder's files; status "" for all, else "failed", "no_text", ... */
export const listFiles = (folder: string, status: string): Promise<DocFile[]> => Docs.Files(folder, status);
export const removeFolder = (folder: string): Promise<void> => Docs.RemoveFolder(folder);
export const stopIndexing = (folder: string): Promise<void> => Docs.StopIndexing(folder);
export const searchDocuments = (query: string, k = 10): Promise<DocResult[]> => Docs.Search(query, k);
