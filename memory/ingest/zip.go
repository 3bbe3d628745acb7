package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
)

// Caps on the zip archives that DOCX, ODT and EPUB are, against zip bombs.
const (
	maxZipEntries = 20000   // entries in the archive's directory
	maxZipEntry   = 1 << 28 // uncompressed bytes of one entry read (256 MiB)
	maxZipTotal   = 1 << 30 // uncompressed bytes read from one archive (1 GiB)
	maxZipRatio   = 200     // uncompressed to compressed, for entries over 1 MiB
)

// zipDoc is a document's zip archive, read within the caps. Entry names
// are only ever looked up, never used as paths on disk.
type zipDoc struct {
	r    *zip.Reader
	kind format
	read int64 // uncompressed bytes handed out so far
}

// openZip opens f (size bytes) as the zip archive of a kind document.
func openZip(f *os.File, size int64, kind format) (*zipDoc, error) {
	r, err := zip.NewReader(f, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, errUnreadable(fmt.Sprintf("The %s is damaged: it is not a readable zip archive.", kind), err)
	}
	if len(r.File) > maxZipEntries {
		return nil, errUnreadable(fmt.Sprintf("The %s has %d parts, more than the %d Hearth reads.", kind, len(r.File), maxZipEntries), nil)
	}
	return &zipDoc{r: r, kind: kind}, nil
}

// find returns the entry named name, or nil.
func (z *zipDoc) find(name string) *zip.File {
	for _, f := range z.r.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// open opens the entry named name for reading within the caps.
func (z *zipDoc) open(name string) (io.ReadCloser, error) {
	f := z.find(name)
	if f == nil {
		return nil, errUnreadable(fmt.Sprintf("The %s is damaged: it lacks its %s part.", z.kind, name), nil)
	}
	u, c := f.UncompressedSize64, f.CompressedSize64
	if u > maxZipEntry || u > 1<<20 && (c == 0 || u/c > maxZipRatio) {
		return nil, errUnreadable(fmt.Sprintf("The %s looks like a zip bomb: its %s part unpacks to %d MiB.", z.kind, name, u>>20), nil)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errUnreadable(fmt.Sprintf("The %s is damaged: its %s part cannot be opened.", z.kind, name), err)
	}
	return &cappedReader{rc: rc, z: z, left: int64(u) + 1}, nil
}

// cappedReader stops an entry that unpacks to more than it declared, or
// pushes the archive past its total cap.
type cappedReader struct {
	rc   io.ReadCloser
	z    *zipDoc
	left int64
}

func (r *cappedReader) Read(p []byte) (int, error) {
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	r.z.read += int64(n)
	if r.left <= 0 || r.z.read > maxZipTotal {
		return n, errUnreadable(fmt.Sprintf("The %s looks like a zip bomb: it unpacks to more than it declares.", r.z.kind), nil)
	}
	return n, err
}

func (r *cappedReader) Close() error { return r.rc.Close() }
