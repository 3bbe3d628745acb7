import { describe, expect, it } from "vitest";
import { folderNames, groupByFolder } from "./folders";
import type { Conversation } from "../../api/chat";

const conv = (id: number, folder: string): Conversation => ({
  id, title: `chat ${id}`, folder, tags: [], model: "", created: "", updated: "",
});

const shape = (cs: Conversation[]) => groupByFolder(cs).map((g) => [g.label, g.conversations.map((c) => c.id)]);

describe("groupByFolder", () => {
  const cases: { name: string; in: Conversation[]; want: [string, number[]][] }[] = [
    { name: "nothing", in: [], want: [] },
    { name: "no folders", in: [conv(1, ""), conv(2, "")], want: [["No folder", [1, 2]]] },
    {
      name: "no folder first, folders by name, order kept",
      in: [conv(1, "work"), conv(2, ""), conv(3, "Ideas"), conv(4, "work"), conv(5, "")],
      want: [["No folder", [2, 5]], ["Ideas", [3]], ["work", [1, 4]]],
    },
    { name: "only folders", in: [conv(1, "b"), conv(2, "a")], want: [["a", [2]], ["b", [1]]] },
    { name: "blank folder is none", in: [conv(1, "  "), conv(2, " trips ")], want: [["No folder", [1]], ["trips", [2]]] },
  ];
  for (const c of cases) it(c.name, () => expect(shape(c.in)).toEqual(c.want));
});

describe("folderNames", () => {
  it("lists each folder once, by name, ignoring case for the order", () => {
    expect(folderNames([conv(1, "work"), conv(2, ""), conv(3, "Ideas"), conv(4, "work"), conv(5, "archive")])).toEqual([
      "archive",
      "Ideas",
      "work",
    ]);
  });
});
