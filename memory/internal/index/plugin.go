package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v16"
)

// pluginType names the segment plugin in scorch's registry.
const pluginType = "hearth-zap"

// markerID is the id of the empty document whose batch asks the plugin
// for the prepared segment instead of building one.
const markerID = "\x00hearth-load-segment"

// inboxKey is the segment config key under which each index keeps its
// own inbox, so one registered plugin serves many indexes.
const inboxKey = "hearth.inbox"

// inbox passes one prepared segment from Load to the plugin. Load holds
// the index alone while it injects, so no lock is needed.
type inbox struct{ seg segment.Segment }

// plugin builds segments exactly as zap v16 does, except for marker
// batches, which receive the inbox's segment.
type plugin struct{ zap.ZapPlugin }

func (*plugin) Type() string    { return pluginType }
func (*plugin) Version() uint32 { return zap.Version }

func (p *plugin) NewUsing(docs []index.Document, config map[string]interface{}) (segment.Segment, uint64, error) {
	if len(docs) == 1 && string(docs[0].ID()) == markerID {
		in, ok := config[inboxKey].(*inbox)
		if !ok || in.seg == nil {
			return nil, 0, fmt.Errorf("index: marker batch without a prepared segment")
		}
		seg := in.seg
		in.seg = nil
		return seg, 0, nil
	}
	seg, n, err := p.ZapPlugin.NewUsing(docs, config)
	if err != nil {
		return nil, 0, err
	}
	return fit(seg, n), n, nil
}

// fit returns seg over a buffer of its own size. zap builds a segment in
// a buffer grown by doubling from an estimate, and the in-memory index
// keeps that buffer for as long as the segment lives: up to twice the
// segment's bytes. A segment of n bytes with much more capacity is
// copied once into an exact buffer (a memory copy, no analysis).
func fit(seg segment.Segment, n uint64) segment.Segment {
	sb, ok := seg.(*zap.SegmentBase)
	if !ok || uint64(sb.Size()) < n+n/8+64<<10 {
		return seg
	}
	b, err := encodeSegment(sb)
	if err != nil {
		return seg
	}
	tight, err := decodeSegment(b, map[string]interface{}{})
	if err != nil {
		return seg
	}
	return tight
}

func (p *plugin) New(docs []index.Document) (segment.Segment, uint64, error) {
	return p.NewUsing(docs, nil)
}

// init registers the plugin with scorch, as database/sql drivers
// register themselves: scorch keeps its plugins in a registry of its own.
func init() {
	scorch.RegisterSegmentPlugin(&plugin{}, false)
}
