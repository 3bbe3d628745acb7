package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfEngine is PDFium compiled to WebAssembly, run on wazero (pure Go): a
// pool of instances, one per PDF being read, up to one per CPU. Starting
// it compiles the module (seconds); with Options.CacheDir the compiled
// code is kept on disk for the next run.
type pdfEngine struct {
	pool  pdfium.Pool
	cache wazero.CompilationCache
}

// startPDF starts the engine.
func startPDF(opts Options) (*pdfEngine, error) {
	// Not WithCloseOnContextDone: it starts a goroutine per WebAssembly
	// call, which made text extraction 2.8 times as costly (RATIONALE.md).
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	e := &pdfEngine{}
	if opts.CacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(opts.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("pdf engine cache: %w", err)
		}
		e.cache = cache
		rc = rc.WithCompilationCache(cache)
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       1,
		MaxTotal:      runtime.NumCPU(),
		FSConfig:      wazero.NewFSConfig(), // no host directory is visible to PDFium
		RuntimeConfig: rc,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("pdf engine: %w", err)
	}
	e.pool = pool
	return e, nil
}

// close stops the engine.
func (e *pdfEngine) close() error {
	err := e.pool.Close()
	if e.cache != nil {
		err = errors.Join(err, e.cache.Close(context.Background()))
	}
	return err
}

// engine starts the PDF engine on first use.
func (p *Parser) engine() (*pdfEngine, error) {
	p.pdf.once.Do(func() { p.pdf.e, p.pdf.err = startPDF(p.opts) })
	return p.pdf.e, p.pdf.err
}

// parsePDF feeds each page's text, in order, with its page number; pages
// are separated by a blank line. Past ctx's deadline the instance is
// killed: taken out of the pool, which starts a fresh one; a PDFium call
// already running finishes on its own (Parse has returned by then), and
// no further page is read.
func (p *Parser) parsePDF(ctx context.Context, f *os.File, size int64, c *chunker) error {
	if err := p.checkSize(formatPDF, size); err != nil {
		return err
	}
	e, err := p.engine()
	if err != nil {
		return errUnreadable("The PDF engine could not start.", err)
	}
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return fmt.Errorf("pdf instance: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { inst.Kill() })
	defer func() {
		if stop() {
			inst.Close()
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{FileReader: f, FileReaderSize: size})
	if err != nil {
		return pdfOpenError(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	return pdfPages(ctx, inst, doc.Document, c)
}

// pdfOpenError says in one sentence why a PDF did not open.
func pdfOpenError(err error) error {
	if errors.Is(err, pdfiumerrors.ErrPassword) {
		return errUnreadable("The PDF is encrypted and needs a password.", err)
	}
	if errors.Is(err, pdfiumerrors.ErrSecurity) {
		return errUnreadable("The PDF is encrypted with an unsupported security handler.", err)
	}
	return errUnreadable("The PDF is damaged and could not be opened.", err)
}

// pdfPages feeds the text of each page of doc.
func pdfPages(ctx context.Context, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, c *chunker) error {
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return errUnreadable("The PDF is damaged: its pages could not be counted.", err)
	}
	for i := 0; i < count.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		text, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: i}}})
		if err != nil {
			return errUnreadable(fmt.Sprintf("The PDF is damaged: page %d could not be read.", i+1), err)
		}
		if err := c.add(text.Text+"\n\n", i+1, ""); err != nil {
			return err
		}
	}
	return nil
}
