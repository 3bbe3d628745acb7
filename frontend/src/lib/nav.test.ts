import { describe, expect, it } from "vitest";
import { viewAt, viewOf, views } from "./nav.svelte";

describe("viewAt", () => {
  it("moves forward and back", () => {
    expect(viewAt("home", 1)).toBe(views[1].id);
    expect(viewAt(views[1].id, -1)).toBe("home");
  });
  it("wraps around both ends", () => {
    expect(viewAt("home", -1)).toBe(views[views.length - 1].id);
    expect(viewAt(views[views.length - 1].id, 1)).toBe("home");
  });
});

describe("views", () => {
  it("each has a component, and an id of its own", () => {
    for (const v of views) expect(typeof v.component).toBe("function");
    expect(new Set(views.map((v) => v.id)).size).toBe(views.length);
  });
  it("viewOf finds a view's entry", () => {
    expect(viewOf("chat").label).toBe("Chat");
    expect(viewOf("chat").full).toBe(true);
    expect(viewOf("documents").ready).toBe(true);
    expect(viewOf("plugins").ready).toBe(true);
  });
});
