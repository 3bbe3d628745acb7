package llamaref

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// quantProc is the one quantref server of the test binary. It is started on
// first use and ends when the test binary exits (its stdin closes).
var quantProc struct {
	once sync.Once
	srv  *quantServer
	err  error
}

// quantServer talks to a running quantref process; calls are serialised.
type quantServer struct {
	mu     sync.Mutex
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *lockedBuffer
	failed error
}

// The request ops of quantref.c.
const (
	opQuantize uint32 = iota + 1
	opDequantize
	opF32ToF16
	opF16ToF32
	opF32ToBF16
	opBF16ToF32
	opLayout
)

// quantRef returns the quantref server, building the harness with gcc and
// starting it on first use.
func quantRef(t testing.TB) *quantServer {
	t.Helper()
	Require(t)
	quantProc.once.Do(func() { quantProc.srv, quantProc.err = startQuantRef() })
	if quantProc.err != nil {
		if _, err := exec.LookPath("gcc"); err != nil && os.Getenv("HEARTH_REQUIRE_REFERENCE") == "" {
			t.Skipf("llamaref: gcc not found, cannot build the quantref harness: %v", err)
		}
		t.Fatalf("llamaref: %v", quantProc.err)
	}
	return quantProc.srv
}

func startQuantRef() (*quantServer, error) {
	bin, err := buildHarness("quantref")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, filepath.Join(LibDir(), "libggml-base.so"))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start quantref: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start quantref: %w", err)
	}
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start quantref: %w", err)
	}
	go cmd.Wait() // reap it when the test binary closes its stdin
	return &quantServer{stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<16), stderr: stderr}, nil
}

// call sends one request and returns the response payload.
func (s *quantServer) call(op, typ uint32, param int64, in []byte) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed != nil {
		return nil, s.failed
	}
	out, err := s.roundTrip(op, typ, param, in)
	if err != nil {
		s.failed = fmt.Errorf("quantref: %w; stderr: %s", err, s.stderr.String())
		return nil, s.failed
	}
	return out, nil
}

func (s *quantServer) roundTrip(op, typ uint32, param int64, in []byte) ([]byte, error) {
	var hdr [24]byte
	binary.LittleEndian.PutUint32(hdr[0:], op)
	binary.LittleEndian.PutUint32(hdr[4:], typ)
	binary.LittleEndian.PutUint64(hdr[8:], uint64(param))
	binary.LittleEndian.PutUint64(hdr[16:], uint64(len(in)))
	if _, err := s.stdin.Write(append(hdr[:], in...)); err != nil {
		return nil, err
	}
	var n [8]byte
	if _, err := io.ReadFull(s.stdout, n[:]); err != nil {
		return nil, err
	}
	out := make([]byte, binary.LittleEndian.Uint64(n[:]))
	if _, err := io.ReadFull(s.stdout, out); err != nil {
		return nil, err
	}
	return out, nil
}

// runQuantRef runs one request and fails t on error.
func runQuantRef(t testing.TB, op, typ uint32, param int64, in []byte) []byte {
	t.Helper()
	out, err := quantRef(t).call(op, typ, param, in)
	if err != nil {
		t.Fatalf("llamaref: %v", err)
	}
	return out
}

// lockedBuffer is a bytes.Buffer safe for the writer goroutine of exec.Cmd.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Quantize returns what llama.cpp's ggml_quantize_chunk (no importance matrix)
// makes of src, read as rows of nPerRow elements, for GGML type typ. For Q8_K,
// which ggml_quantize_chunk does not accept, it returns quantize_row_q8_K_ref's
// output, with the bsums of all-zero blocks zeroed.
func Quantize(t testing.TB, typ uint32, src []float32, nPerRow int) []byte {
	t.Helper()
	return runQuantRef(t, opQuantize, typ, int64(nPerRow), float32Bytes(src))
}

// Dequantize returns the n float32s that llama.cpp's dequantize_row_* (or the
// F16/BF16 row converters) make of the blocks in src for GGML type typ.
func Dequantize(t testing.TB, typ uint32, src []byte, n int) []float32 {
	t.Helper()
	out := runQuantRef(t, opDequantize, typ, int64(n), src)
	if len(out) != 4*n {
		t.Fatalf("llamaref: dequantize returned %d bytes, want %d", len(out), 4*n)
	}
	return bytesFloat32(out)
}

// F32ToF16 converts each value with ggml's scalar ggml_fp32_to_fp16.
func F32ToF16(t testing.TB, src []float32) []uint16 {
	t.Helper()
	return bytesUint16(runQuantRef(t, opF32ToF16, 0, 0, float32Bytes(src)))
}

// F16ToF32 converts each value with ggml's scalar ggml_fp16_to_fp32.
func F16ToF32(t testing.TB, src []uint16) []float32 {
	t.Helper()
	return bytesFloat32(runQuantRef(t, opF16ToF32, 0, 0, uint16Bytes(src)))
}

// F32ToBF16 converts each value with ggml's scalar ggml_fp32_to_bf16.
func F32ToBF16(t testing.TB, src []float32) []uint16 {
	t.Helper()
	return bytesUint16(runQuantRef(t, opF32ToBF16, 0, 0, float32Bytes(src)))
}

// BF16ToF32 converts each value with ggml's scalar ggml_bf16_to_fp32.
func BF16ToF32(t testing.TB, src []uint16) []float32 {
	t.Helper()
	return bytesFloat32(runQuantRef(t, opBF16ToF32, 0, 0, uint16Bytes(src)))
}

// TypeLayout returns ggml's block size, block byte size and name of type typ
// (ggml_blck_size, ggml_type_size, ggml_type_name).
func TypeLayout(t testing.TB, typ uint32) (blockSize, blockBytes int, name string) {
	t.Helper()
	out := strings.Fields(string(runQuantRef(t, opLayout, typ, 0, nil)))
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
