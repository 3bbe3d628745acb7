package llamaref

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// quantBuild caches the one build of quantref.c per test binary.
var quantBuild struct {
	once sync.Once
	bin  string
	err  error
}

// quantRef returns the path of the compiled quantref harness, building it with
// gcc on first use. The binary lives in a directory under os.TempDir named by a
// hash of the source and the library directory, so later test runs reuse it.
func quantRef(t testing.TB) string {
	t.Helper()
	Require(t)
	quantBuild.once.Do(func() { quantBuild.bin, quantBuild.err = buildQuantRef() })
	if quantBuild.err != nil {
		if _, err := exec.LookPath("gcc"); err != nil && os.Getenv("HEARTH_REQUIRE_REFERENCE") == "" {
			t.Skipf("llamaref: gcc not found, cannot build the quantref harness: %v", err)
		}
		t.Fatalf("llamaref: %v", quantBuild.err)
	}
	return quantBuild.bin
}

func buildQuantRef() (string, error) {
	src := filepath.Join(Dir(), "csrc", "quantref.c")
	code, err := os.ReadFile(src)
	if err != nil {
		return "", fmt.Errorf("build quantref: %w", err)
	}
	sum := sha256.Sum256(append(code, LibDir()...))
	dir := filepath.Join(os.TempDir(), "hearth-quantref-"+hex.EncodeToString(sum[:8]))
	bin := filepath.Join(dir, "quantref")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("build quantref: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "quantref-*.tmp")
	if err != nil {
		return "", fmt.Errorf("build quantref: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command("gcc", "-O2", "-std=c11", "-Wall", "-o", tmp.Name(), src, "-ldl")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build quantref: gcc: %w\n%s", err, out)
	}
	if err := os.Rename(tmp.Name(), bin); err != nil {
		return "", fmt.Errorf("build quantref: %w", err)
	}
	return bin, nil
}

// runQuantRef runs one quantref command with in on stdin and returns stdout.
func runQuantRef(t testing.TB, in []byte, args ...string) []byte {
	t.Helper()
	bin := quantRef(t)
	cmd := exec.Command(bin, append([]string{filepath.Join(LibDir(), "libggml-base.so")}, args...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llamaref: quantref %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// Quantize returns what llama.cpp's ggml_quantize_chunk (no importance matrix)
// makes of src, read as rows of nPerRow elements, for GGML type typ. For Q8_K,
// which ggml_quantize_chunk does not accept, it returns quantize_row_q8_K_ref's
// output, with the bsums of all-zero blocks zeroed.
func Quantize(t testing.TB, typ uint32, src []float32, nPerRow int) []byte {
	t.Helper()
	return runQuantRef(t, float32Bytes(src), "quantize", strconv.Itoa(int(typ)), strconv.Itoa(nPerRow))
}

// Dequantize returns the n float32s that llama.cpp's dequantize_row_* (or the
// F16/BF16 row converters) make of the blocks in src for GGML type typ.
func Dequantize(t testing.TB, typ uint32, src []byte, n int) []float32 {
	t.Helper()
	out := runQuantRef(t, src, "dequantize", strconv.Itoa(int(typ)), strconv.Itoa(n))
	if len(out) != 4*n {
		t.Fatalf("llamaref: dequantize returned %d bytes, want %d", len(out), 4*n)
	}
	return bytesFloat32(out)
}

// F32ToF16 converts each value with ggml's scalar ggml_fp32_to_fp16.
func F32ToF16(t testing.TB, src []float32) []uint16 {
	t.Helper()
	return bytesUint16(runQuantRef(t, float32Bytes(src), "f32tof16"))
}

// F16ToF32 converts each value with ggml's scalar ggml_fp16_to_fp32.
func F16ToF32(t testing.TB, src []uint16) []float32 {
	t.Helper()
	return bytesFloat32(runQuantRef(t, uint16Bytes(src), "f16tof32"))
}

// F32ToBF16 converts each value with ggml's scalar ggml_fp32_to_bf16.
func F32ToBF16(t testing.TB, src []float32) []uint16 {
	t.Helper()
	return bytesUint16(runQuantRef(t, float32Bytes(src), "f32tobf16"))
}

// BF16ToF32 converts each value with ggml's scalar ggml_bf16_to_fp32.
func BF16ToF32(t testing.TB, src []uint16) []float32 {
	t.Helper()
	return bytesFloat32(runQuantRef(t, uint16Bytes(src), "bf16tof32"))
}

// TypeLayout returns ggml's block size, block byte size and name of type typ
// (ggml_blck_size, ggml_type_size, ggml_type_name).
func TypeLayout(t testing.TB, typ uint32) (blockSize, blockBytes int, name string) {
	t.Helper()
	out := strings.Fields(string(runQuantRef(t, nil, "layout", strconv.Itoa(int(typ)))))
	if len(out) != 3 {
		t.Fatalf("llamaref: layout: unexpected output %q", out)
	}
	blockSize, err1 := strconv.Atoi(out[0])
	blockBytes, err2 := strconv.Atoi(out[1])
	if err1 != nil || err2 != nil {
		t.Fatalf("llamaref: layout: unexpected output %q", out)
	}
	return blockSize, blockBytes, out[2]
}

func float32Bytes(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

func bytesFloat32(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

func uint16Bytes(v []uint16) []byte {
	b := make([]byte, 2*len(v))
	for i, h := range v {
		binary.LittleEndian.PutUint16(b[2*i:], h)
	}
	return b
}

func bytesUint16(b []byte) []uint16 {
	v := make([]uint16, len(b)/2)
	for i := range v {
		v[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return v
}
