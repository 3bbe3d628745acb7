import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen } from "@testing-library/svelte";
import Home from "./Home.svelte";

vi.mock("../../api/system", () => ({
  diagnose: vi.fn(),
}));

import { diagnose } from "../../api/system";

const report = {
  build: { version: "1.2.3", goVersion: "go1.26" },
  os: "linux",
  arch: "amd64",
  cpu: "Test CPU",
  cores: 8,
  cpuFeatures: ["AVX2", "FMA"],
  memoryTotal: 16 * 1024 ** 3,
  memoryFree: 8 * 1024 ** 3,
  dataDir: "/home/me/.local/share/Hearth",
  recommended: ["qwen3-1.7b", "llama-3.2-1b-instruct"],
  ollama: { host: "http://127.0.0.1:11434", running: false, error: "not reachable" },
};

describe("Home", () => {
  beforeEach(() => vi.mocked(diagnose).mockReset());

  it("shows the machine report", async () => {
    vi.mocked(diagnose).mockResolvedValue(report as never);
    render(Home);
    expect(await screen.findByText("Test CPU · 8 cores")).toBeTruthy();
    expect(screen.getByTestId("simd").textContent).toBe("AVX2");
    expect(screen.getByTestId("datadir").textContent).toBe(report.dataDir);
    expect(screen.getByText("16.0 GB total, 8.0 GB free")).toBeTruthy();
    expect(screen.getByText("Not running at http://127.0.0.1:11434")).toBeTruthy();
    expect(screen.getByTestId("recommended").textContent?.trim()).toBe("qwen3-1.7b, llama-3.2-1b-instruct");
  });

  it("says what failed and offers to retry", async () => {
    vi.mocked(diagnose).mockRejectedValueOnce(new Error("boom"));
    render(Home);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("boom");
    vi.mocked(diagnose).mockResolvedValue(report as never);
    screen.getByRole("button", { name: "Try again" }).click();
    expect(await screen.findByText("Test CPU · 8 cores")).toBeTruthy();
  });
});
