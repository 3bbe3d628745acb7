import { describe, expect, it } from "vitest";
import { viewAt, views } from "./nav";

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
