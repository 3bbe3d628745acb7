// The typed surface of Hearth's Go services, as the UI sees it. Components
// import from here, never from the generated bindings directly, so tests can
// replace this module and the bindings can be regenerated freely.
import * as System from "../../wailsjs/go/app/SystemService";
import type { app } from "../../wailsjs/go/models";
import type { Fields } from "./fields";

export type Report = Fields<app.Report>;
export type BuildInfo = Fields<app.BuildInfo>;

/** diagnose returns the same machine report as `hearth doctor`. */
export function diagnose(): Promise<Report> {
  return System.Diagnose();
}

/** version returns the running build of Hearth. */
export function version(): Promise<BuildInfo> {
  return System.Version();
}
