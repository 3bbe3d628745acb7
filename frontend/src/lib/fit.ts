// How a catalog model suits this machine, in words.
import { formatBytes } from "./format";

export type Fit = "fits" | "tight" | "too-big" | "unknown";

/** fitLabel is the short badge of a fit. */
export function fitLabel(fit: string): string {
  switch (fit) {
    case "fits":
      return "Fits";
    case "tight":
      return "Tight";
    case "too-big":
      return "Too big";
    default:
      return "Unknown";
  }
}

/** fitHint is the sentence that explains a fit, with the memory the model needs. */
export function fitHint(fit: string, ram: number): string {
  const need = formatBytes(ram);
  switch (fit) {
    case "fits":
      return `Needs about ${need} of memory; this computer has it free.`;
    case "tight":
      return `Needs about ${need} of memory; close other apps to run it smoothly.`;
    case "too-big":
      return `Needs about ${need} of memory, more than this computer has.`;
    default:
      return `Needs about ${need} of memory.`;
  }
}

/** downloadable reports whether a model may be downloaded from the recommended list (it is not too big). */
export function downloadable(fit: string): boolean {
  return fit === "fits" || fit === "tight" || fit === "unknown";
}
