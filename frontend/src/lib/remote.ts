// Where chats go when a model runs on another machine.

/** remoteHost is the host[:port] of an Ollama server URL, for "your chats go to HOST". */
export function remoteHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
