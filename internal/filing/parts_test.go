package filing

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestSlipsParts: a quarter of a large branch carries every slips document
// (model.Result.SlipsParts), each in the manifest and named in summary.json,
// and the bundle opens clean.
func TestSlipsParts(t *testing.T) {
	res := unposted(demo(t)[2026])
	big := *res
	big.Members = nil
	for i := range model.SlipsMaxMembers + 20 {
		m := *res.Members[i%len(res.Members)].Member
		m.ID = fmt.Sprintf("X%04d", i)
		m.Group = fmt.Sprintf("第%d党小组", i/100)
		mr := &model.MemberResult{Member: &m}
		mr.Quarters[0] = model.QuarterScore{Quarter: 1, Participating: true, Base: 8000, Total: 8000}
		big.Members = append(big.Members, mr)
	}
	parts := big.SlipsParts(1)
	if len(parts) != 2 {
		t.Fatalf("%d parts, want 2", len(parts))
	}
	docs := Docs{Notice: []byte("%PDF-notice")}
	for _, p := range parts {
		docs.SlipsParts = append(docs.SlipsParts, Part{Name: p.File, Data: []byte("%PDF-" + p.File)})
	}
	var buf bytes.Buffer
	if err := Write(&buf, &big, 1, docs); err != nil {
		t.Fatal(err)
	}
	b, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "big.zip", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{NoticeFile, "slips-01.pdf", "slips-02.pdf"}
	if got := b.Summary.Documents.Files(); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	if b.Summary.Documents.Slips != "slips-01.pdf" {
		t.Errorf("documents.slips = %q", b.Summary.Documents.Slips)
	}
}
