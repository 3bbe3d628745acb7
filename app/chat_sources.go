package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/memory"
	"github.com/hearth-app/hearth/memory/docsync"
)

// errSourceGone is OpenSource's error for a citation that points nowhere.
var errSourceGone = errors.New("source changed or missing: the passage is no longer in that file")

// OpenSource opens the file that source n of answer messageID cites in
// the system's viewer, at its page where the viewer allows it. The window
// names a citation, never a path: only a file of the library whose cited
// passage is still there, unchanged on disk, is opened.
func (s *ChatService) OpenSource(messageID int64, n int) error {
	var file memory.FileState
	var page int
	err := s.vault.Use(func(st *memory.Store) error {
		c, err := citationOf(context.Background(), st, messageID, n)
		if err != nil {
			return err
		}
		if passageState(context.Background(), st, c) != citationOK {
			return errSourceGone
		}
		file, err = libraryFile(context.Background(), st, c.Path)
		page = c.Location.Page
		return err
	})
	if err != nil {
		return err
	}
	if h, err := docsync.HashFile(file.Path); err != nil || h != file.Hash {
		return errSourceGone
	}
	return s.dialogs.OpenDocument(file.Path, page)
}

// citationOf returns source n of answer messageID.
func citationOf(ctx context.Context, st *memory.Store, messageID int64, n int) (Citation, error) {
	m, err := st.Message(ctx, messageID)
	if err != nil {
		return Citation{}, errors.New("that answer no longer exists")
	}
	for _, c := range readSources(ctx, st, m.ConversationID)[messageID] {
		if c.N == n {
			return c, nil
		}
	}
	return Citation{}, fmt.Errorf("that answer has no source [%d]", n)
}

// libraryFile returns the library's record of the file at path, or
// errSourceGone when no folder of the library holds it.
func libraryFile(ctx context.Context, st *memory.Store, path string) (memory.FileState, error) {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return memory.FileState{}, err
	}
	for _, src := range srcs {
		if !strings.HasPrefix(path, src.Path+string(filepath.Separator)) {
			continue
		}
		files, err := st.FileStates(ctx, src.ID)
		if err != nil {
			return memory.FileState{}, err
		}
		for _, f := range files {
			if f.Path == path && f.DocumentID != 0 {
				return f, nil
			}
		}
	}
	return memory.FileState{}, errSourceGone
}
