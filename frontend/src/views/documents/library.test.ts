import { describe, expect, it } from "vitest";
import {
  folderSummary,
  locationLine,
  progressLine,
  progressPercent,
  relativePath,
  semanticLine,
  statusLabel,
} from "./library";

const p = (o: Partial<Parameters<typeof progressLine>[0]>) => ({
  folder: "/d",
  filesDone: 0,
  filesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  filesPerSecond: 0,
  secondsLeft: 0,
  ...o,
});

describe("progressLine", () => {
  it.each([
    ["before the walk", p({}), "Looking for changes…"],
    ["no rate yet", p({ filesDone: 0, filesTotal: 40 }), "0 of 40 files"],
    ["slow, no time left known", p({ filesDone: 3, filesTotal: 40, filesPerSecond: 2.54 }), "3 of 40 files · 2.5 files/s"],
    ["fast, with time left", p({ filesDone: 120, filesTotal: 400, filesPerSecond: 61.2, secondsLeft: 4.2 }), "120 of 400 files · 61 files/s · 5 s left"],
    ["minutes left", p({ filesDone: 1, filesTotal: 9000, filesPerSecond: 30, secondsLeft: 299 }), "1 of 9000 files · 30 files/s · 5 min left"],
  ])("%s", (_, prog, want) => expect(progressLine(prog)).toBe(want));
});

describe("progressPercent", () => {
  it("goes by bytes, else by files, else unknown", () => {
    expect(progressPercent(p({ bytesDone: 50, bytesTotal: 200, filesDone: 9, filesTotal: 10 }))).toBe(25);
    expect(progressPercent(p({ filesDone: 1, filesTotal: 4 }))).toBe(25);
    expect(progressPercent(p({}))).toBeNull();
    expect(progressPercent(p({ bytesDone: 300, bytesTotal: 200 }))).toBe(100);
  });
});

describe("locationLine", () => {
  it.each([
    ["page, heading and range", { page: 3, heading: "Rivers > Danube", start: 120, end: 480 }, "page 3 · Rivers > Danube · characters 120–480"],
    ["no page", { heading: "Intro", start: 0, end: 10 }, "Intro · characters 0–10"],
    ["range only", { start: 5, end: 9 }, "characters 5–9"],
  ])("%s", (_, loc, want) => expect(locationLine(loc)).toBe(want));
});

describe("folder and files", () => {
  it("counts files by status in a fixed order, leaving out zeros", () => {
    expect(folderSummary(40, { failed: 1, indexed: 38, no_text: 1, skipped: 0 })).toBe("40 files · 38 indexed · 1 failed · 1 no text");
    expect(folderSummary(1, {})).toBe("1 file");
  });
  it("shows paths inside the folder, and others whole", () => {
    expect(relativePath("/home/a/notes", "/home/a/notes/x/y.md")).toBe("x/y.md");
    expect(relativePath("/home/a/notes", "/home/a/notes2/y.md")).toBe("/home/a/notes2/y.md");
  });
  it("names statuses, and an unknown one as itself", () => {
    expect(statusLabel("no_text")).toBe("No text");
    expect(statusLabel("weird")).toBe("weird");
  });
});

describe("semanticLine", () => {
  const s = (o: Partial<Parameters<typeof semanticLine>[0]>) => ({
    model: "nomic-embed-text-v1.5",
    embedded: 0,
    chunks: 0,
    percent: 0,
    chunksPerSecond: 0,
    secondsLeft: 0,
    paused: false,
    ...o,
  });
  it.each([
    ["before the first batch", s({ embedded: 0, chunks: 500 }), "Semantic index 0%"],
    [
      "with rate and time left",
      s({ embedded: 215, chunks: 500, percent: 43, chunksPerSecond: 120.4, secondsLeft: 170 }),
      "Semantic index 43% · 120 chunks/s · 3 min left",
    ],
    ["a slow model", s({ embedded: 5, chunks: 500, percent: 1, chunksPerSecond: 2.25, secondsLeft: 40 }), "Semantic index 1% · 2.3 chunks/s · 40 s left"],
    [
      "paused for a chat answer",
      s({ embedded: 215, chunks: 500, percent: 43, chunksPerSecond: 120, secondsLeft: 170, paused: true }),
      "Semantic index 43% · paused while a chat answer is written",
    ],
    ["done", s({ embedded: 500, chunks: 500, percent: 100 }), "Semantic index complete"],
  ])("%s", (_, sem, want) => expect(semanticLine(sem)).toBe(want));
});
