package pdf

import (
	"bytes"
	"flag"
	"testing"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
)

// FuzzDocuments renders a document of a register whose every text field
// is arbitrary: one member's 姓名, 党小组, 职务 and 编号, the 事由 and 理由 of
// its rows, the names of the items they use, the 支部名称, the other text
// settings and an 异议 (see hostile). The register is scored by the real
// scorer and the document drawn with the font BuildFont cuts for it, as a
// build does. flags choose 公示排名, 入党积极分子, a draft, compression and
// (from bit 4) which document: every quarter's notice and slips, the annual
// notice, the register (everyDocument).
//
// Whatever the text: no panic, no error, every table's columns at least one
// character wide and within the page (renderGuarded), a number of pages
// linear in the text, and the document done within docTime and docHeap —
// a run past them crashes the fuzz worker, which records the input as a
// failure. The committed corpus (testdata/fuzz/FuzzDocuments) holds the
// reproducers of issue 24 and what fuzzing found. Run it with
//
//	go test -run '^$' -fuzz FuzzDocuments -fuzztime 5m ./internal/pdf/
//
// An input is nine strings and a render takes tens of milliseconds, so
// Go's default minimization (up to 60 s for each new input) left the
// workers idle most of the time: 605 executions in 6 minutes, against 7,432
// in 8 minutes with 20 tries (on 2 busy cores). minimizeBriefly makes 20
// tries the default here; -fuzzminimizetime still overrides it.
func FuzzDocuments(f *testing.F) {
	minimizeBriefly(f)
	for _, h := range []hostile{
		{Name: "张三", Group: "第一党小组", Role: "支部书记", ID: "D001", Reason: "参加支部党员大会", Item: "参加党小组会",
			Branch: "中共示例市示例局机关党支部", Setting: "王书记", Objection: "对第一季度积分有异议", Others: 3},
		{Name: longRealName, Group: "第一党小组\n\n（机关）", Reason: "事由\r\n第二行", Branch: "党支部", Others: 5},
		{Name: "𠇔\u202e\x1b[2J\x00", Group: "\u3000 \n", Role: "\xff\xfe", ID: "😀", Reason: "\t", Item: "", Branch: "\n\n",
			Setting: "《》", Objection: "\u200b", Ranks: true, Activist: true},
	} {
		for doc := range uint8(10) {
			f.Add(h.Name, h.Group, h.Role, h.ID, h.Reason, h.Item, h.Branch, h.Setting, h.Objection, uint8(h.Others), doc<<4)
		}
	}
	docs := everyDocument()
	f.Fuzz(func(t *testing.T, name, group, role, id, reason, item, branch, setting, objection string, others, flags uint8) {
		h := hostile{Name: name, Group: group, Role: role, ID: id, Reason: reason, Item: item, Branch: branch,
			Setting: setting, Objection: objection, Others: int(others % 8), Ranks: flags&1 != 0, Activist: flags&2 != 0}
		res := h.year()
		font, err := BuildFont(nil, []*model.Result{res})
		if err != nil {
			t.Fatal(err)
		}
		o := Options{Now: testNow, Font: font, Draft: flags&4 != 0, Compress: flags&8 != 0}
		d := docs[int(flags>>4)%len(docs)]
		runes := 0
		for _, s := range []string{name, group, role, id, reason, item, branch, setting, objection} {
			runes += utf8.RuneCountInString(s)
		}
		// Generous, but linear: a loop that adds pages fails it.
		budget := 20 + 2*len(res.Members) + runes/8
		b, pages := renderGuarded(t, d, res, o)
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", d.name)
		}
		if pages > budget {
			t.Errorf("%s: %d pages for %d characters of text and %d members, budget %d", d.name, pages, runes, len(res.Members), budget)
		}
	})
}

// minimizeBriefly makes a fuzz target minimize each new input with at most
// 20 tries unless -fuzzminimizetime is given (see FuzzDocuments; the
// workbook package's fuzz targets do the same).
func minimizeBriefly(tb testing.TB) {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", "20x"); err != nil {
			tb.Fatal(err)
		}
	}
}
