package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
)

// Cache carries work between the builds of one watching process: workbooks
// whose bytes did not change are not re-parsed, and documents whose inputs
// did not change are not re-rendered (fpdf re-parses its 4.6 MB font for
// every document, which is most of a rebuild). A Cache serves one build at a
// time.
type Cache struct {
	load *load.Cache
	mu   sync.Mutex
	docs map[[32]byte]cachedDoc
	used map[[32]byte]bool
}

type cachedDoc struct {
	data     []byte
	findings model.Findings
}

// NewCache returns an empty cache for Config.Cache.
func NewCache() *Cache {
	return &Cache{load: load.NewCache(), docs: map[[32]byte]cachedDoc{}}
}

func (c *Cache) loadCache() *load.Cache {
	if c == nil {
		return nil
	}
	return c.load
}

// prints are hashes of the parts of a year's result that documents are made
// from, so that a save touching one quarter re-renders only that quarter's
// documents: day-to-day entries land in the open quarter and leave every
// published document as it was.
type prints struct {
	base    [32]byte    // settings, roster, which periods are closed
	quarter [4][32]byte // every member's figures and lines of quarter q
	annual  [32]byte    // every member's annual result
}

func hashJSON(v any) ([32]byte, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(v); err != nil {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

func fingerprint(res *model.Result) (p prints, err error) {
	if p.base, err = hashJSON(struct {
		Settings   model.Settings
		Members    []*model.Member
		Closed     [4]bool
		YearClosed bool
	}{res.Year.Settings, res.Year.Members, res.Closed, res.YearClosed}); err != nil {
		return p, err
	}
	for q := range 4 {
		qs := make([]model.QuarterScore, len(res.Members))
		for i, m := range res.Members {
			qs[i] = m.Quarters[q]
		}
		if p.quarter[q], err = hashJSON(qs); err != nil {
			return p, err
		}
	}
	as := make([]*model.Annual, len(res.Members))
	for i, m := range res.Members {
		as[i] = m.Annual
	}
	p.annual, err = hashJSON(as)
	return p, err
}

// key identifies one document: the prints of the parts it is made from
// (quarter 1–4, or 0 for the annual part) and its name, draft flag, font
// and day (documents carry the build date).
func (p prints) key(parts []int, name string, draft bool, font, day string) [32]byte {
	h := sha256.New()
	h.Write(p.base[:])
	for _, q := range parts {
		if q == 0 {
			h.Write(p.annual[:])
		} else {
			h.Write(p.quarter[q-1][:])
		}
	}
	for _, s := range []string{name, strconv.FormatBool(draft), font, day} {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.used = map[[32]byte]bool{}
	c.mu.Unlock()
}

func (c *Cache) get(k [32]byte) (cachedDoc, bool) {
	if c == nil {
		return cachedDoc{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[k]
	if ok {
		c.used[k] = true
	}
	return d, ok
}

func (c *Cache) put(k [32]byte, data []byte, fs model.Findings) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs[k] = cachedDoc{data: bytes.Clone(data), findings: fs}
	c.used[k] = true
}

// end drops documents the last successful build did not use, so the cache
// holds one site's worth of documents at most.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.docs {
		if !c.used[k] {
			delete(c.docs, k)
		}
	}
}
