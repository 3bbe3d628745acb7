import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";

afterEach(cleanup);

const handlers: Record<string, (p: unknown) => void> = {};
vi.mock("../../../wailsjs/runtime/runtime", () => ({
  EventsOn: (name: string, fn: (p: unknown) => void) => {
    handlers[name] = fn;
    return () => delete handlers[name];
  },
}));

let folders = [
  { path: "/home/a/notes", files: 3, byStatus: { indexed: 2, failed: 1 }, chunks: 4, problems: [], indexing: true },
];
vi.mock("../../api/documents", () => ({
  listFolders: vi.fn(async () => folders),
  chooseFolder: vi.fn(async () => "/home/a/papers"),
  removeFolder: vi.fn(async () => {}),
  stopIndexing: vi.fn(async () => {}),
  listFiles: vi.fn(async (_: string, status: string) =>
    [
      { path: "/home/a/notes/a.md", status: "indexed", chunks: 2 },
      { path: "/home/a/notes/bin.md", status: "failed", reason: "it is not text", chunks: 0 },
    ].filter((f) => !status || f.status === status),
  ),
  searchDocuments: vi.fn(async () => [
    { path: "/home/a/notes/a.md", score: 1.2, snippet: "The Danube flows <b>east</b>", location: { page: 2, heading: "Rivers", start: 10, end: 40 } },
  ]),
}));

import Documents from "./Documents.svelte";
import * as api from "../../api/documents";

describe("Documents", () => {
  it("shows a folder's progress as it comes, then its counts", async () => {
    render(Documents);
    expect(await screen.findByText("/home/a/notes")).toBeTruthy();
    expect(screen.getByTestId("docs-summary").textContent).toBe("3 files · 2 indexed · 1 failed");
    handlers["docs:progress"]({ folder: "/home/a/notes", filesDone: 5, filesTotal: 10, bytesDone: 50, bytesTotal: 100, filesPerSecond: 2.5, secondsLeft: 2 });
    await vi.waitFor(() =>
      expect(screen.getByTestId("docs-progress").textContent).toBe("5 of 10 files · 2.5 files/s · 2 s left"),
    );
    expect(screen.getByRole("progressbar", { name: "Indexing /home/a/notes" }).getAttribute("value")).toBe("50");
    await fireEvent.click(screen.getByRole("button", { name: "Stop indexing /home/a/notes" }));
    expect(api.stopIndexing).toHaveBeenCalledWith("/home/a/notes");
    folders = [{ ...folders[0], files: 4, byStatus: { indexed: 3, failed: 1 }, indexing: false }];
    handlers["docs:done"]({ folder: "/home/a/notes", summary: {} });
    await vi.waitFor(() => expect(screen.getByTestId("docs-summary").textContent).toBe("4 files · 3 indexed · 1 failed"));
    expect(screen.queryByTestId("docs-progress")).toBeNull();
  });

  it("shows the semantic index's progress, and when it waits for a chat answer", async () => {
    render(Documents);
    await screen.findByText("/home/a/notes");
    expect(screen.queryByTestId("docs-semantic")).toBeNull();
    const sem = { model: "nomic", embedded: 215, chunks: 500, percent: 43, chunksPerSecond: 120, secondsLeft: 170, paused: false };
    handlers["docs:semantic"](sem);
    await vi.waitFor(() =>
      expect(screen.getByTestId("docs-semantic").textContent).toContain("Semantic index 43% · 120 chunks/s · 3 min left"),
    );
    expect(screen.getByRole("progressbar", { name: "Semantic index" }).getAttribute("value")).toBe("43");
    handlers["docs:semantic"]({ ...sem, paused: true });
    await vi.waitFor(() => expect(screen.getByTestId("docs-semantic").textContent).toContain("paused while a chat answer is written"));
  });

  it("adds through the folder dialog and removes only after a confirmation", async () => {
    render(Documents);
    await fireEvent.click(await screen.findByTestId("docs-add"));
    expect(api.chooseFolder).toHaveBeenCalledWith();
    await fireEvent.click(screen.getByRole("button", { name: "Remove /home/a/notes" }));
    expect(api.removeFolder).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId("docs-remove-confirm"));
    expect(api.removeFolder).toHaveBeenCalledWith("/home/a/notes");
  });

  it("filters the file list to failed files, with why", async () => {
    render(Documents);
    await fireEvent.click(await screen.findByRole("button", { name: "Show files" }));
    await vi.waitFor(() => expect(screen.getAllByTestId("docs-file")).toHaveLength(2));
    await fireEvent.change(screen.getByTestId("docs-filter"), { target: { value: "failed" } });
    await vi.waitFor(() => expect(screen.getAllByTestId("docs-file")).toHaveLength(1));
    expect(screen.getByTestId("docs-file").textContent).toContain("it is not text");
    expect(api.listFiles).toHaveBeenLastCalledWith("/home/a/notes", "failed");
  });

  it("searches, showing snippets as text and where each passage is", async () => {
    render(Documents);
    await fireEvent.input(await screen.findByTestId("docs-query"), { target: { value: "danube" } });
    await fireEvent.submit(screen.getByTestId("docs-query").closest("form")!);
    const r = await screen.findByTestId("docs-result");
    expect(r.textContent).toContain("page 2 · Rivers · characters 10–40");
    expect(r.textContent).toContain("The Danube flows <b>east</b>");
    expect(r.querySelector("b")).toBeNull();
  });
});
