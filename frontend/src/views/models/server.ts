// What the "Connect a server" panel says about an OpenAI-compatible server.
import type { InstalledModel, OpenAIServer } from "../../api/models";

/** serverSummary is the one line that says how the connected server is doing. */
export function serverSummary(s: OpenAIServer): string {
  if (!s.connected) return "No server is connected.";
  if (!s.reachable) {
    const reason = s.error || "no reason given";
    return `The server at ${s.host} does not answer: ${reason}${/[.?!]$/.test(reason) ? "" : "."}`;
  }
  const n = s.models.length;
  if (n === 0) return `Connected to ${s.host}, which offers no models.`;
  return `Connected to ${s.host}, which offers ${n} model${n === 1 ? "" : "s"}: ${s.models.join(", ")}.`;
}

/** chatsGoTo is the warning for a server on another machine, or "" for this computer. */
export function chatsGoTo(s: OpenAIServer): string {
  if (!s.connected || !s.remote) return "";
  const where = `Your chats go to ${s.host} when they use its models.`;
  return s.plain ? `${where} The address is plain http: anyone on the network between can read them.` : where;
}

/** backendLabel names where an installed model runs, its server included. */
export function backendLabel(m: Pick<InstalledModel, "backend" | "source">): string {
  switch (m.backend) {
    case "ollama":
      return "Ollama";
    case "openai":
      return m.source ? `Server ${m.source}` : "Server";
  }
  return "Built-in engine";
}
