// Command eval is `make eval`: it measures Hearth's document search on
// BEIR SciFact end to end. It writes the corpus as one Markdown file per
// abstract into a temporary folder, indexes it with `hearth docs add`
// under a fresh HEARTH_HOME, runs every judged query through one
// `hearth docs search --k 100 --json --stdin` process, and prints nDCG@10
// and recall@100 (trec_eval definitions, as BEIR reports them).
//
//	go run ./memory/internal/scifact/cmd/eval -hearth build/eval/hearth [-model PATH] [-split train]
//
// With -model it passes `--model PATH` to both hearth calls, so search is
// hybrid (keyword and vectors fused). SciFact is found at
// ../shared/testdata/scifact, or under $HEARTH_TESTDATA.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/hearth-app/hearth/memory/internal/scifact"
)

func main() {
	bin := flag.String("hearth", "", "path to the hearth binary (required)")
	model := flag.String("model", "", "embedding model GGUF; given, search is hybrid")
	split := flag.String("split", "train", "qrels split: qrels/<split>.tsv")
	keep := flag.Bool("keep", false, "keep the temporary corpus and HEARTH_HOME")
	flag.Parse()
	if *bin == "" {
		log.Fatal("eval: -hearth is required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *bin, *model, *split, *keep); err != nil {
		log.Fatal(err)
	}
}

// run does the whole measurement and prints the figures.
func run(ctx context.Context, bin, model, split string, keep bool) error {
	d, err := scifact.Load(scifact.Dir("."), split)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "hearth-scifact-")
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if keep {
		fmt.Fprintln(os.Stderr, "eval: keeping", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	corpus := filepath.Join(tmp, "corpus")
	if err := os.Mkdir(corpus, 0o700); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if err := scifact.WriteCorpus(corpus, d.Corpus); err != nil {
		return err
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	r := &scifact.Runner{Bin: abs, Home: filepath.Join(tmp, "home"), Passphrase: "scifact-eval", Env: os.Environ()}
	mode := "BM25 only"
	if model != "" {
		r.Extra, mode = []string{"--model", model}, "hybrid, model "+model
	}
	start := time.Now()
	if err := r.Add(ctx, corpus, os.Stderr); err != nil {
		return err
	}
	indexed := time.Since(start)
	start = time.Now()
	runs, err := r.Search(ctx, d.Queries, 100, os.Stderr)
	if err != nil {
		return err
	}
	searched := time.Since(start)
	s := scifact.Evaluate(runs, d.Qrels)
	fmt.Printf("SciFact %s (%s): %d docs, %d queries\n", split, mode, len(d.Corpus), s.Queries)
	fmt.Printf("nDCG@10    %.4f   (published BM25 baseline 0.665, on the test split)\n", s.NDCG10)
	fmt.Printf("recall@100 %.4f\n", s.Recall100)
	fmt.Printf("docs add %.1f s, %d queries %.1f s\n", indexed.Seconds(), len(d.Queries), searched.Seconds())
	return nil
}
