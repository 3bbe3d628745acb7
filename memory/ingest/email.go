package ingest

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxMIMEDepth bounds multipart nesting.
const maxMIMEDepth = 8

// parseEmail reads one message (.eml): its From, To, Date and Subject
// lines, then its text parts, decoded (quoted-printable, base64, charset).
// Its heading path is the subject. In multipart/alternative the plain
// text is preferred to the HTML; attachments and other parts are skipped.
func parseEmail(ctx context.Context, r io.Reader, c *chunker) error {
	msg, err := mail.ReadMessage(bufio.NewReaderSize(r, maxPiece))
	if err != nil {
		return errUnreadable("The e-mail's header does not parse.", err)
	}
	subject := decodeHeader(msg.Header.Get("Subject"))
	var head strings.Builder
	for _, k := range []string{"From", "To", "Date", "Subject"} {
		if v := decodeHeader(msg.Header.Get(k)); v != "" {
			head.WriteString(k + ": " + v + "\n")
		}
	}
	if err := c.add(head.String()+"\n", 0, subject); err != nil {
		return err
	}
	m := &mailText{c: c, heading: subject}
	return m.part(ctx, msg.Header, msg.Body, 0)
}

// decodeHeader decodes RFC 2047 words ("=?utf-8?q?...?=") in a header.
func decodeHeader(v string) string {
	d := mime.WordDecoder{CharsetReader: charset.NewReaderLabel}
	if s, err := d.DecodeHeader(v); err == nil {
		v = s
	}
	return strings.Join(strings.Fields(v), " ")
}

// header is what the walk needs of a MIME header: mail.Header and
// textproto.MIMEHeader both have it.
type header interface{ Get(string) string }

// mailText feeds the text parts of one message.
type mailText struct {
	c       *chunker
	heading string
}

// part feeds one MIME part (the whole body, or a part of a multipart).
func (m *mailText) part(ctx context.Context, h header, body io.Reader, depth int) error {
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mediaType, params = "text/plain", nil
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxMIMEDepth || params["boundary"] == "" {
			return nil
		}
		return m.multipart(ctx, mediaType, multipart.NewReader(body, params["boundary"]), depth)
	}
	if strings.HasPrefix(strings.ToLower(h.Get("Content-Disposition")), "attachment") {
		return nil
	}
	if mediaType != "text/plain" && mediaType != "text/html" {
		return nil
	}
	r := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	if cs := params["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
		if dr, err := charset.NewReaderLabel(cs, r); err == nil {
			r = dr
		}
	}
	if mediaType == "text/html" {
		h := &htmlText{c: m.c, startOfs: true}
		h.path.set(1, m.heading)
		if err := h.stream(ctx, r); err != nil {
			return err
		}
	} else if err := pieces(ctx, r, func(p []byte) error { return m.c.add(string(p), 0, m.heading) }); err != nil {
		return err
	}
	return m.c.add("\n\n", 0, m.heading) // parts end without a line break
}

// multipart feeds the parts of a multipart body; of an alternative, only
// the first text part that gave text.
func (m *mailText) multipart(ctx context.Context, mediaType string, mr *multipart.Reader, depth int) error {
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return errUnreadable("The e-mail is damaged: a MIME part does not parse.", err)
		}
		before := m.c.total
		if err := m.part(ctx, p.Header, p, depth+1); err != nil {
			return err
		}
		if mediaType == "multipart/alternative" && m.c.total > before {
			return nil
		}
	}
}

// decodeTransfer undoes a part's Content-Transfer-Encoding (multipart
// already undoes quoted-printable in parts; a single body needs it here).
func decodeTransfer(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}
