import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./activity";

describe("throttle (the vault's activity touch)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-01-01T10:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("touches on the first activity, then at most once per interval", () => {
    const touch = vi.fn();
    const active = throttle(touch, 30_000);
    active();
    expect(touch).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 29; i++) {
      vi.advanceTimersByTime(1_000);
      active();
    }
    expect(touch).toHaveBeenCalledTimes(1); // 29 s later: still quiet
    vi.advanceTimersByTime(1_000);
    active();
    expect(touch).toHaveBeenCalledTimes(2); // 30 s after the first touch
    active();
    expect(touch).toHaveBeenCalledTimes(2);
  });

  it("touches again on the first activity after a long pause, not on a timer", () => {
    const touch = vi.fn();
    const active = throttle(touch, 30_000);
    active();
    vi.advanceTimersByTime(10 * 60_000);
    expect(touch).toHaveBeenCalledTimes(1); // no activity, no touch
    active();
    active();
    expect(touch).toHaveBeenCalledTimes(2);
  });

  it("keeps separate clocks for separate throttles", () => {
    const a = vi.fn();
    const b = vi.fn();
    const activeA = throttle(a, 1_000);
    const activeB = throttle(b, 1_000);
    activeA();
    vi.advanceTimersByTime(500);
    activeB();
    vi.advanceTimersByTime(500);
    activeA();
    activeB();
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([2, 1]);
  });
});
