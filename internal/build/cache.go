package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
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

// fingerprint identifies everything a year's documents are made from: the
// whole scored result (figures, lines, settings, positions for findings).
func fingerprint(res *model.Result) ([32]byte, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(res); err != nil {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

func docKey(year [32]byte, parts ...string) [32]byte {
	h := sha256.New()
	h.Write(year[:])
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
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
