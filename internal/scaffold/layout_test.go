package scaffold

import (
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// A layout places each value at its column of the template, whatever the
// order the generator names them in, and leaves the others blank.
func TestLayout(t *testing.T) {
	l := newLayout(model.KindEntries, model.EntryReason, model.EntryDate)
	row := l.row("党员大会", "2026-03-05")
	if len(row) != len(model.KindEntries.Schema().Template()) {
		t.Fatalf("row of %d cells", len(row))
	}
	if row[model.EntryReason.Index()] != "党员大会" || row[model.EntryDate.Index()] != "2026-03-05" || row[model.EntryID.Index()] != nil {
		t.Errorf("row = %v", row)
	}
	// The roster's template-only columns follow its read ones.
	if r := rosterLayout.row("D001", "张三"); len(r) != 13 || r[0] != "D001" {
		t.Errorf("roster row = %v", r)
	}
	for _, bad := range []func(){
		func() { newLayout(model.KindEntries, model.ClaimReason) },
		func() { l.row(1, 2, 3) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			bad()
		}()
	}
}

// The templates' 说明 names every kind and every confidential column of
// the schema: it is prose, but it must not fall behind the declarations.
func TestNotesNameSchema(t *testing.T) {
	notes := strings.Join(commonNotes, "\n")
	for _, k := range model.Kinds {
		if !strings.Contains(notes, string(k)) {
			t.Errorf("the notes do not name the kind %s", k)
		}
	}
	for _, h := range model.Confidential() {
		if !strings.Contains(notes, h) {
			t.Errorf("the notes do not name the confidential column %s", h)
		}
	}
}
