package memory_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/memory"
)

// corpus makes chat-like texts: ~40 words from a 20,000-word vocabulary
// with a Zipf distribution, as natural language has.
type corpus struct {
	words []string
	zipf  *rand.Zipf
}

func newCorpus(seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 1))
	c := &corpus{zipf: rand.NewZipf(r, 1.1, 2, 19999)}
	for i := range 20000 {
		c.words = append(c.words, fmt.Sprintf("w%x", i*2654435761%1000003))
	}
	return c
}

func (c *corpus) text(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.words[c.zipf.Uint64()])
	}
	return b.String()
}

// filledStore makes a closed store holding n messages in conversations
// of 50, and returns its directory.
func filledStore(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	s, dir, _ := newStore(b)
	c := newCorpus(uint64(n))
	for done := 0; done < n; done += 50 {
		conv, err := s.CreateConversation(ctx, "bench")
		must(b, err)
		msgs := make([]memory.Message, 50)
		for i := range msgs {
			msgs[i] = memory.Message{Role: memory.RoleUser, Text: c.text(40)}
		}
		_, err = s.AddMessages(ctx, conv.ID, 0, msgs)
		must(b, err)
	}
	must(b, s.Close())
	return dir
}

// BenchmarkAddMessage measures durable sealed inserts: one message per
// transaction, fsynced (synchronous=FULL), indexed in memory.
func BenchmarkAddMessage(b *testing.B) {
	ctx := context.Background()
	s, _, _ := newStore(b)
	defer s.Close()
	conv, err := s.CreateConversation(ctx, "bench")
	must(b, err)
	c := newCorpus(1)
	for b.Loop() {
		if _, err := s.AddMessage(ctx, conv.ID, 0, memory.Message{Role: memory.RoleUser, Text: c.text(40)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkAddMessagesBatch measures sealed inserts in transactions of 50.
func BenchmarkAddMessagesBatch(b *testing.B) {
	ctx := context.Background()
	s, _, _ := newStore(b)
	defer s.Close()
	conv, err := s.CreateConversation(ctx, "bench")
	must(b, err)
	c := newCorpus(1)
	msgs := make([]memory.Message, 50)
	for b.Loop() {
		for i := range msgs {
			msgs[i] = memory.Message{Role: memory.RoleUser, Text: c.text(40)}
		}
		if _, err := s.AddMessages(ctx, conv.ID, 0, msgs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*50)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkUnlock measures unlock-to-searchable: Open (with the cheap
// test KDF, so the figure is the store's own cost; add the Argon2id time
// of keys.BenchmarkUnlockDefaultParams) and a first search. "rebuild"
// opens a store without an index snapshot, as a store would without
// the sealed snapshot.
func BenchmarkUnlock(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		dir := filledStore(b, n)
		b.Run(fmt.Sprintf("snapshot/%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				s := reopen(b, dir)
				if _, err := s.Search(context.Background(), "w0", 10); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
		if n > 10_000 {
			continue
		}
		b.Run(fmt.Sprintf("rebuild/%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				s := reopen(b, dir, memory.WithoutIndexSnapshot())
				st, err := s.Stats(context.Background())
				if err != nil || st.Indexed == 0 {
					b.Fatal(st, err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkSearch measures search latency over the unlocked store and
// reports p50 and p95.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10_000, 100_000} {
		dir := filledStore(b, n)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			s := reopen(b, dir)
			defer s.Close()
			c := newCorpus(99)
			var lat []time.Duration
			for b.Loop() {
				q := c.text(3)
				start := time.Now()
				if _, err := s.Search(ctx, q, 10); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds()), "p95-µs")
		})
	}
}
