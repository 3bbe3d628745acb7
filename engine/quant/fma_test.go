package quant_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
)

// TestNoFusedMultiplyAdd compiles this package for arm64, where the Go
// compiler fuses x*y+z into one instruction unless an explicit float32()
// conversion rounds the product first, and fails on any fused instruction:
// ggml rounds every product, so a fused one changes quantization results on
// such machines (and on amd64 with GOAMD64=v3). See RATIONALE.md.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the package")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(gobin, "build", "-gcflags=-S", "-o", os.DevNull, ".")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if len(out) == 0 {
		t.Fatal("go build -gcflags=-S printed no assembly")
	}
	fused := regexp.MustCompile(`(?m)^.*\tF(N)?M(ADD|SUB)[SD]\t.*$`)
	for _, m := range fused.FindAll(out, 10) {
		t.Errorf("fused multiply-add: %s", m)
	}
}
