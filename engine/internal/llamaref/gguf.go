package llamaref

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// GGUFInfo is what llama.cpp's GGUF parser (gguf_init_from_file and the
// gguf_get_* accessors of libggml-base) reads from a file.
type GGUFInfo struct {
	Version    uint32
	Alignment  uint64
	DataOffset uint64
	KVs        []GGUFKV
	Tensors    []GGUFTensor
}

// GGUFKV is one metadata pair as llama.cpp reads it. Values holds the scalar
// or every array element, encoded as text: integers in decimal, bools as 0
// or 1, float32 and float64 as the lower-case hex of their IEEE bits (8 or 16
// digits), strings as themselves (cut at a NUL byte, as llama.cpp's C strings
// are).
type GGUFKV struct {
	Key     string
	Type    int // gguf_type of the value
	ArrType int // gguf_type of the elements, or -1 for a scalar
	Values  []string
}

// GGUFTensor is one tensor-table entry as llama.cpp reads it. Offset is
// relative to the data section; NE is the shape padded with 1s to 4 dims.
type GGUFTensor struct {
	Name   string
	Type   uint32
	Offset uint64
	Size   uint64
	NE     [4]int64
}

// ErrGGUFRefused reports a file llama.cpp's GGUF parser refuses.
var ErrGGUFRefused = errors.New("llama.cpp refuses the GGUF file")

// ggufBuild caches the one build of ggufref.c per test binary.
var ggufBuild struct {
	once sync.Once
	bin  string
	err  error
}

// ReadGGUF parses path with llama.cpp's GGUF parser. It returns an error
// wrapping ErrGGUFRefused when llama.cpp refuses the file.
func ReadGGUF(t testing.TB, path string) (GGUFInfo, error) {
	t.Helper()
	bin := ggufRef(t)
	cmd := exec.Command(bin, filepath.Join(LibDir(), "libggml-base.so"), path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := errors.AsType[*exec.ExitError](err); ok && ee.ExitCode() == 3 {
		return GGUFInfo{}, fmt.Errorf("%w: %s", ErrGGUFRefused, strings.TrimSpace(stderr.String()))
	}
	if err != nil {
		t.Fatalf("llamaref: ggufref %s: %v\n%s", path, err, stderr.Bytes())
	}
	info, err := parseGGUFDump(out)
	if err != nil {
		t.Fatalf("llamaref: ggufref %s: %v", path, err)
	}
	return info, nil
}

func ggufRef(t testing.TB) string {
	t.Helper()
	Require(t)
	ggufBuild.once.Do(func() { ggufBuild.bin, ggufBuild.err = buildHarness("ggufref") })
	if ggufBuild.err != nil {
		if _, err := exec.LookPath("gcc"); err != nil && os.Getenv("HEARTH_REQUIRE_REFERENCE") == "" {
			t.Skipf("llamaref: gcc not found, cannot build the ggufref harness: %v", err)
		}
		t.Fatalf("llamaref: %v", ggufBuild.err)
	}
	return ggufBuild.bin
}

// parseGGUFDump reads the line format ggufref.c documents.
func parseGGUFDump(out []byte) (GGUFInfo, error) {
	var info GGUFInfo
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if err := info.addRecord(f); err != nil {
			return info, fmt.Errorf("line %q: %w", sc.Text(), err)
		}
	}
	return info, sc.Err()
}

func (info *GGUFInfo) addRecord(f []string) error {
	var err error
	switch {
	case f[0] == "version" && len(f) == 2:
		var v uint64
		v, err = strconv.ParseUint(f[1], 10, 32)
		info.Version = uint32(v)
	case f[0] == "alignment" && len(f) == 2:
		info.Alignment, err = strconv.ParseUint(f[1], 10, 64)
	case f[0] == "data_offset" && len(f) == 2:
		info.DataOffset, err = strconv.ParseUint(f[1], 10, 64)
	case f[0] == "n_kv" || f[0] == "n_tensors":
	case f[0] == "kv" && len(f) == 5:
		var kv GGUFKV
		kv, err = parseKV(f)
		info.KVs = append(info.KVs, kv)
	case f[0] == "v" && len(f) == 2 && len(info.KVs) > 0:
		kv := &info.KVs[len(info.KVs)-1]
		kv.Values = append(kv.Values, decodeValue(kv, f[1]))
	case f[0] == "tensor" && len(f) == 9:
		var t GGUFTensor
		t, err = parseTensor(f)
		info.Tensors = append(info.Tensors, t)
	default:
		err = errors.New("unexpected record")
	}
	return err
}

func parseKV(f []string) (GGUFKV, error) {
	key, err := hex.DecodeString(f[1])
	if err != nil {
		return GGUFKV{}, err
	}
	kv := GGUFKV{Key: string(key)}
	if kv.Type, err = strconv.Atoi(f[2]); err == nil {
		kv.ArrType, err = strconv.Atoi(f[3])
	}
	return kv, err
}

// decodeValue turns hex-encoded strings back into text.
func decodeValue(kv *GGUFKV, v string) string {
	const ggufString = 8
	if kv.Type == ggufString || kv.ArrType == ggufString {
		if b, err := hex.DecodeString(v); err == nil {
			return string(b)
		}
	}
	return v
}

func parseTensor(f []string) (GGUFTensor, error) {
	name, err := hex.DecodeString(f[1])
	if err != nil {
		return GGUFTensor{}, err
	}
	t := GGUFTensor{Name: string(name)}
	nums := make([]int64, 7)
	for i, s := range f[2:] {
		if nums[i], err = strconv.ParseInt(s, 10, 64); err != nil {
			return t, err
		}
	}
	t.Type, t.Offset, t.Size = uint32(nums[0]), uint64(nums[1]), uint64(nums[2])
	copy(t.NE[:], nums[3:])
	return t, nil
}
