import { describe, expect, it, vi } from "vitest";

const handlers: Record<string, (d: unknown) => void> = {};
vi.mock("../api/models", () => ({
  download: vi.fn(async () => "dl-1"),
  cancelDownload: vi.fn(async () => {}),
  runningDownloads: vi.fn(async () => []),
  onDownloads: (h: { progress: () => void; done: () => void; failed: () => void }) => {
    handlers.progress = h.progress;
    handlers.done = h.done;
    handlers.failed = h.failed;
    return () => {};
  },
}));

import { dismissed, downloads, failed, finished, progressed, startDownload, started, watchDownloads } from "./downloads.svelte";
import * as api from "../api/models";

const model = { name: "tiny", backend: "embedded", size: 100 } as never;

describe("downloads reducers", () => {
  it("follows a download from start to end", () => {
    let s = started({}, "dl-1", "tiny");
    expect(s.tiny.status).toBe("running");
    s = progressed(s, { id: "dl-1", name: "tiny", bytes: 40, total: 100, bytesPerSec: 10, etaSeconds: 6 });
    expect(s.tiny).toMatchObject({ bytes: 40, total: 100, status: "running" });
    s = started(s, "dl-1", "tiny");
    expect(s.tiny.bytes).toBe(40); // asking again does not reset a running download
    s = finished(s, { id: "dl-1", name: "tiny", model });
    expect(s.tiny).toMatchObject({ status: "done", bytes: 100, total: 100, etaSeconds: 0, model });
    expect(dismissed(s, "tiny")).toEqual({});
  });
  it("records cancellations and failures with their sentence", () => {
    const s = started({}, "dl-2", "big");
    expect(failed(s, { id: "dl-2", name: "big", error: "stopped", cancelled: true }).big.status).toBe("cancelled");
    const f = failed(s, { id: "dl-2", name: "big", error: "The download failed: disk full", cancelled: false });
    expect(f.big).toMatchObject({ status: "failed", error: "The download failed: disk full" });
  });
});

describe("downloads state", () => {
  it("is fed by the service's events", async () => {
    await watchDownloads();
    await startDownload("tiny");
    expect(api.download).toHaveBeenCalledWith("tiny");
    expect(downloads.all.tiny.status).toBe("running");
    handlers.progress({ id: "dl-1", name: "tiny", bytes: 50, total: 100, bytesPerSec: 5, etaSeconds: 10 });
    expect(downloads.all.tiny.bytes).toBe(50);
    handlers.done({ id: "dl-1", name: "tiny", model });
    expect(downloads.all.tiny.status).toBe("done");
  });
});
