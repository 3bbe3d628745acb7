package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/hearth-app/hearth/engine/catalog"
	"golang.org/x/sys/cpu"
)

// Report is what `hearth doctor` and the window's "This machine" view show:
// the facts that decide which models run well here.
type Report struct {
	Build       BuildInfo `json:"build"`
	OS          string    `json:"os"`
	Arch        string    `json:"arch"`
	CPU         string    `json:"cpu"`
	Cores       int       `json:"cores"`
	CPUFeatures []string  `json:"cpuFeatures"`
	MemoryTotal uint64    `json:"memoryTotal"`
	MemoryFree  uint64    `json:"memoryFree"`
	DataDir     string    `json:"dataDir"`
	Ollama      Ollama    `json:"ollama"`
	// Recommended names the catalog's chat models that suit this machine,
	// best first.
	Recommended []string `json:"recommended"`
}

// Ollama is the state of the Ollama server named by OLLAMA_HOST.
type Ollama struct {
	Host    string `json:"host"`
	Running bool   `json:"running"`
	Version string `json:"version,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Diagnose collects a Report. It only talks to the Ollama host the user
// configured (loopback by default), with a short timeout.
func Diagnose(ctx context.Context) Report {
	dir, err := DataDir()
	if err != nil {
		dir = err.Error()
	}
	total, free := memoryStats()
	return Report{
		Build:       CurrentBuild(),
		OS:          runtime.GOOS,
		Arch:        runtime.GOARCH,
		CPU:         cpuModel(),
		Cores:       runtime.NumCPU(),
		CPUFeatures: cpuFeatures(),
		MemoryTotal: total,
		MemoryFree:  free,
		DataDir:     dir,
		Ollama:      probeOllama(ctx, ollamaHost()),
		Recommended: recommend(free, runtime.NumCPU()),
	}
}

// recommend returns the names of up to three catalog chat models that suit a
// machine with ram bytes free and cores cores.
func recommend(ram uint64, cores int) []string {
	cat, err := catalog.Load()
	if err != nil || ram == 0 {
		return nil
	}
	var names []string
	for _, m := range cat.Recommend(ram, cores) {
		if len(names) == 3 {
			break
		}
		names = append(names, m.Name)
	}
	return names
}

// cpuFeatures lists the SIMD extensions the engine's kernels can use.
func cpuFeatures() []string {
	var fs []string
	add := func(ok bool, name string) {
		if ok {
			fs = append(fs, name)
		}
	}
	switch runtime.GOARCH {
	case "amd64", "386":
		add(cpu.X86.HasSSE42, "SSE4.2")
		add(cpu.X86.HasAVX, "AVX")
		add(cpu.X86.HasAVX2, "AVX2")
		add(cpu.X86.HasFMA, "FMA")
		add(cpu.X86.HasAVX512F, "AVX-512F")
		add(cpu.X86.HasAVX512BW, "AVX-512BW")
		add(cpu.X86.HasAVX512VNNI, "AVX-512VNNI")
		add(cpu.X86.HasAVX512BF16, "AVX-512BF16")
		add(cpu.X86.HasAVXVNNI, "AVX-VNNI")
	case "arm64":
		add(cpu.ARM64.HasASIMD, "NEON")
		add(cpu.ARM64.HasASIMDDP, "DOTPROD")
		add(cpu.ARM64.HasI8MM, "I8MM")
		add(cpu.ARM64.HasSVE, "SVE")
	}
	return fs
}

// cpuModel returns the processor's marketing name where the OS tells it.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// ollamaHost returns the base URL of the Ollama server as OLLAMA_HOST defines
// it: scheme and port optional, 127.0.0.1:11434 by default.
func ollamaHost() string {
	h := strings.TrimSpace(os.Getenv("OLLAMA_HOST"))
	if h == "" {
		return "http://127.0.0.1:11434"
	}
	if !strings.Contains(h, "://") {
		h = "http://" + h
	}
	u, err := url.Parse(h)
	if err != nil || u.Host == "" {
		return "http://127.0.0.1:11434"
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		host, port = u.Host, "11434"
	}
	if host == "" || host == "0.0.0.0" {
		host = "127.0.0.1"
	}
	return u.Scheme + "://" + net.JoinHostPort(host, port)
}

// probeOllama asks the server at base for its version.
func probeOllama(ctx context.Context, base string) Ollama {
	st := Ollama{Host: base}
	ctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/version", nil)
	if err != nil {
		st.Error = err.Error()
		return st
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		st.Error = "not reachable"
		return st
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		st.Error = fmt.Sprintf("answered %s", resp.Status)
		return st
	}
	var v struct{ Version string }
	_ = json.Unmarshal(body, &v)
	st.Running = true
	st.Version = v.Version
	return st
}
