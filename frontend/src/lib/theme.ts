// The window's theme: "system" follows the operating system; "light" and
// "dark" set data-theme on <html>, which app.css reads.
import { theme as savedTheme, type Theme } from "../api/settings";

/** applyTheme shows a theme now. */
export function applyTheme(t: Theme, root: HTMLElement = document.documentElement): void {
  if (t === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", t);
}

/** loadTheme applies the saved theme (it is kept outside the encrypted store, so it works before unlock). */
export async function loadTheme(): Promise<Theme> {
  try {
    const t = await savedTheme();
    applyTheme(t);
    return t;
  } catch {
    return "system";
  }
}
