// An answer's sources: which of its "[n]" are citations, how each reads,
// and opening one (by its number; the Go side finds the file).
import { openSource, type Citation, type Message } from "../../api/chat";
import type { Source } from "./markdown";
import { locationLine } from "../documents/library";

/** gone says whether a citation points nowhere now (its file changed or left the library). */
export function gone(c: Citation): boolean {
  return c.state !== undefined && c.state !== "" && c.state !== "ok";
}

/** citeSources is what render needs of an answer's sources. */
export function citeSources(sources: Citation[] | undefined): Source[] {
  return (sources ?? []).map((c) => ({ n: c.n, gone: gone(c) }));
}

/** sourceLine reads a citation: "notes/pebble.md · Garden · characters 0–43". */
export function sourceLine(c: Citation): string {
  return `${c.path} · ${locationLine(c.location)}`;
}

/**
 * openCited asks to open source n of an answer and returns what to tell
 * the person ("" when it opened). A citation that points nowhere is not
 * asked for.
 */
export async function openCited(m: Message, n: number): Promise<string> {
  const c = m.sources?.find((s) => s.n === n);
  if (!c) return `This answer has no source [${n}].`;
  if (gone(c)) return `Source [${n}] changed or is missing: the passage is no longer in ${c.path}.`;
  try {
    await openSource(m.id, n);
    return "";
  } catch (e) {
    return String(e);
  }
}
