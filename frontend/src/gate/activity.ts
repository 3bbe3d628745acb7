// Activity: tells the vault, at most once per interval, that the person is
// using the window, so the auto-lock waits.

/** throttle returns a function that calls fn at most once per `ms`. */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < ms) return;
    last = t;
    fn();
  };
}
