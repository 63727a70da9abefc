package archive

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/schematest"
)

// records are one of each shape: a quarter's 公示, its 更正公示 (a member
// changed, one added, one removed) and the year's 公示.
func records(t *testing.T) []*model.Record {
	br := annualBranch()
	res := br.score(annualAsOf)
	q := post(t, res, 1, model.PostNotice, day(4, 3), nil)
	c := post(t, res, 1, model.PostCorrection, day(4, 10), q,
		model.Change{ID: "D001", Name: "张明", Kind: model.ChangedFigures, Investigation: "漏登党课，已补登记",
			Figures: []model.FigureChange{{Figure: model.FigBase, Old: "40", New: "46"}, {Figure: model.FigTotal, Old: "40", New: "46"}}},
		model.Change{ID: "D004", Name: "赵强", Kind: model.MemberAdded, Investigation: "转入后漏列",
			Figures: []model.FigureChange{{Figure: model.FigTotal, New: "30"}}},
		model.Change{ID: "D003", Name: "王芳", Kind: model.MemberRemoved, Investigation: "已办理转出",
			Figures: []model.FigureChange{{Figure: model.FigTotal, Old: "39"}}})
	c.Name = model.RecordName(2026, 1, model.PostCorrection, day(4, 10), 2) // a second correction that day
	a := post(t, res, 0, model.PostNotice, annualPosted, c)
	return []*model.Record{q, c, a}
}

// TestEncodeDecode: a record reads back as written, and its JSON is what
// docs/archive-record.schema.json documents.
func TestEncodeDecode(t *testing.T) {
	sc := schematest.Load(t, "archive-record.schema.json")
	for _, r := range records(t) {
		b, err := Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		if msg := sc.Validate(schematest.Decode(t, b), r.Name); msg != "" {
			t.Errorf("%s: %s\n%s", r.Name, msg, b)
		}
		got, err := Decode(r.Name+".json", 2026, b)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		// Where the file is and its hash are the reader's to fill in.
		got.File, got.PDF, got.SHA256 = r.File, r.PDF, r.SHA256
		if !reflect.DeepEqual(got, r) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", r.Name, got, r)
		}
		again, _ := Encode(got)
		if !bytes.Equal(again, b) {
			t.Errorf("%s: encoding is not stable", r.Name)
		}
	}
}

// TestDecodeRejects: a record is read only when it is exactly what jifen
// post writes; each mistake is named in Chinese.
func TestDecodeRejects(t *testing.T) {
	rs := records(t)
	quarter, _ := Encode(rs[0])
	annual, _ := Encode(rs[2])
	sc := schematest.Load(t, "archive-record.schema.json")
	tests := []struct {
		name   string
		doc    []byte
		file   string
		year   int
		edit   func(m map[string]any)
		want   string
		schema string // what the schema says, "" = the schema accepts it (only the reader knows)
	}{
		{"not JSON", []byte("{"), "", 2026, nil, "无法解析", ""},
		{"other format", quarter, "", 2026, func(m map[string]any) { m["format"] = "x" }, "不是 jifen 的公示存档记录", "≠"},
		{"newer version", quarter, "", 2026, func(m map[string]any) { m["version"] = 2 }, "记录格式版本 2 不受本程序支持", "≠"},
		{"other year folder", quarter, "", 2025, nil, "与所在的年度文件夹 2025 不符", ""},
		{"renamed file", quarter, "2026-Q2-公示-20260403.json", 2026, nil, "文件名与内容不符：按内容应为「2026-Q1-公示-20260403.json」", ""},
		{"posted before the quarter ended", quarter, "", 2026, func(m map[string]any) { m["posted"] = "2026-03-31" },
			"张贴日期 2026-03-31 不在2026年第一季度结束之后", ""},
		{"figure as a float", quarter, "", 2026, func(m map[string]any) { member(m)["total"] = 40.5 }, "无法解析", "is not of type"},
		{"figure with three decimals", quarter, "", 2026, func(m map[string]any) { member(m)["total"] = "40.125" },
			"不是有效的数值或等次", "does not match"},
		{"figure missing", quarter, "", 2026, func(m map[string]any) { delete(member(m), "reward") }, "缺少「奖励积分」", "reward is required"},
		{"grade unknown", annual, "2026-年度-公示-20270115.json", 2026, func(m map[string]any) { member(m)["grade"] = "良好" },
			"不是有效的数值或等次", "not in"},
		{"previous not a hash", quarter, "", 2026, func(m map[string]any) { m["previous"] = "abc" }, "前一份记录的 SHA-256", "does not match"},
		{"corrections in a 公示", quarter, "", 2026, func(m map[string]any) {
			m["corrections"] = []any{map[string]any{"id": "D1", "name": "x", "change": "更正", "figures": []any{}, "investigation": ""}}
		}, "公示记录不应有 corrections", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.doc
			if tt.edit != nil {
				var m map[string]any
				if err := json.Unmarshal(doc, &m); err != nil {
					t.Fatal(err)
				}
				tt.edit(m)
				doc, _ = json.Marshal(m)
			}
			file := tt.file
			if file == "" {
				file = rs[0].Name + ".json"
			}
			_, err := Decode(file, tt.year, doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode = %v, want …%s…", err, tt.want)
			}
			if tt.edit == nil || strings.Contains(tt.name, "JSON") {
				return
			}
			msg := sc.Validate(schematest.Decode(t, doc), "record")
			if tt.schema == "" && msg != "" || tt.schema != "" && !strings.Contains(msg, tt.schema) {
				t.Errorf("schema says %q, want …%s…", msg, tt.schema)
			}
		})
	}
}

func member(m map[string]any) map[string]any { return m["members"].([]any)[0].(map[string]any) }
