package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
)

// xmlText is what walkXML drives.
type xmlText interface {
	start(xml.StartElement) error
	end(xml.EndElement) error
	text(string) error
	finish() error
}

// walkXML streams an XML part through t, token by token.
func walkXML(ctx context.Context, r io.Reader, kind format, t xmlText) error {
	d := xml.NewDecoder(r) // strict: DOCX and ODT are written by programs
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return t.finish()
		}
		if err != nil {
			var u *unreadable
			if errors.As(err, &u) {
				return err
			}
			return errUnreadable("The "+kind.String()+" is damaged: its XML does not parse.", err)
		}
		if err := xmlToken(t, tok); err != nil {
			return err
		}
	}
}

// xmlToken hands one token to t.
func xmlToken(t xmlText, tok xml.Token) error {
	switch e := tok.(type) {
	case xml.StartElement:
		return t.start(e)
	case xml.EndElement:
		return t.end(e)
	case xml.CharData:
		return t.text(string(e))
	}
	return nil
}
