import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api/chat", () => ({ openSource: vi.fn(async () => {}) }));

import * as api from "../../api/chat";
import { citeSources, openCited, sourceLine } from "./sources";

const cite = (n: number, state = "ok") => ({
  n,
  chunkId: 10 + n,
  documentId: 3,
  path: "/home/a/notes/pebble.md",
  location: { heading: "Garden", start: 0, end: 43 },
  hash: "h",
  state,
});
const answer = { id: 42, sources: [cite(1), cite(2, "changed")] } as never;

beforeEach(() => vi.mocked(api.openSource).mockClear());

describe("sources", () => {
  it("marks the ones that point nowhere", () => {
    expect(citeSources([cite(1), cite(2, "missing")] as never)).toEqual([{ n: 1, gone: false }, { n: 2, gone: true }]);
    expect(citeSources(undefined)).toEqual([]);
  });
  it("reads a source with its place", () => {
    expect(sourceLine(cite(1) as never)).toBe("/home/a/notes/pebble.md · Garden · characters 0–43");
  });
  it("opens a source by the answer and its number, never by path", async () => {
    expect(await openCited(answer, 1)).toBe("");
    expect(api.openSource).toHaveBeenCalledWith(42, 1);
  });
  it("does not ask for a source that changed, or one the answer lacks", async () => {
    expect(await openCited(answer, 2)).toContain("changed or is missing");
    expect(await openCited(answer, 3)).toBe("This answer has no source [3].");
    expect(api.openSource).not.toHaveBeenCalled();
  });
  it("says why the Go side refused", async () => {
    vi.mocked(api.openSource).mockRejectedValueOnce("source changed or missing: the passage is no longer in that file");
    expect(await openCited(answer, 1)).toContain("source changed or missing");
  });
});
